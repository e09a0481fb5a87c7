import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { affine, getAffineMatrix, getRotationMatrix2D, rotate, scale, translate } from '../../../src/ops/augment/affine.js';
import type { Matrix2x3 } from '../../../src/ops/augment/warp.js';
import { at, f32, ramp, randomFloat, u8 } from './helpers.js';

/** The image whose pixel (x, y) is input pixel `source(x, y)`. */
function permuted(image: Image, source: (x: number, y: number) => [number, number]): Image {
  const { width, height, channels: c } = image;
  const data = new Uint8Array(width * height * c);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = source(x, y);
      for (let k = 0; k < c; k++) data[(y * width + x) * c + k] = at(image, sx, sy, k);
    }
  }
  return { ...image, data };
}

describe('rotate', () => {
  const n = 6;
  const square = ramp(n, n, 3);

  it('turns 90° counter-clockwise as an exact permutation: output (x, y) = input (n−1−y, x)', () => {
    const expected = permuted(square, (x, y) => [n - 1 - y, x]);
    expect(rotate(square, { angle: 90, interpolation: 'nearest' })).toEqual(expected);
    expect(rotate(square, { angle: 90 })).toEqual(expected);
    // The top-right corner lands top-left: counter-clockwise on screen.
    expect(at(rotate(square, { angle: 90 }), 0, 0)).toBe(at(square, n - 1, 0));
  });

  it('turns −90° (= 270°) clockwise: output (x, y) = input (y, n−1−x)', () => {
    const expected = permuted(square, (x, y) => [y, n - 1 - x]);
    expect(rotate(square, { angle: -90, interpolation: 'nearest' })).toEqual(expected);
    expect(rotate(square, { angle: 270, interpolation: 'nearest' })).toEqual(expected);
  });

  it('turns 180° exactly on a non-square image, about ((w−1)/2, (h−1)/2)', () => {
    const image = ramp(7, 4, 4);
    const expected = permuted(image, (x, y) => [6 - x, 3 - y]);
    expect(rotate(image, { angle: 180, interpolation: 'nearest' })).toEqual(expected);
    expect(rotate(image, { angle: -180 })).toEqual(expected);
  });

  it('turns float images by the same permutation', () => {
    const image = randomFloat(5, 5, 1);
    const out = rotate(image, { angle: 90, interpolation: 'nearest' });
    expect(out.data).toBeInstanceOf(Float32Array);
    expect(at(out, 0, 0)).toBe(at(image, 4, 0));
    expect(rotate(rotate(rotate(rotate(image, { angle: 90 }), { angle: 90 }), { angle: 90 }), { angle: 90 })).toEqual(image);
  });

  it('fills the corners that come from outside with fillValue', () => {
    const out = rotate(u8(4, 2, 1, [1, 2, 3, 4, 5, 6, 7, 8]), { angle: 90, interpolation: 'nearest', fillValue: 0 });
    // A 4×2 image turned a quarter about (1.5, 0.5): output (x, y) reads (2 − y, x − 1), so only the
    // middle 2×2 comes from the input (cv2 gives the same).
    expect(Array.from(out.data)).toEqual([0, 3, 7, 0, 0, 2, 6, 0]);
  });

  it('rejects a non-finite angle', () => {
    expect(() => rotate(ramp(2, 2), { angle: Number.NaN })).toThrow(/rotate\.angle/);
  });
});

describe('getRotationMatrix2D', () => {
  it('is cv2.getRotationMatrix2D', () => {
    expect(getRotationMatrix2D([15.5, 11.5], 90)).toEqual([0, 1, 4, -1, 0, 27]);
    // cv2.getRotationMatrix2D((15.5, 11.5), 30, 1.5).ravel()
    const m = getRotationMatrix2D([15.5, 11.5], 30, 1.5);
    const expected = [1.299038105676658, 0.7499999999999999, -13.260090637988197, -0.7499999999999999, 1.299038105676658, 8.186061784718431];
    m.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });
});

describe('translate', () => {
  const line = u8(5, 1, 1, [1, 2, 3, 4, 5]);

  it.each([
    ['constant', [9, 9, 1, 2, 3]],
    ['edge', [1, 1, 1, 2, 3]],
    ['reflect', [3, 2, 1, 2, 3]],
  ] as const)('moves whole pixels and fills the uncovered band per the %s border', (border, expected) => {
    for (const interpolation of ['nearest', 'bilinear'] as const) {
      expect(Array.from(translate(line, { dx: 2, dy: 0, border, fillValue: 9, interpolation }).data)).toEqual(expected);
    }
  });

  it('moves left and up for negative shifts', () => {
    const image = ramp(4, 3, 1);
    const out = translate(image, { dx: -1, dy: -2, fillValue: 255 });
    expect(Array.from(out.data)).toEqual([9, 10, 11, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
  });

  it('moves every channel, alpha too (it is geometric)', () => {
    const image = ramp(3, 2, 4);
    const out = translate(image, { dx: 1, dy: 1 });
    expect(at(out, 1, 1, 3)).toBe(at(image, 0, 0, 3));
    expect(at(out, 0, 0, 3)).toBe(0);
  });

  it('interpolates fractional shifts', () => {
    expect(Array.from(translate(f32(3, 1, 1, [0, 10, 20]), { dx: 0.5, dy: 0, border: 'edge' }).data)).toEqual([0, 5, 15]);
  });
});

describe('scale', () => {
  it('is the identity for factor 1', () => {
    const image = ramp(6, 5, 3);
    expect(scale(image, { factor: 1 })).toEqual(image);
  });

  it('zooms about the centre: output (x, y) reads c + (x − c)/factor', () => {
    const image = ramp(5, 5, 1);
    const out = scale(image, { factor: 2, interpolation: 'nearest' });
    expect(at(out, 2, 2)).toBe(at(image, 2, 2));
    // (0, 0) reads (1, 1); (4, 4) reads (3, 3).
    expect(at(out, 0, 0)).toBe(at(image, 1, 1));
    expect(at(out, 4, 4)).toBe(at(image, 3, 3));
    const zoomedOut = scale(image, { factor: 0.5, interpolation: 'nearest', fillValue: 200 });
    expect(at(zoomedOut, 0, 0)).toBe(200);
    expect(at(zoomedOut, 2, 2)).toBe(at(image, 2, 2));
  });

  it('rejects factor ≤ 0', () => {
    expect(() => scale(ramp(2, 2), { factor: 0 })).toThrow(/scale\.factor/);
  });
});

describe('affine', () => {
  const image = ramp(9, 7, 3);

  it('is the identity with no parts, and reduces to rotate, translate and scale', () => {
    expect(affine(image, {})).toEqual(image);
    expect(affine(image, { angle: 33 })).toEqual(rotate(image, { angle: 33 }));
    expect(affine(image, { translate: [2, -1], border: 'edge' })).toEqual(translate(image, { dx: 2, dy: -1, border: 'edge' }));
    expect(affine(image, { scale: 1.3, interpolation: 'nearest' })).toEqual(scale(image, { factor: 1.3, interpolation: 'nearest' }));
  });

  it("shears like torchvision: x' = x − tan(sx)·y, then y' = y − tan(sy)·x", () => {
    const close = (m: Matrix2x3, expected: number[]) => m.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    close(getAffineMatrix([0, 0], { shear: [45, 0] }), [1, -1, 0, 0, 1, 0]);
    close(getAffineMatrix([0, 0], { shear: [0, 45] }), [1, 0, 0, -1, 1, 0]);
    // Both: Shy · Shx = [[1, −1], [−1, 2]].
    close(getAffineMatrix([0, 0], { shear: [45, 45] }), [1, -1, 0, -1, 2, 0]);
  });

  it('composes T · C · R · S · Shy · Shx · C⁻¹ (shear, zoom, rotate about the centre, then translate)', () => {
    const c: [number, number] = [4, 3];
    const angle = 30;
    const [cos, sin] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const t = Math.tan((10 * Math.PI) / 180);
    const mul = (a: number[], b: number[]) => [
      a[0]! * b[0]! + a[1]! * b[3]!, a[0]! * b[1]! + a[1]! * b[4]!, a[0]! * b[2]! + a[1]! * b[5]! + a[2]!,
      a[3]! * b[0]! + a[4]! * b[3]!, a[3]! * b[1]! + a[4]! * b[4]!, a[3]! * b[2]! + a[4]! * b[5]! + a[5]!,
    ];
    const T = [1, 0, 5 + c[0], 0, 1, -2 + c[1]];
    const R = [cos, sin, 0, -sin, cos, 0];
    const S = [1.5, 0, 0, 0, 1.5, 0];
    const Shx = [1, -t, 0, 0, 1, 0];
    const Cinv = [1, 0, -c[0], 0, 1, -c[1]];
    const expected = [T, R, S, Shx].reduceRight((acc, m) => mul(m, acc), Cinv);
    const m = getAffineMatrix(c, { angle, translate: [5, -2], scale: 1.5, shear: [10, 0] });
    m.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('rejects a shear of 90° and a scale of 0', () => {
    expect(() => affine(image, { shear: [90, 0] })).toThrow(/affine\.shear/);
    expect(() => affine(image, { scale: 0 })).toThrow(/affine\.scale/);
  });
});
