import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../../src/ops/gaussianBlur.js';
import { gaussianKernel } from '../../src/ops/kernel/index.js';
import { at, f32, ramp, u8 } from './augment/helpers.js';

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

  it("repeats the edge with border 'edge', blurs alpha with alpha 'blur', and takes OpenCV's binomial kernel for a size alone", () => {
    // One row 0 0 0 8 with [1, 2, 1] / 4: the last pixel sees 0 | 8 | 8 (edge) or 0 | 8 | 0 (reflect).
    const row = u8(4, 1, 1, [0, 0, 0, 8]);
    expect(Array.from(gaussianBlur(row, { kernelSize: 3, border: 'edge' }).data)).toEqual([0, 0, 2, 6]);
    expect(Array.from(gaussianBlur(row, { kernelSize: 3 }).data)).toEqual([0, 0, 2, 4]);
    const rgba = ramp(6, 6, 4);
    const blurred = gaussianBlur(rgba, { sigma: 1.5, alpha: 'blur' });
    const kept = gaussianBlur(rgba, { sigma: 1.5 });
    expect(Array.from(blurred.data).filter((_, i) => i % 4 !== 3)).toEqual(Array.from(kept.data).filter((_, i) => i % 4 !== 3));
    expect(Array.from(blurred.data).filter((_, i) => i % 4 === 3)).not.toEqual(Array.from(rgba.data).filter((_, i) => i % 4 === 3));
  });

  it('rejects sigma ≤ 0 and an even kernel size', () => {
    expect(() => gaussianBlur(ramp(3, 3), { sigma: 0 })).toThrow(/gaussianBlur\.sigma/);
    expect(() => gaussianBlur(ramp(3, 3), { sigma: 1, kernelSize: 2 })).toThrow(/gaussianBlur\.kernelSize/);
    expect(() => gaussianBlur(ramp(3, 3), {})).toThrow(/gaussianBlur\.sigma to be given when kernelSize is not/);
    expect(() => gaussianBlur(ramp(3, 3), { sigma: 1, border: 'constant' as never })).toThrow(/gaussianBlur\.border/);
  });
});
