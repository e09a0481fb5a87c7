import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPipeline, denoiseOps, pipeline, sources, stages, type Stage } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';
import { collect } from '../../helpers/images.js';

// A smooth 32×32 gray ramp with a deterministic ±30 impulse pattern.
function noisy(): { clean: Image; noisy: Image } {
  const clean = new Uint8Array(32 * 32);
  const dirty = new Uint8Array(32 * 32);
  for (let i = 0; i < clean.length; i++) {
    clean[i] = 60 + (i % 32) * 4;
    dirty[i] = Math.max(0, Math.min(255, clean[i]! + ((i * 7919) % 13 === 0 ? 60 : (i * 31) % 5 === 0 ? -30 : 0)));
  }
  const img = (data: Uint8Array): Image => ({ data, width: 32, height: 32, channels: 1 });
  return { clean: img(clean), noisy: img(dirty) };
}

describe('cleanup stages', () => {
  for (const method of ['gaussian', 'median', 'bilateral', 'nlm', 'tv'] as const) {
    it(`denoise method ${method} runs in a pipeline and raises PSNR on a noisy ramp`, async () => {
      const { clean, noisy: dirty } = noisy();
      const [out] = await collect(pipeline({ seed: 1 }).from(sources.iterable([{ id: 'x', image: dirty }])).pipe(stages.denoise({ method })).samples());
      expect(denoiseOps.psnr(clean, out!.image)).toBeGreaterThan(denoiseOps.psnr(clean, dirty));
      expect(out!.trace?.[0]?.op).toBe(`denoise.${method}`);
    });
  }

  it('sharpen, morphology and threshold run as stages', async () => {
    const { noisy: dirty } = noisy();
    const run = (stage: Stage<unknown>) => collect(pipeline({ seed: 1 }).from(sources.iterable([{ id: 'x', image: dirty }])).pipe(stage).samples());
    expect((await run(stages.sharpen({ amount: 1 })))[0]!.image.width).toBe(32);
    expect((await run(stages.morphology({ operation: 'open' })))[0]!.image.channels).toBe(1);
    const mask = (await run(stages.threshold({ level: 'otsu' })))[0]!.image;
    expect(new Set(mask.data)).toEqual(new Set([0, 255]));
  });

  it('refuses a parameter that does not apply to the method, in a pipeline file', () => {
    expect(() =>
      buildPipeline(
        { source: { type: 'idx', images: 'fixtures/mnist-slice-images-idx3-ubyte' }, stages: [{ type: 'denoise', method: 'median', h: 10 }], batch: { size: 1 } },
        { baseDir: path.resolve(__dirname, '../../..'), where: 'p.json' },
      ),
    ).toThrow(/"h" does not apply to method "median"; it takes "radius"\n {2}→ at stages\[0\]\.h/);
  });
});
