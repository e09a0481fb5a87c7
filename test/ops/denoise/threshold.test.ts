import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { otsuLevel, threshold } from '../../../src/ops/denoise/threshold.js';
import { gray } from './helpers.js';

// Bimodal: 6 pixels around 30, 6 around 200.
const BIMODAL = gray(4, 3, [28, 30, 32, 29, 31, 30, 198, 200, 202, 199, 201, 200]);

describe('otsuLevel', () => {
  it('splits a bimodal histogram between its modes (the last level of the dark class)', () => {
    // Every t in 32..197 separates the classes equally well; the first maximum is kept, as OpenCV.
    expect(otsuLevel(BIMODAL)).toBe(32);
  });

  it('puts the level between two flat regions of a float image at a bin centre', () => {
    const f: Image = { data: Float32Array.from([0, 0, 0, 1, 1, 1]), width: 3, height: 2, channels: 1 };
    // 256 bins over [0, 1]: the dark class is bin 0, whose centre is 0.5 / 256.
    expect(otsuLevel(f)).toBeCloseTo(0.5 / 256, 10);
  });

  it('returns the value of a constant image, which is then all background', () => {
    expect(otsuLevel(gray(2, 2, [9, 9, 9, 9]))).toBe(9);
    expect(Array.from(threshold(gray(2, 1, [9, 9])).data)).toEqual([0, 0]);
    expect(otsuLevel({ data: Float32Array.from([0.3, 0.3]), width: 2, height: 1, channels: 1 })).toBeCloseTo(0.3, 6);
  });

  it('thresholds RGB on BT.601 luma (OpenCV fixed point)', () => {
    const rgb: Image = { data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), width: 4, height: 1, channels: 3 };
    // Lumas 76, 150, 29, 255.
    expect(Array.from(threshold(rgb, { level: 100 }).data)).toEqual([0, 255, 0, 255]);
  });
});

describe('threshold', () => {
  it('makes a 0/255 mask with Otsu by default', () => {
    const mask = threshold(BIMODAL);
    expect(mask.channels).toBe(1);
    expect(Array.from(mask.data)).toEqual([0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255]);
  });

  it('uses value > level, strictly, and inverts on request', () => {
    const image = gray(3, 1, [99, 100, 101]);
    expect(Array.from(threshold(image, { level: 100 }).data)).toEqual([0, 0, 255]);
    expect(Array.from(threshold(image, { level: 100, invert: true }).data)).toEqual([255, 255, 0]);
  });

  it('returns the masked image, background zeroed in every channel', () => {
    const rgba: Image = { data: Uint8Array.from([10, 10, 10, 255, 200, 210, 220, 128]), width: 2, height: 1, channels: 4 };
    const out = threshold(rgba, { level: 100, output: 'masked' });
    expect(out.channels).toBe(4);
    expect(Array.from(out.data)).toEqual([0, 0, 0, 0, 200, 210, 220, 128]);
    const f = threshold({ data: Float32Array.from([0.2, 0.8]), width: 2, height: 1, channels: 1 }, { level: 0.5, output: 'masked' });
    expect(f.data).toEqual(Float32Array.from([0, 0.8]));
  });

  it('rejects a non-finite level and an unknown output', () => {
    expect(() => threshold(BIMODAL, { level: Number.NaN })).toThrow(/level/);
    // @ts-expect-error: checked at run time for JSON configs
    expect(() => threshold(BIMODAL, { output: 'alpha' })).toThrow(/output/);
  });
});
