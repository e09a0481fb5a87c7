import { describe, expect, it } from 'vitest';
import { defaultKernelSize, gaussianKernel } from '../../../src/ops/kernel/index.js';

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
