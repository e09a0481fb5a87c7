import { describe, expect, it } from 'vitest';
import { defaultKernelSize, gaussianBlur, gaussianKernel } from '../../../src/ops/augment/blur.js';
import { at, f32, ramp, u8 } from './helpers.js';

describe('gaussianKernel', () => {
  it('is cv2.getGaussianKernel', () => {
    // cv2.getGaussianKernel(3, 1).ravel()
    const k = gaussianKernel(1, 3);
    [0.27406862, 0.45186276, 0.27406862].forEach((v, i) => expect(k[i]).toBeCloseTo(v, 7));
    const wide = gaussianKernel(2.5, 17);
    expect(wide.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(wide[0]).toBe(wide[16]);
  });

  it('defaults the size as OpenCV: ±3σ for uint8, ±4σ for float', () => {
    expect(defaultKernelSize(1.2, 'uint8')).toBe(9);
    expect(defaultKernelSize(2, 'uint8')).toBe(13);
    expect(defaultKernelSize(1, 'float32')).toBe(9);
    expect(defaultKernelSize(0.5, 'float32')).toBe(5);
  });

  it('rejects an even size', () => {
    expect(() => gaussianKernel(1, 4)).toThrow(/size/);
  });
});

describe('gaussianBlur', () => {
  it('spreads an impulse into the outer product of the kernel', () => {
    const impulse = f32(7, 7, 1, Array.from({ length: 49 }, (_, i) => (i === 24 ? 1 : 0)));
    const k = gaussianKernel(1, 3);
    const out = gaussianBlur(impulse, { sigma: 1, kernelSize: 3 });
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) {
        const expected = Math.abs(x - 3) <= 1 && Math.abs(y - 3) <= 1 ? k[x - 2]! * k[y - 2]! : 0;
        expect(at(out, x, y)).toBeCloseTo(expected, 6);
      }
    }
  });

  it('reflects at the border without repeating the edge (reflect-101)', () => {
    // One row 0 0 0 9, kernel [a, b, a]: the last pixel sees 0 | 9 | 0 (x = 4 reflects to 2).
    const [a, b] = [gaussianKernel(1, 3)[0]!, gaussianKernel(1, 3)[1]!];
    const out = gaussianBlur(f32(4, 1, 1, [0, 0, 0, 9]), { sigma: 1, kernelSize: 3 });
    const expected = [0, 0, 9 * a, 9 * b];
    Array.from(out.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('keeps flat images flat, rounds uint8 and leaves alpha', () => {
    const flat = u8(5, 5, 1, new Array<number>(25).fill(77));
    expect(gaussianBlur(flat, { sigma: 2 })).toEqual(flat);
    const rgba = ramp(6, 6, 4);
    const out = gaussianBlur(rgba, { sigma: 1.5 });
    for (let i = 3; i < rgba.data.length; i += 4) expect(out.data[i]).toBe(rgba.data[i]);
    expect(out.data).toBeInstanceOf(Uint8Array);
  });

  it('handles kernels wider than the image', () => {
    const out = gaussianBlur(f32(2, 2, 1, [0, 1, 2, 3]), { sigma: 5 });
    expect(Array.from(out.data).every(Number.isFinite)).toBe(true);
  });

  it('rejects sigma ≤ 0 and an even kernel size', () => {
    expect(() => gaussianBlur(ramp(3, 3), { sigma: 0 })).toThrow(/gaussianBlur\.sigma/);
    expect(() => gaussianBlur(ramp(3, 3), { sigma: 1, kernelSize: 2 })).toThrow(/gaussianBlur\.kernelSize/);
  });
});
