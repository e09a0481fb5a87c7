import { describe, expect, it } from 'vitest';
import { psnr } from '../../../src/ops/denoise/psnr.js';
import { gray } from './helpers.js';

describe('psnr', () => {
  it('is 10·log10(255² / MSE) for uint8', () => {
    // MSE = (4 + 0 + 16 + 0) / 4 = 5.
    expect(psnr(gray(2, 2, [10, 20, 30, 40]), gray(2, 2, [12, 20, 26, 40]))).toBeCloseTo(10 * Math.log10((255 * 255) / 5), 12);
  });

  it('uses a data range of 1 for float images unless told otherwise', () => {
    const a = { data: Float32Array.from([0, 0.5]), width: 2, height: 1, channels: 1 } as const;
    const b = { data: Float32Array.from([0.1, 0.5]), width: 2, height: 1, channels: 1 } as const;
    const mse = (Math.fround(0.1) ** 2) / 2;
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(1 / mse), 10);
    expect(psnr(a, b, { dataRange: 2 })).toBeCloseTo(10 * Math.log10(4 / mse), 10);
  });

  it('is Infinity for identical images', () => {
    expect(psnr(gray(1, 2, [3, 4]), gray(1, 2, [3, 4]))).toBe(Infinity);
  });

  it('rejects images of different shapes', () => {
    expect(() => psnr(gray(2, 1, [0, 0]), gray(1, 2, [0, 0]))).toThrow(/same shape/);
  });
});
