import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { pipeline, sources, stages } from '../../../src/index.js';
import { emptyMoments, mergeMoments, channelMoments, stdOf } from '../../../src/stages/preprocess/stats.js';
import type { Image } from '../../../src/core/types.js';
import { collect } from '../../helpers/images.js';

const fixtures = path.resolve(__dirname, '../../../fixtures');
const mnist = (limit = 600) => sources.idx({ images: path.join(fixtures, 'mnist/images-idx3-ubyte.gz'), labels: path.join(fixtures, 'mnist/labels-idx1-ubyte.gz'), limit });

function randomImages(n: number, seed: string): Image[] {
  const rng = seedrandom(seed);
  return Array.from({ length: n }, () => ({
    data: Float32Array.from({ length: 8 * 8 * 3 }, (_, i) => 1000 + (i % 3) * 50 + rng() * (10 + (i % 3))),
    width: 8,
    height: 8,
    channels: 3 as const,
  }));
}

describe('normalize with dataset statistics', () => {
  it('Welford merged image by image equals a two-pass computation (large offset, no cancellation)', () => {
    const images = randomImages(50, 'w');
    for (let c = 0; c < 3; c++) {
      const acc = emptyMoments();
      for (const img of images) mergeMoments(acc, channelMoments(img, c));
      const values = images.flatMap((img) => Array.from(img.data).filter((_, i) => i % 3 === c));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      expect(acc.mean).toBeCloseTo(mean, 9);
      expect(stdOf(acc)).toBeCloseTo(std, 9);
      expect(acc.n).toBe(values.length);
    }
  });

  it('standardize: train data comes out with mean ≈ 0 and std ≈ 1 per channel; stats fitted on train only', async () => {
    const statsDir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-stats-'));
    const norm = stages.normalize({ mode: 'standardize', statsDir });
    const p = pipeline({ seed: 4 }).from(mnist()).pipe(stages.split({ ratios: { train: 0.5, test: 0.5 } }), norm);
    const train = await collect(p.samples({ split: 'train' }));
    const values = train.flatMap((s) => Array.from(s.image.data));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(0, 5);
    expect(std).toBeCloseTo(1, 5);
    expect(norm.stats!.images).toBe(300); // the train half only
    // Test data is transformed with the train statistics: close to, not exactly, standard.
    const test = await collect(p.samples({ split: 'test' }));
    const tv = test.flatMap((s) => Array.from(s.image.data));
    const tmean = tv.reduce((a, b) => a + b, 0) / tv.length;
    expect(Math.abs(tmean)).toBeLessThan(0.1);
    expect(tmean).not.toBe(0);
    // inverse maps back to pixels.
    const back = norm.inverse(train[0]!.image.data as Float32Array, 1);
    const original = (await collect(pipeline({ seed: 4 }).from(mnist()).samples())).find((s) => s.id === train[0]!.id)!;
    back.forEach((v, i) => expect(v).toBeCloseTo(original.image.data[i]!, 3));
  });

  it('saves statistics keyed by the upstream pipeline, reuses them, refits when upstream changes', async () => {
    const statsDir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-stats-'));
    const run = async (limit: number) => {
      const norm = stages.normalize({ mode: 'minmax', range: [0, 1], statsDir });
      await collect(pipeline({ seed: 1 }).from(mnist(limit)).pipe(norm).samples());
      return norm.stats!;
    };
    const a = await run(200);
    expect(readdirSync(statsDir)).toEqual([`${a.fingerprint}.json`]);
    const again = await run(200);
    expect(again.fittedAt).toBe(a.fittedAt); // read from the file, not refitted
    const changed = await run(300);
    expect(changed.fingerprint).not.toBe(a.fingerprint);
    expect(readdirSync(statsDir)).toHaveLength(2);
  });

  it('minmax maps the data range to the output range; center subtracts the mean only', async () => {
    const statsDir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-stats-'));
    const images = randomImages(20, 'm').map((image, i) => ({ id: `i${i}`, image }));
    const mm = await collect(pipeline({ seed: 1 }).from(sources.iterable(() => images)).pipe(stages.normalize({ mode: 'minmax', range: [-1, 1], statsDir })).samples());
    const all = mm.flatMap((s) => Array.from(s.image.data));
    expect(Math.min(...all)).toBeCloseTo(-1, 5);
    expect(Math.max(...all)).toBeCloseTo(1, 5);
    const ce = await collect(pipeline({ seed: 1 }).from(sources.iterable(() => images)).pipe(stages.normalize({ mode: 'center', perChannel: false, statsDir })).samples());
    const cv = ce.flatMap((s) => Array.from(s.image.data));
    expect(cv.reduce((a, b) => a + b, 0) / cv.length).toBeCloseTo(0, 3);
    expect(Math.max(...cv) - Math.min(...cv)).toBeCloseTo(Math.max(...images.flatMap((x) => Array.from(x.image.data))) - Math.min(...images.flatMap((x) => Array.from(x.image.data))), 3);
  });

  it('flags statistical outliers: an image whose mean is far from the dataset’s', async () => {
    const statsDir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-stats-'));
    const images = randomImages(30, 'o').map((image, i) => ({ id: `i${i}`, image }));
    images.push({ id: 'odd', image: { ...images[0]!.image, data: images[0]!.image.data.map((v) => v + 500) } });
    const out = await collect(pipeline({ seed: 1 }).from(sources.iterable(() => images)).pipe(stages.normalize({ mode: 'standardize', outlier: { k: 3 }, statsDir })).samples());
    expect(out.filter((s) => (s.meta['flags'] as string[] | undefined)?.includes('outlier')).map((s) => s.id)).toEqual(['odd']);
  });
});
