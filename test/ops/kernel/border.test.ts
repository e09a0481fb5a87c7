import { describe, expect, it } from 'vitest';
import { BORDER_TYPE, borderIndex, borderType, type BorderType } from '../../../src/ops/kernel/index.js';

// Indices −3…6 of a row of 4 (abcd), as OpenCV's borderInterpolate maps them; -1 is the constant.
const ROW: Record<BorderType, number[]> = {
  BORDER_CONSTANT: [-1, -1, -1, 0, 1, 2, 3, -1, -1, -1],
  BORDER_REPLICATE: [0, 0, 0, 0, 1, 2, 3, 3, 3, 3],
  BORDER_REFLECT: [2, 1, 0, 0, 1, 2, 3, 3, 2, 1],
  BORDER_REFLECT_101: [3, 2, 1, 0, 1, 2, 3, 2, 1, 0],
  BORDER_WRAP: [1, 2, 3, 0, 1, 2, 3, 0, 1, 2],
};

describe('borderIndex', () => {
  it.each(Object.entries(ROW))('%s maps −3…6 of a row of 4 as OpenCV does', (type, expected) => {
    expect(Array.from({ length: 10 }, (_, k) => borderIndex(k - 3, 4, type as BorderType))).toEqual(expected);
  });

  it('reflects at any distance (periodic) and handles a row of one', () => {
    expect(borderIndex(-9, 4, 'BORDER_REFLECT_101')).toBe(borderIndex(-9 + 6, 4, 'BORDER_REFLECT_101'));
    expect(borderIndex(17, 4, 'BORDER_REFLECT')).toBe(borderIndex(17 - 8, 4, 'BORDER_REFLECT'));
    for (const type of ['BORDER_REPLICATE', 'BORDER_REFLECT', 'BORDER_REFLECT_101', 'BORDER_WRAP'] as const) {
      expect([-2, -1, 1, 5].map((i) => borderIndex(i, 1, type))).toEqual([0, 0, 0, 0]);
    }
  });
});

describe('public border names', () => {
  it("keep their meaning: 'reflect' is BORDER_REFLECT_101, 'edge' BORDER_REPLICATE", () => {
    expect(BORDER_TYPE).toEqual({ constant: 'BORDER_CONSTANT', reflect: 'BORDER_REFLECT_101', edge: 'BORDER_REPLICATE' });
    expect(borderType('reflect', 'rotate')).toBe('BORDER_REFLECT_101');
  });

  it('rejects an unknown name with the op and the allowed values', () => {
    expect(() => borderType('wrap' as never, 'rotate')).toThrow('Expected rotate.border to be one of "constant", "reflect", "edge", received wrap');
  });
});
