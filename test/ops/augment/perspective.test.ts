import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/ops/augment/affine.js';
import { getPerspectiveTransform, perspective, type Quad } from '../../../src/ops/augment/perspective.js';
import type { Matrix3x3 } from '../../../src/ops/augment/warp.js';
import { ramp } from './helpers.js';

function apply(m: Matrix3x3, [x, y]: readonly [number, number]): [number, number] {
  const w = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

describe('getPerspectiveTransform', () => {
  it('maps each source point onto its destination (a true projective case)', () => {
    const from: Quad = [[0, 0], [31, 0], [31, 23], [0, 23]];
    const to: Quad = [[2, 1], [29, 3], [31, 22.5], [0.5, 20]];
    const m = getPerspectiveTransform(from, to);
    expect(m[8]).toBe(1);
    expect(Math.abs(m[6]) + Math.abs(m[7])).toBeGreaterThan(0);
    from.forEach((p, i) => {
      const [u, v] = apply(m, p);
      expect(u).toBeCloseTo(to[i]![0], 10);
      expect(v).toBeCloseTo(to[i]![1], 10);
    });
  });

  it('gives the identity for equal quads', () => {
    const q: Quad = [[0, 0], [5, 0], [5, 4], [0, 4]];
    getPerspectiveTransform(q, q).forEach((v, i) => expect(v).toBeCloseTo([1, 0, 0, 0, 1, 0, 0, 0, 1][i]!, 12));
  });

  it('rejects a degenerate quadrilateral', () => {
    expect(() => getPerspectiveTransform([[0, 0], [1, 1], [2, 2], [3, 3]], [[0, 0], [1, 0], [1, 1], [0, 1]])).toThrow(/non-degenerate/);
  });
});

describe('perspective', () => {
  const image = ramp(8, 6, 3);

  it('is the identity when the corners stay', () => {
    expect(perspective(image, { corners: [[0, 0], [7, 0], [7, 5], [0, 5]] })).toEqual(image);
  });

  it('moving all corners by whole pixels is a translation', () => {
    const corners: Quad = [[2, 1], [9, 1], [9, 6], [2, 6]];
    expect(perspective(image, { corners, interpolation: 'nearest' })).toEqual(translate(image, { dx: 2, dy: 1, interpolation: 'nearest' }));
    expect(perspective(image, { corners })).toEqual(translate(image, { dx: 2, dy: 1 }));
  });

  it('lands each corner pixel where asked', () => {
    const out = perspective(image, { corners: [[1, 1], [6, 0], [7, 5], [0, 4]], interpolation: 'nearest' });
    for (let k = 0; k < 3; k++) {
      expect(out.data[(1 * 8 + 1) * 3 + k]).toBe(image.data[k]);
      expect(out.data[(5 * 8 + 7) * 3 + k]).toBe(image.data[(5 * 8 + 7) * 3 + k]);
    }
  });
});
