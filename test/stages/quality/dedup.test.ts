import { describe, expect, it } from 'vitest';
import { pipeline, SampleError, sources, stages, type Sample } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';
import { collect } from '../../helpers/images.js';

// A photo-like test pattern: smooth gradients plus a few shapes, so perceptual hashes are informative.
function pattern(w: number, h: number, shift = 0, noise = 0): Image {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = (x + shift) / w;
      const v = y / h;
      const disc = (u - 0.35) ** 2 + (v - 0.4) ** 2 < 0.04 ? 90 : 0;
      const base = 60 + 120 * u * v + disc + (noise ? ((x * 7 + y * 13) % 5) - 2 : 0);
      data.set([base, 255 - base, (base * 2) % 256], (y * w + x) * 3);
    }
  }
  return { data, width: w, height: h, channels: 3 };
}

const run = async (items: { id: string; image: Image }[], options: stages.DedupOptions = {}) => {
  const stream = pipeline({ seed: 1, concurrency: 4 }).from(sources.iterable(items)).pipe(stages.dedup(options)).samples();
  const samples = await collect(stream);
  return { samples, report: stream.report };
};

describe('dedup', () => {
  it('keeps the first occurrence; later same-pixel and near copies go to the report with duplicateOf and distance', async () => {
    const a = pattern(64, 64);
    const { samples, report } = await run([
      { id: 'a', image: a },
      { id: 'b', image: pattern(64, 64, 40) },
      { id: 'a-again', image: { ...a, data: a.data.slice() } },
      { id: 'a-noisy', image: pattern(64, 64, 0, 1) },
    ]);
    expect(samples.map((s) => s.id)).toEqual(['a', 'b']);
    expect(report.rejected.map((r) => [r.id, r.reason, r.details?.['duplicateOf'], r.details?.['kind']])).toEqual([
      ['a-again', 'duplicate', 'a', 'same_pixels'],
      ['a-noisy', 'duplicate', 'a', 'near'],
    ]);
    expect(report.rejected[1]!.details?.['distance']).toBeLessThanOrEqual(3);
  });

  it('groups: every sample records its group (the first member), so a split can keep it together', async () => {
    const a = pattern(32, 32);
    const { samples } = await run([{ id: 'a', image: a }, { id: 'copy', image: a }], { policy: 'flag' });
    const copy = samples.find((s) => s.id === 'copy') as Sample;
    expect(samples.map((s) => s.meta['group'])).toEqual(['a', 'a']);
    expect(copy.meta).toMatchObject({ duplicateOf: 'a', kind: 'same_pixels', flags: ['duplicate'] });
  });

  it('does not match flat images by perceptual hash (black and white hash alike)', async () => {
    const flat = (v: number): Image => ({ data: new Uint8Array(32 * 32 * 3).fill(v), width: 32, height: 32, channels: 3 });
    const { samples } = await run([{ id: 'black', image: flat(0) }, { id: 'white', image: flat(255) }]);
    expect(samples.map((s) => s.id)).toEqual(['black', 'white']);
  });

  it('maxDistance 0 and near: false limit matching; policy "fail" stops the run', async () => {
    const items = [{ id: 'a', image: pattern(64, 64) }, { id: 'n', image: pattern(64, 64, 0, 1) }];
    expect((await run(items, { near: false })).samples).toHaveLength(2);
    await expect(run([{ id: 'a', image: pattern(16, 16) }, { id: 'b', image: pattern(16, 16) }], { policy: 'fail' })).rejects.toThrow(SampleError);
  });

  it('gives the same answer at any concurrency and order of completion', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, image: pattern(32, 32, i % 10) }));
    const one = await collect(pipeline({ seed: 1, concurrency: 1 }).from(sources.iterable(items)).pipe(stages.dedup()).samples());
    const many = await collect(pipeline({ seed: 1, concurrency: 8 }).from(sources.iterable(items)).pipe(stages.dedup()).samples());
    expect(many.map((s) => s.id)).toEqual(one.map((s) => s.id));
  });

  it('keeps the same copy in every epoch, although a shuffle changes the order', async () => {
    const a = pattern(32, 32);
    const items = [{ id: 'a', image: a }, { id: 'b', image: a }, ...Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, image: pattern(32, 32, 3 * i + 5) }))];
    const p = pipeline({ seed: 5 }).from(sources.iterable(() => items)).pipe(stages.dedup()).batch({ size: 1, shuffleBuffer: 100 });
    const kept = new Set<string>();
    for (let epoch = 0; epoch < 4; epoch++) {
      const ids = (await collect(p.samples({ epoch }))).map((s) => s.id);
      kept.add(ids.includes('a') ? 'a' : 'b');
    }
    expect(kept.size).toBe(1);
  });
});
