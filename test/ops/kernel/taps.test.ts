import { describe, expect, it } from 'vitest';
import { resamplingTaps } from '../../../src/ops/kernel/index.js';

describe('resamplingTaps', () => {
  it('folds taps past either edge onto the edge pixel (extend copy), then normalises', () => {
    // A 3-tap kernel [1, 2, 1] around each output's centre pixel, on a row of 4.
    const t = resamplingTaps(
      { size: 4, outSize: 4, stride: 3, span: (o) => [o - 1, o + 1], weight: (o, i) => (i === o ? 2 : 1), normalize: true },
      Float64Array,
    );
    expect(Array.from(t.first)).toEqual([0, 0, 1, 2]);
    expect(Array.from(t.count)).toEqual([2, 3, 3, 2]);
    expect(Array.from(t.weights.subarray(0, 2))).toEqual([0.75, 0.25]); // pixel −1 folded onto 0
    expect(Array.from(t.weights.subarray(3, 6))).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(t.weights.subarray(9, 11))).toEqual([0.25, 0.75]);
    expect([t.lo, t.hi]).toEqual([0, 3]);
  });

  it('keeps unnormalised weights exact in float64 and rounds them once in float32', () => {
    const spec = { size: 3, outSize: 1, stride: 3, span: () => [0, 2] as const, weight: () => 0.1, normalize: false };
    expect(resamplingTaps(spec, Float64Array).weights[0]).toBe(0.1);
    expect(resamplingTaps(spec, Float32Array).weights[0]).toBe(Math.fround(0.1));
  });
});
