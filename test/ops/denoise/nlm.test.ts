import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { nlm } from '../../../src/ops/denoise/nlm.js';
import { psnr } from '../../../src/ops/denoise/psnr.js';
import { addGaussianNoise, diffStats, gray, toFloat } from './helpers.js';

/** Two flat halves (60 | 190), 40×24, gray or RGB. */
function halves(channels: 1 | 3): Image {
  const width = 40;
  const height = 24;
  const data = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) data.fill(p % width < width / 2 ? 60 : 190, p * channels, (p + 1) * channels);
  return { data, width, height, channels };
}

describe('nlm', () => {
  it('keeps a constant image constant', () => {
    const flat: Image = { data: new Uint8Array(9 * 7).fill(42), width: 9, height: 7, channels: 1 };
    expect(nlm(flat).data).toEqual(flat.data);
  });

  it('removes noise from flat regions without blurring the edge between them', () => {
    const clean = halves(1);
    const noisy = addGaussianNoise(clean, 20, 'nlm-halves');
    const out = nlm(noisy);
    expect(psnr(clean, out)).toBeGreaterThan(psnr(clean, noisy) + 8);
    // Columns next to the edge stay on their side.
    for (let y = 4; y < 20; y++) {
      expect(out.data[y * 40 + 19]).toBeLessThan(100);
      expect(out.data[y * 40 + 20]).toBeGreaterThan(150);
    }
  });

  it('denoises RGB in Lab (OpenCV\'s colored variant) and copies RGBA alpha', () => {
    const clean = halves(3);
    const noisy = addGaussianNoise(clean, 20, 'nlm-rgb');
    expect(psnr(clean, nlm(noisy))).toBeGreaterThan(psnr(clean, noisy) + 5);
    const data = new Uint8Array(12 * 10 * 4).map((_, i) => (i % 4 === 3 ? i % 251 : 100));
    const rgba: Image = { data, width: 12, height: 10, channels: 4 };
    const out = nlm(rgba);
    for (let i = 3; i < out.data.length; i += 4) expect(out.data[i]).toBe(rgba.data[i]);
  });

  it('denoises float32 images on their own scale, close to the uint8 result', () => {
    const noisy = addGaussianNoise(halves(1), 20, 'nlm-float');
    const u8 = nlm(noisy);
    const f32 = nlm(toFloat(noisy));
    expect(f32.data).toBeInstanceOf(Float32Array);
    // Fixed-point vs float weights and rounding: the two agree to about a level.
    expect(diffStats(u8.data, f32.data).mean).toBeLessThan(0.6);
    // A [0, 1] image needs h on that scale.
    const unit = nlm({ ...noisy, data: Float32Array.from(noisy.data, (v) => v / 255) }, { h: 18 / 255 });
    expect(diffStats(f32.data, Float32Array.from(unit.data, (v) => v * 255)).max).toBeLessThan(1e-3);
  });

  it('handles images smaller than the search window (borders mirror repeatedly)', () => {
    const tiny = gray(3, 2, [10, 200, 30, 40, 50, 60]);
    const out = nlm(tiny, { h: 1000 });
    // With a huge h every patch weighs the same: each pixel moves toward the mean.
    expect(out.data.length).toBe(6);
    expect(Math.max(...out.data) - Math.min(...out.data)).toBeLessThan(190);
    expect(nlm(gray(1, 1, [77])).data[0]).toBe(77);
  });

  it('gives smaller windows a different, still denoised result', () => {
    const clean = halves(1);
    const noisy = addGaussianNoise(clean, 15, 'nlm-small');
    const out = nlm(noisy, { h: 12, templateWindowSize: 5, searchWindowSize: 11 });
    expect(psnr(clean, out)).toBeGreaterThan(psnr(clean, noisy) + 5);
  });

  it('rejects h <= 0 and even windows', () => {
    const image = gray(2, 2, [0, 0, 0, 0]);
    expect(() => nlm(image, { h: 0 })).toThrow(/nlm\.h to be/);
    expect(() => nlm(image, { templateWindowSize: 6 })).toThrow(/templateWindowSize/);
    expect(() => nlm(image, { searchWindowSize: 20 })).toThrow(/searchWindowSize/);
  });
});
