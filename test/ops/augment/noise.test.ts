import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { gaussianNoise, saltPepper } from '../../../src/ops/augment/noise.js';
import { f32, ramp, u8 } from './helpers.js';

function flat(width: number, height: number, channels: 1 | 3 | 4, value: number, float = false): Image {
  const n = width * height * channels;
  return { data: float ? new Float32Array(n).fill(value) : new Uint8Array(n).fill(value), width, height, channels };
}

function stats(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

describe('gaussianNoise', () => {
  const image = ramp(16, 16, 3);

  it('is deterministic: same seed, identical output; different seed, different output', () => {
    const a = gaussianNoise(image, { sigma: 10, seed: 1 });
    expect(gaussianNoise(image, { sigma: 10, seed: 1 })).toEqual(a);
    expect(gaussianNoise(image, { sigma: 10, seed: 2 }).data).not.toEqual(a.data);
  });

  it('has the requested sigma and mean on a large flat uint8 image (in 0…255 units)', () => {
    // 256×256×3 = 196 608 values: the sample std is within ~0.2% of sigma; rounding adds 1/12 to the variance.
    const out = stats(gaussianNoise(flat(256, 256, 3, 128), { sigma: 10, seed: 3 }).data);
    expect(Math.abs(out.std - Math.sqrt(100 + 1 / 12))).toBeLessThan(0.1);
    expect(Math.abs(out.mean - 128)).toBeLessThan(0.1);
    const shifted = stats(gaussianNoise(flat(256, 256, 1, 100), { sigma: 5, mean: 20, seed: 3 }).data);
    expect(Math.abs(shifted.mean - 120)).toBeLessThan(0.1);
  });

  it('has the requested sigma on a float image (in 0…1 units), unclamped', () => {
    const out = gaussianNoise(flat(256, 256, 1, 0, true), { sigma: 0.05, seed: 4 });
    const s = stats(out.data);
    expect(Math.abs(s.std - 0.05)).toBeLessThan(0.001);
    expect(Math.min(...out.data)).toBeLessThan(0);
  });

  it('clamps uint8 at both ends', () => {
    const black = gaussianNoise(flat(32, 32, 1, 0), { sigma: 20, seed: 5 }).data;
    const white = gaussianNoise(flat(32, 32, 1, 255), { sigma: 20, seed: 5 }).data;
    expect(black.filter((v) => v === 0).length).toBeGreaterThan(400);
    expect(Math.max(...black)).toBeGreaterThan(20);
    expect(white.filter((v) => v === 255).length).toBeGreaterThan(400);
  });

  it('is the identity for sigma 0 and leaves alpha unchanged', () => {
    expect(gaussianNoise(image, { sigma: 0, seed: 1 })).toEqual(image);
    const rgba = ramp(8, 8, 4);
    const out = gaussianNoise(rgba, { sigma: 30, seed: 1 });
    for (let i = 3; i < rgba.data.length; i += 4) expect(out.data[i]).toBe(rgba.data[i]);
  });

  it('rejects a negative sigma and a non-integer seed', () => {
    expect(() => gaussianNoise(image, { sigma: -1, seed: 1 })).toThrow(/gaussianNoise\.sigma/);
    expect(() => gaussianNoise(image, { sigma: 1, seed: 1.5 })).toThrow(/gaussianNoise\.seed/);
  });
});

describe('saltPepper', () => {
  const gray = flat(200, 200, 3, 128);

  it('is deterministic: same seed, identical output; different seed, different output', () => {
    const a = saltPepper(gray, { amount: 0.1, seed: 1 });
    expect(saltPepper(gray, { amount: 0.1, seed: 1 })).toEqual(a);
    expect(saltPepper(gray, { amount: 0.1, seed: 2 }).data).not.toEqual(a.data);
  });

  it('replaces about `amount` of the pixels, salt in `saltRatio` of them, whole pixels at a time', () => {
    const out = saltPepper(gray, { amount: 0.2, saltRatio: 0.25, seed: 9 }).data;
    let salt = 0;
    let pepper = 0;
    for (let i = 0; i < out.length; i += 3) {
      const px = [out[i], out[i + 1], out[i + 2]];
      if (px.every((v) => v === 255)) salt++;
      else if (px.every((v) => v === 0)) pepper++;
      else expect(px).toEqual([128, 128, 128]);
    }
    const n = 200 * 200;
    expect(Math.abs((salt + pepper) / n - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(salt / (salt + pepper) - 0.25)).toBeLessThan(0.02);
  });

  it('uses 1 as salt on float images, and leaves alpha', () => {
    const out = saltPepper(f32(2, 1, 4, [0.5, 0.5, 0.5, 0.7, 0.5, 0.5, 0.5, 0.7]), { amount: 1, saltRatio: 1, seed: 1 });
    expect(Array.from(out.data)).toEqual([1, 1, 1, Math.fround(0.7), 1, 1, 1, Math.fround(0.7)]);
    expect(Array.from(saltPepper(u8(2, 1, 1, [9, 9]), { amount: 1, saltRatio: 0, seed: 1 }).data)).toEqual([0, 0]);
    expect(saltPepper(gray, { amount: 0, seed: 1 })).toEqual(gray);
  });

  it('rejects an amount outside [0, 1]', () => {
    expect(() => saltPepper(gray, { amount: 1.5, seed: 1 })).toThrow(/saltPepper\.amount/);
  });
});
