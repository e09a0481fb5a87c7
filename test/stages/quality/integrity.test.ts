import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, SampleError, sources, stages, type Sample } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';
import { collect, rampImage } from '../../helpers/images.js';

const run = async (items: { id: string; image: Image; label?: string }[], options: stages.IntegrityOptions = {}) => {
  const stream = pipeline({ seed: 1 }).from(sources.iterable(items)).pipe(stages.integrity(options)).samples();
  const samples = await collect(stream);
  return { samples, report: stream.report };
};
const flat = (v: number, w = 32, h = 32): Image => ({ data: new Uint8Array(w * h * 3).fill(v), width: w, height: h, channels: 3 });
// A colourful, detailed image: many gray levels (entropy) and sharp edges (not blurry).
const textured = (w = 32, h = 32): Image => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const edge = (x + y) % 2 ? 60 : 0;
      data.set([40 + 5 * x + edge, 30 + 6 * y, 200 - 3 * x - edge], (y * w + x) * 3);
    }
  }
  return { data, width: w, height: h, channels: 3 };
};

describe('integrity', () => {
  it('drops too-small images by default and flags content problems with scores', async () => {
    const { samples, report } = await run([
      { id: 'tiny', image: flat(128, 4, 4) },
      { id: 'black', image: flat(0) },
      { id: 'fine', image: textured() },
    ]);
    expect(report.rejected.map((r) => [r.id, r.reason])).toEqual([['tiny', 'too_small']]);
    const byId = new Map<string, Sample>(samples.map((s) => [s.id, s]));
    expect(byId.get('black')!.meta['flags']).toEqual(['dark', 'low_information']);
    expect(byId.get('fine')!.meta['flags']).toEqual([]);
    expect((byId.get('fine')!.meta['scores'] as Record<string, number>)['dark']).toBeGreaterThan(0.5);
  });

  it('policy per check: drop a content flag, keep a size problem as a flag, fail on another', async () => {
    const dropped = await run([{ id: 'black', image: flat(0) }], { policy: { dark: 'drop' } });
    expect(dropped.report.rejected.map((r) => r.reason)).toEqual(['dark']);
    const kept = await run([{ id: 'tiny', image: flat(128, 4, 4) }], { policy: { size: 'flag' } });
    expect(kept.samples[0]!.meta['flags']).toContain('too_small');
    await expect(run([{ id: 'white', image: flat(255) }], { policy: { content: 'fail' } })).rejects.toThrow(SampleError);
    await expect(run([{ id: 'white', image: flat(255) }], { policy: { content: 'fail' } })).rejects.toThrow(/white: light/);
  });

  it('thresholds are the user’s: raising blurry’s threshold flags a sharp image', async () => {
    const { samples } = await run([{ id: 'fine', image: textured() }], { thresholds: { blurry: 1 } });
    expect(samples[0]!.meta['flags']).toContain('blurry');
  });

  it('requires labels when asked, and checks float pixels for non-finite and out-of-range values', async () => {
    const unl = await run([{ id: 'a', image: textured() }], { requireLabels: true });
    expect(unl.report.rejected.map((r) => r.reason)).toEqual(['unlabeled']);
    const f = (v: number): Image => ({ data: new Float32Array(16 * 16).fill(0.5).fill(v, 3, 4), width: 16, height: 16, channels: 1 });
    const res = await run([{ id: 'nan', image: f(NaN) }, { id: 'big', image: f(2) }, { id: 'ok', image: f(0.9) }], { pixelRange: [0, 1] });
    expect(res.report.rejected.map((r) => [r.id, r.reason])).toEqual([['nan', 'invalid_pixels'], ['big', 'invalid_pixels']]);
    expect(res.samples.map((s) => s.id)).toEqual(['ok']);
  });

  it('odd_size compares with the images seen so far, once enough were seen', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, image: rampImage(32, 32, 3, i) }));
    items.push({ id: 'huge', image: rampImage(400, 400, 3) });
    const { samples } = await run(items, { oddSizeAfter: 10 });
    expect(samples.find((s) => s.id === 'huge')!.meta['flags']).toContain('odd_size');
    expect(samples.filter((s) => (s.meta['flags'] as string[]).includes('odd_size')).map((s) => s.id)).toEqual(['huge']);
  });

  it('policy.decode "fail" stops the run at the first file that cannot be decoded', async () => {
    const p = pipeline({ seed: 1 })
      .from(sources.glob({ cwd: path.resolve(__dirname, '../../../fixtures/messy'), patterns: ['cats/*.jpg'] }))
      .pipe(stages.integrity({ policy: { decode: 'fail' } }));
    await expect(collect(p.samples())).rejects.toThrow(/could not be decoded \(corrupt/);
  });
});
