import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { bilateralFilter } from '../../../src/ops/denoise/bilateral.js';
import { gaussianBlur } from '../../../src/ops/gaussianBlur.js';
import { addGaussianNoise, gray, toFloat } from './helpers.js';

/** A w×h gray image: `left` in columns < w/2, `right` elsewhere. */
function step(width: number, height: number, left: number, right: number): Image {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = x < width / 2 ? left : right;
  return { data, width, height, channels: 1 };
}

describe('bilateralFilter', () => {
  it('keeps a constant image constant', () => {
    const flat: Image = { data: new Uint8Array(6 * 4 * 3).fill(90), width: 6, height: 4, channels: 3 };
    expect(bilateralFilter(flat).data).toEqual(flat.data);
  });

  it('keeps a strong step edge exactly, where a Gaussian blur smears it', async () => {
    const edge = step(12, 6, 20, 220);
    expect(bilateralFilter(edge).data).toEqual(edge.data); // weight across the edge: exp(-200²/(2·50²)) ≈ 3e-4
    const blurred = await gaussianBlur(edge, { sigma: 2 });
    expect(blurred.data[5]).toBeGreaterThan(20); // row 0, just left of the edge
  });

  it('averages neighbours of similar value with the spatial Gaussian over a disc', () => {
    // Values 100 and 101 differ by far less than sigmaColor: weights are ≈ the spatial ones alone.
    // Radius 1 disc = centre + 4 neighbours (diagonals are at √2 > 1).
    const image = toFloat(gray(3, 3, [100, 101, 100, 101, 100, 101, 100, 101, 100]));
    const out = bilateralFilter(image, { sigmaSpace: 1, sigmaColor: 1e6, radius: 1 });
    const ws = Math.fround(Math.exp(-0.5));
    expect(out.data[4]).toBeCloseTo((100 + 4 * ws * 101) / (1 + 4 * ws), 4);
  });

  it('smooths noise on a flat patch', () => {
    const noisy = addGaussianNoise({ data: new Uint8Array(32 * 32).fill(128), width: 32, height: 32, channels: 1 }, 15, 'bilateral');
    const spread = (img: Image) => Math.max(...img.data) - Math.min(...img.data);
    expect(spread(bilateralFilter(noisy))).toBeLessThan(spread(noisy) / 2);
  });

  it('filters RGBA by its RGB and copies alpha', () => {
    const base: Image = { data: new Uint8Array(10 * 10 * 4).fill(100), width: 10, height: 10, channels: 4 };
    const noisy = addGaussianNoise(base, 30, 'rgba');
    const out = bilateralFilter(noisy);
    for (let i = 3; i < out.data.length; i += 4) expect(out.data[i]).toBe(noisy.data[i]);
  });

  it('rejects non-positive sigmas', () => {
    expect(() => bilateralFilter(gray(1, 1, [0]), { sigmaColor: 0 })).toThrow(/sigmaColor/);
    expect(() => bilateralFilter(gray(1, 1, [0]), { sigmaSpace: -1 })).toThrow(/sigmaSpace/);
  });
});
