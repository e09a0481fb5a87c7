import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { tvDenoise } from '../../../src/ops/denoise/tv.js';
import { addGaussianNoise, diffStats, gray, toFloat } from './helpers.js';

/** Sum of |horizontal| + |vertical| forward differences. */
function totalVariation(image: Image): number {
  const { data, width, height } = image;
  let tv = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x + 1 < width) tv += Math.abs(data[y * width + x + 1]! - data[y * width + x]!);
      if (y + 1 < height) tv += Math.abs(data[(y + 1) * width + x]! - data[y * width + x]!);
    }
  }
  return tv;
}

const noisy = addGaussianNoise({ data: new Uint8Array(24 * 24).fill(128), width: 24, height: 24, channels: 1 }, 20, 'tv');

describe('tvDenoise', () => {
  it('keeps a constant image constant', () => {
    const flat = gray(4, 3, new Array(12).fill(200));
    expect(tvDenoise(flat).data).toEqual(flat.data);
  });

  it('returns the input after one iteration (the first only measures the energy)', () => {
    expect(tvDenoise(noisy, { maxIterations: 1 }).data).toEqual(noisy.data);
  });

  it('lowers total variation, more with a larger weight', () => {
    const light = tvDenoise(noisy, { weight: 0.03 });
    const heavy = tvDenoise(noisy, { weight: 0.3 });
    expect(totalVariation(light)).toBeLessThan(totalVariation(noisy) / 2);
    expect(totalVariation(heavy)).toBeLessThan(totalVariation(light) / 2);
  });

  it('keeps the mean (the divergence of p sums to zero)', () => {
    const mean = (img: Image) => Array.from(img.data).reduce((a, b) => a + b, 0) / img.data.length;
    expect(mean(tvDenoise(toFloat(noisy)))).toBeCloseTo(mean(noisy), 6);
  });

  it('works on uint8 in [0, 1] units: the float path on value / 255 gives the same picture', () => {
    const u8 = tvDenoise(noisy);
    const unit = tvDenoise({ ...noisy, data: Float32Array.from(noisy.data, (v) => v / 255) });
    expect(diffStats(u8.data, Uint8Array.from(unit.data, (v) => Math.round(v * 255))).max).toBeLessThanOrEqual(1);
  });

  it('denoises each channel on its own', () => {
    const rgb = addGaussianNoise({ data: new Uint8Array(8 * 8 * 3).fill(100), width: 8, height: 8, channels: 3 }, 20, 'tv-rgb');
    const out = tvDenoise(rgb);
    const green: Image = { data: rgb.data.filter((_, i) => i % 3 === 1), width: 8, height: 8, channels: 1 };
    expect(Array.from(out.data.filter((_, i) => i % 3 === 1))).toEqual(Array.from(tvDenoise(green).data));
  });

  it('rejects weight <= 0 and a zero iteration cap', () => {
    expect(() => tvDenoise(noisy, { weight: 0 })).toThrow(/weight/);
    expect(() => tvDenoise(noisy, { maxIterations: 0 })).toThrow(/maxIterations/);
  });
});
