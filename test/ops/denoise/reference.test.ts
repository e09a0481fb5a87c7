/**
 * Every op against OpenCV / scikit-image outputs computed offline by scripts/denoise-reference.py
 * on noisy crops of camera.png (48×48 gray) and astronaut.png (32×32 RGB); reference.json lists the
 * cases with the exact reference call. Tolerances are per op, in 8-bit levels, with what was
 * measured when the fixtures were made (opencv-python-headless 5.0.0, scikit-image 0.26.0).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import * as ops from '../../../src/ops/denoise/index.js';
import { denoiseGaussian } from '../../../src/stages/cleanup/gaussian.js';
import { diffStats, FIXTURES, loadF32, loadPng } from './helpers.js';

interface ReferenceCase {
  readonly name: string;
  readonly op: keyof typeof OPS;
  readonly input: 'gray' | 'rgb';
  readonly params: Record<string, unknown>;
  readonly reference: string;
  readonly output: string;
}

interface Reference {
  readonly versions: Record<string, string>;
  readonly otsu: { readonly gray: { readonly cv2: number; readonly skimageFloat: number } };
  readonly cases: readonly ReferenceCase[];
}

type Op = (image: Image, params: never) => Image | Promise<Image>;
const OPS = {
  // The denoise stage's gaussian method: sharp for 8-bit gray and RGB, else the gaussianBlur op.
  gaussianBlur: denoiseGaussian,
  medianFilter: ops.medianFilter,
  bilateralFilter: ops.bilateralFilter,
  nlm: ops.nlm,
  tvDenoise: ops.tvDenoise,
  morphology: ops.morphology,
  unsharpMask: ops.unsharpMask,
  threshold: ops.threshold,
} satisfies Record<string, Op>;

/** Largest and mean absolute difference allowed, in levels of the uint8 output. */
const TOLERANCE: Record<keyof typeof OPS, { max: number; mean: number }> = {
  // OpenCV rounds its 8-bit Gaussian kernel to fixed point; ours is float. Measured: max 1, mean ≤ 0.06.
  gaussianBlur: { max: 1, mean: 0.1 },
  // Same rank filter, same edge replication. Measured: identical.
  medianFilter: { max: 0, mean: 0 },
  // Same float32 tables; OpenCV accumulates in float32, we in float64. Measured: identical.
  bilateralFilter: { max: 1, mean: 0.01 },
  // Same fixed-point weights and rounding, same 8-bit Lab for RGB. Measured: identical.
  nlm: { max: 1, mean: 0.01 },
  // uint8 output against round(255 · skimage); the float output is checked to 1e-6 below. Measured: identical.
  tvDenoise: { max: 1, mean: 0.01 },
  // Comparisons only. Measured: identical.
  morphology: { max: 0, mean: 0 },
  // skimage works on src / 255 in float64, as we do on 0..255. Measured: identical.
  unsharpMask: { max: 1, mean: 0.01 },
  threshold: { max: 0, mean: 0 },
};
/** TV float outputs (src / 255 in, [0, 1] out) against skimage's float64. Measured: max 6e-8. */
const TV_FLOAT_TOLERANCE = 1e-6;

const reference = JSON.parse(await readFile(path.join(FIXTURES, 'reference.json'), 'utf8')) as Reference;
const inputs = { gray: await loadPng('gray.png'), rgb: await loadPng('rgb.png') };

const unitFloat = (image: Image): Image => ({ ...image, data: Float32Array.from(image.data, (v) => v / 255) });
const run = (c: ReferenceCase, image: Image) => (OPS[c.op] as Op)(image, c.params as never);

describe(`reference outputs (OpenCV ${reference.versions['opencv']}, scikit-image ${reference.versions['scikit-image']})`, () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const input = inputs[c.input];
    const out = await run(c, input);
    const tolerance = TOLERANCE[c.op];
    let expected: ArrayLike<number>;
    if (c.output.endsWith('.f32')) {
      const float = await loadF32(c.output);
      const floatOut = await run(c, unitFloat(input));
      const floatStats = diffStats(floatOut.data, float);
      expect(floatStats.max, `${c.name} float vs ${c.reference}`).toBeLessThanOrEqual(TV_FLOAT_TOLERANCE);
      expected = Uint8Array.from(float, (v) => Math.min(255, Math.max(0, Math.round(v * 255))));
    } else {
      const png = await loadPng(c.output);
      expect([out.width, out.height, out.channels]).toEqual([png.width, png.height, png.channels]);
      expected = png.data;
    }
    const stats = diffStats(out.data, expected);
    const measured = `max ${stats.max}  mean ${stats.mean.toFixed(4)}  differing ${stats.differing}/${expected.length}`;
    console.log(`${c.name.padEnd(34)} ${measured}  ← ${c.reference}`);
    expect(stats.max, `${c.name} vs ${c.reference}`).toBeLessThanOrEqual(tolerance.max);
    expect(stats.mean, `${c.name} vs ${c.reference}`).toBeLessThanOrEqual(tolerance.mean);
  });

  it('finds the same Otsu level as cv2.threshold (uint8) and skimage threshold_otsu (float)', () => {
    expect(ops.otsuLevel(inputs.gray)).toBe(reference.otsu.gray.cv2);
    expect(ops.otsuLevel(unitFloat(inputs.gray))).toBeCloseTo(reference.otsu.gray.skimageFloat, 6);
  });
});
