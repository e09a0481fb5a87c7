import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { resizeGray, toGray } from '../../../src/ops/quality/grayscale.js';

const f32 = (values: number[]) => Float32Array.from(values);

describe('toGray', () => {
  it('weights R, G, B with BT.601 luma, as PIL convert("L")', () => {
    const image: Image = { data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]), width: 2, height: 2, channels: 3 };
    expect(toGray(image)).toEqual(f32([0.299 * 255, 0.587 * 255, 0.114 * 255, 0.299 * 10 + 0.587 * 20 + 0.114 * 30]));
  });

  it('ignores alpha', () => {
    const rgba: Image = { data: Uint8Array.from([10, 20, 30, 0, 10, 20, 30, 255]), width: 2, height: 1, channels: 4 };
    const rgb: Image = { data: Uint8Array.from([10, 20, 30, 10, 20, 30]), width: 2, height: 1, channels: 3 };
    expect(toGray(rgba)).toEqual(toGray(rgb));
  });

  it('copies a 1-channel image, float or uint8', () => {
    expect(toGray({ data: Uint8Array.from([0, 7, 255]), width: 3, height: 1, channels: 1 })).toEqual(f32([0, 7, 255]));
    expect(toGray({ data: f32([0.5, 1.5]), width: 1, height: 2, channels: 1 })).toEqual(f32([0.5, 1.5]));
  });

  it('gives R for an image whose channels are equal', () => {
    const data = Uint8Array.from([0, 0, 0, 100, 100, 100, 255, 255, 255]);
    expect(toGray({ data, width: 3, height: 1, channels: 3 })).toEqual(f32([0, 100, 255]));
  });

  it('rejects data of the wrong length', () => {
    expect(() => toGray({ data: new Uint8Array(5), width: 2, height: 1, channels: 3 })).toThrow(RangeError);
  });
});

describe('resizeGray', () => {
  it('averages 2×2 blocks when halving', () => {
    const gray = f32([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
    expect(resizeGray(gray, 4, 4, 2, 2)).toEqual(f32([5, 9, 21, 25]));
  });

  it('weights partly covered pixels by their overlap (3 → 2)', () => {
    // Output 0 covers inputs [0, 1.5): (0 + 0.5·3) / 1.5 = 1; output 1: (0.5·3 + 6) / 1.5 = 5.
    expect(resizeGray(f32([0, 3, 6]), 3, 1, 2, 1)).toEqual(f32([1, 5]));
  });

  it('repeats pixels when upscaling by an integer factor', () => {
    expect(resizeGray(f32([1, 2]), 2, 1, 4, 2)).toEqual(f32([1, 1, 2, 2, 1, 1, 2, 2]));
  });

  it('is the identity at the same size', () => {
    const gray = Float32Array.from({ length: 35 }, (_, i) => (i * 37) % 256);
    expect(resizeGray(gray, 7, 5, 7, 5)).toEqual(gray);
  });

  it('keeps a constant image constant at non-integer factors', () => {
    expect(resizeGray(new Float32Array(35).fill(100), 7, 5, 3, 2)).toEqual(new Float32Array(6).fill(100));
  });

  it('preserves the mean', () => {
    const gray = Float32Array.from({ length: 13 * 11 }, (_, i) => (i * 97) % 256);
    const out = resizeGray(gray, 13, 11, 5, 4);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(gray), 3);
  });

  it('is deterministic', () => {
    const gray = Float32Array.from({ length: 100 * 60 }, (_, i) => (i * 31) % 256);
    expect(resizeGray(gray, 100, 60, 9, 8)).toEqual(resizeGray(gray, 100, 60, 9, 8));
  });

  it('rejects bad sizes', () => {
    expect(() => resizeGray(new Float32Array(4), 2, 2, 0, 1)).toThrow(RangeError);
    expect(() => resizeGray(new Float32Array(4), 2, 2, 1.5, 1)).toThrow(RangeError);
    expect(() => resizeGray(new Float32Array(3), 2, 2, 1, 1)).toThrow(RangeError);
  });
});
