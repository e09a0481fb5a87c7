import { describe, expect, it } from 'vitest';
import { descale, roundHalfEven, roundHalfUp, toByte, toByteHalfUp } from '../../../src/ops/kernel/index.js';

describe('rounding policy', () => {
  it('rounds ties to even (cvRound) or up (VIPS_ROUND_UINT, CV_DESCALE)', () => {
    const ties = [-1.5, -0.5, 0.5, 1.5, 2.5, 3.5];
    expect(ties.map(roundHalfEven)).toEqual([-2, -0, 0, 2, 2, 4]);
    expect(ties.map(roundHalfUp)).toEqual([-1, 0, 1, 2, 3, 4]);
    expect([0.49, 0.51, 2.4999].map(roundHalfEven)).toEqual([0, 1, 2]);
  });

  it('saturates to bytes like a Uint8ClampedArray store (toByte) or half up (toByteHalfUp)', () => {
    const values = [-7, -0.5, 0.5, 1.5, 2.5, 254.5, 255.5, 300, Number.NaN, 1e12, -1e12];
    expect(values.map(toByte)).toEqual(Array.from(Uint8ClampedArray.from(values)));
    expect(values.map(toByteHalfUp).map((v) => (Number.isNaN(v) ? 0 : v))).toEqual([0, 0, 1, 2, 3, 255, 255, 255, 0, 255, 0]);
  });

  it('descales fixed point half up, as CV_DESCALE', () => {
    expect([descale(2048, 12), descale(2047, 12), descale(6144, 12), descale(-2048, 12)]).toEqual([1, 0, 2, 0]);
  });
});
