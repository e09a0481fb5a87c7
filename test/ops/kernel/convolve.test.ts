import { describe, expect, it } from 'vitest';
import { convolveSeparable, gaussianKernel } from '../../../src/ops/kernel/index.js';

describe('convolveSeparable', () => {
  it('reads past the edge by its border: [1, 2, 1] / 4 on one row 0 0 9', () => {
    const kernel = Float64Array.from([0.25, 0.5, 0.25]);
    const run = (border: 'BORDER_REPLICATE' | 'BORDER_REFLECT' | 'BORDER_REFLECT_101' | 'BORDER_WRAP') => {
      const out = new Float64Array(3);
      convolveSeparable([0, 0, 9], 3, 1, 1, { kernel, border, intermediate: 'float64' }, out);
      return Array.from(out);
    };
    // Rows of one pixel are their own neighbours vertically (every border maps ±1 onto row 0).
    expect(run('BORDER_REPLICATE')).toEqual([0, 2.25, 6.75]); // 0 | 0 0 9 | 9
    expect(run('BORDER_REFLECT')).toEqual([0, 2.25, 6.75]); // 0 | 0 0 9 | 9
    expect(run('BORDER_REFLECT_101')).toEqual([0, 2.25, 4.5]); // 0 | 0 0 9 | 0
    expect(run('BORDER_WRAP')).toEqual([2.25, 2.25, 4.5]); // 9 | 0 0 9 | 0
  });

  it('filters each channel of interleaved data on its own', () => {
    const kernel = gaussianKernel(1, 3);
    const rgb = Float32Array.from({ length: 5 * 4 * 3 }, (_, i) => (i % 3) * 10 + ((i * 7) % 11));
    const out = new Float32Array(rgb.length);
    convolveSeparable(rgb, 5, 4, 3, { kernel, border: 'BORDER_REFLECT_101', intermediate: 'float32' }, out);
    for (let c = 0; c < 3; c++) {
      const plane = rgb.filter((_, i) => i % 3 === c);
      const alone = new Float32Array(plane.length);
      convolveSeparable(plane, 5, 4, 1, { kernel, border: 'BORDER_REFLECT_101', intermediate: 'float32' }, alone);
      expect(Array.from(out.filter((_, i) => i % 3 === c))).toEqual(Array.from(alone));
    }
  });

  it('stores bytes rounded half up and saturated (OpenCV fixed point), the row pass in the precision asked', () => {
    // [1, 2, 1] / 4 on 0 2 0: the middle is exactly 1, its neighbours exactly 0.5 → 1 (half up).
    const out = new Uint8Array(3);
    convolveSeparable([0, 2, 0], 3, 1, 1, { kernel: Float64Array.from([0.25, 0.5, 0.25]), border: 'BORDER_REPLICATE', intermediate: 'float32' }, out);
    expect(Array.from(out)).toEqual([1, 1, 1]);
    const big = new Uint8Array(1);
    convolveSeparable([300], 1, 1, 1, { kernel: Float64Array.from([1]), border: 'BORDER_REPLICATE', intermediate: 'float64' }, big);
    expect(big[0]).toBe(255);
    // 1/3 is not a float32: the row pass rounds it there and not in float64.
    const third = Float64Array.from([1 / 3]);
    const [f32, f64] = (['float32', 'float64'] as const).map((intermediate) => {
      const o = new Float64Array(1);
      convolveSeparable([1], 1, 1, 1, { kernel: third, border: 'BORDER_REPLICATE', intermediate }, o);
      return o[0]!;
    });
    expect(f64).toBe(1 / 9);
    expect(f32).toBe((1 / 3) * Math.fround(1 / 3));
  });
});
