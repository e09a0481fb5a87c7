import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { gaussianKernel } from '../../../src/ops/kernel/index.js';
import { denoiseGaussian } from '../../../src/stages/cleanup/gaussian.js';
import { addGaussianNoise, diffStats, toFloat } from '../../ops/denoise/helpers.js';

/** A size×size single-channel image, 0 except `value` in the centre. */
function impulse(size: number, value: number, float = false): Image {
  const data = float ? new Float32Array(size * size) : new Uint8Array(size * size);
  data[(size >> 1) * size + (size >> 1)] = value;
  return { data, width: size, height: size, channels: 1 };
}

/** Columns of the centre row that are not 0. */
function supportWidth(image: Image): number {
  const row = image.data.subarray((image.height >> 1) * image.width, ((image.height >> 1) + 1) * image.width);
  return Array.from(row).filter((v) => v !== 0).length;
}

const random = (w: number, h: number, c: 1 | 3 | 4, seed: string): Image =>
  addGaussianNoise({ data: new Uint8Array(w * h * c).fill(128), width: w, height: h, channels: c }, 60, seed);

describe('denoiseGaussian (the denoise stage\'s gaussian method)', () => {
  it('uses OpenCV\'s fixed kernel for size 5 alone: [1 4 6 4 1] / 16 in each direction', async () => {
    const out = await denoiseGaussian(impulse(9, 256, true), { size: 5 });
    const k = [1, 4, 6, 4, 1];
    const expected = new Float32Array(81);
    for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) expected[(y + 2) * 9 + x + 2] = k[y]! * k[x]!;
    expect(out.data).toEqual(expected);
  });

  it('has a kernel round(6σ + 1) wide, made odd (OpenCV\'s 8-bit rule)', async () => {
    // uint8 outputs round the outer taps to 0; the sharp path's width is checked against OpenCV
    // in reference.test.ts and against this path below.
    for (const sigma of [0.5, 1, 1.5, 2]) {
      const width = Math.round(6 * sigma + 1) | 1;
      expect(supportWidth(await denoiseGaussian(impulse(31, 1e6, true), { sigma })), `σ=${sigma}`).toBe(width);
    }
  });

  it('weights exp(-x²/2σ²), normalized, on the float path', async () => {
    const out = await denoiseGaussian(impulse(15, 1, true), { sigma: 1.2, size: 7 });
    const w = gaussianKernel(1.2, 7);
    expect(out.data[7 * 15 + 7]).toBeCloseTo(w[3]! * w[3]!, 7);
    expect(out.data[7 * 15 + 9]).toBeCloseTo(w[3]! * w[5]!, 7);
    expect(Array.from(out.data).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('keeps a constant image constant (edges repeat the edge pixel)', async () => {
    const flat: Image = { data: new Uint8Array(7 * 5 * 3).fill(77), width: 7, height: 5, channels: 3 };
    expect((await denoiseGaussian(flat, { sigma: 2 })).data).toEqual(flat.data);
  });

  it('gives the same result through sharp (uint8) and the TS kernel (float32), within 1 level', async () => {
    for (const channels of [1, 3] as const) {
      const image = random(40, 30, channels, `gauss${channels}`);
      const viaSharp = await denoiseGaussian(image, { sigma: 1.5 });
      const viaTs = await denoiseGaussian(toFloat(image), { sigma: 1.5 });
      const rounded = Uint8Array.from(viaTs.data, (v) => Math.round(v));
      expect(viaSharp.channels).toBe(channels);
      expect(diffStats(viaSharp.data, rounded).max).toBeLessThanOrEqual(1);
    }
  });

  it('blurs RGBA per channel, alpha included (no premultiplication)', async () => {
    const image = random(16, 16, 4, 'rgba');
    const out = await denoiseGaussian(image);
    const rgb: Image = { data: image.data.filter((_, i) => i % 4 !== 3), width: 16, height: 16, channels: 3 };
    const outRgb = await denoiseGaussian(toFloat(rgb));
    const ours = out.data.filter((_, i) => i % 4 !== 3);
    expect(diffStats(ours, Uint8Array.from(outRgb.data, (v) => Math.round(v))).max).toBeLessThanOrEqual(1);
    expect(out.data instanceof Uint8Array).toBe(true);
  });

  it('rejects a non-positive sigma and an even size', async () => {
    await expect(denoiseGaussian(impulse(5, 1), { sigma: 0 })).rejects.toThrow(/sigma/);
    await expect(denoiseGaussian(impulse(5, 1), { size: 4 })).rejects.toThrow(/gaussianBlur\.kernelSize to be a positive odd integer/);
  });
});
