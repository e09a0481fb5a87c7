import { describe, expect, it } from 'vitest';
import { invertAffine, invertMatrix3x3, remap, warpAffine, warpPerspective, type Matrix2x3, type Matrix3x3 } from '../../../src/ops/augment/warp.js';
import { f32, ramp, randomFloat, toFloat, u8 } from './helpers.js';

// One row 0, 10, …, 70 repeated on 3 rows. Expected rows below were produced by OpenCV 5
// (cv2.warpAffine, borderValue 99) and agree with the hand computation.
const row = u8(8, 3, 1, Array.from({ length: 24 }, (_, i) => (i % 8) * 10));
const firstRow = (image: { data: ArrayLike<number> }) => Array.from(image.data).slice(0, 8);
const shift = (dx: number): Matrix2x3 => [1, 0, dx, 0, 1, 0];

describe('warpAffine', () => {
  it('is the identity for the identity matrix (bilinear and nearest, uint8 and float)', () => {
    const image = ramp(9, 7, 3);
    expect(warpAffine(image, [1, 0, 0, 0, 1, 0])).toEqual(image);
    expect(warpAffine(image, [1, 0, 0, 0, 1, 0], { interpolation: 'nearest' })).toEqual(image);
    const float = randomFloat(5, 4, 4);
    expect(warpAffine(float, [1, 0, 0, 0, 1, 0])).toEqual(float);
  });

  it.each([
    ['constant', [99, 99, 99, 0, 10, 20, 30, 40]],
    ['reflect', [30, 20, 10, 0, 10, 20, 30, 40]],
    ['edge', [0, 0, 0, 0, 10, 20, 30, 40]],
  ] as const)('moves whole pixels exactly and fills per the %s border', (border, expected) => {
    expect(firstRow(warpAffine(row, shift(3), { border, fillValue: 99 }))).toEqual(expected);
    expect(firstRow(warpAffine(row, shift(3), { border, fillValue: 99, interpolation: 'nearest' }))).toEqual(expected);
  });

  it.each([
    // Output x reads input x − 2.5: x = 2 blends the fill (or border pixel) at −1 with pixel 0.
    ['constant', [99, 99, 50, 5, 15, 25, 35, 45]],
    ['reflect', [25, 15, 5, 5, 15, 25, 35, 45]],
    ['edge', [0, 0, 0, 5, 15, 25, 35, 45]],
  ] as const)('blends each bilinear neighbour resolved by the %s border, as OpenCV', (border, expected) => {
    expect(firstRow(warpAffine(row, shift(2.5), { border, fillValue: 99 }))).toEqual(expected);
  });

  it('rounds uint8 results half to even (cv::saturate_cast), and leaves floats unrounded', () => {
    const image = u8(8, 1, 1, [1, 2, 3, 4, 5, 6, 7, 8]);
    // Half-pixel shift: 0.5, 1.5, 2.5, … → 0, 2, 2, 4, 4, 6, 6, 8.
    expect(Array.from(warpAffine(image, shift(0.5)).data)).toEqual([0, 2, 2, 4, 4, 6, 6, 8]);
    expect(Array.from(warpAffine(toFloat(image), shift(0.5)).data)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
  });

  it('rounds nearest-neighbour coordinates half to even, as OpenCV', () => {
    expect(firstRow(warpAffine(row, shift(0.5), { interpolation: 'nearest' }))).toEqual([0, 0, 20, 20, 40, 40, 60, 60]);
  });

  it('does not clamp float results', () => {
    // x = 1 reads x = 0.75: −1000 + 0.75 · 4000.
    const image = f32(2, 1, 1, [-1000, 3000]);
    expect(Array.from(warpAffine(image, shift(0.25), { border: 'edge' }).data)).toEqual([-1000, 2000]);
  });

  it('takes one fill value per channel, saturated to 0..255 for uint8', () => {
    const out = warpAffine(ramp(2, 1, 3), shift(5), { fillValue: [300, -5, 7.5] });
    expect(Array.from(out.data)).toEqual([255, 0, 8, 255, 0, 8]);
    expect(() => warpAffine(ramp(2, 1, 3), shift(5), { fillValue: [1, 2] })).toThrow(/fillValue/);
  });

  it('uses the matrix as given with inverse: true (WARP_INVERSE_MAP)', () => {
    const image = ramp(6, 5, 3);
    expect(warpAffine(image, shift(-2), { inverse: true })).toEqual(warpAffine(image, shift(2)));
  });

  it('writes an output of the requested size', () => {
    const out = warpAffine(ramp(4, 4, 1), [2, 0, 0, 0, 2, 0], { width: 8, height: 6, interpolation: 'nearest' });
    expect([out.width, out.height, out.data.length]).toEqual([8, 6, 48]);
    expect(out.data[2 * 8 + 2]).toBe(ramp(4, 4, 1).data[1 * 4 + 1]);
  });

  it('rejects a singular matrix, a bad border and a bad size', () => {
    expect(() => warpAffine(ramp(2, 2), [1, 2, 0, 2, 4, 0])).toThrow(/invertible/);
    expect(() => warpAffine(ramp(2, 2), shift(0), { border: 'wrap' as never })).toThrow(/border/);
    expect(() => warpAffine(ramp(2, 2), shift(0), { width: 0 })).toThrow(/width/);
  });
});

describe('invertAffine and invertMatrix3x3', () => {
  it('give matrices that compose to the identity', () => {
    const m: Matrix2x3 = [0.8, -0.3, 5, 0.2, 1.1, -2];
    const [a, b, c, d, e, f] = invertAffine(m);
    // Apply m then its inverse to a point.
    const [x, y] = [3, 7];
    const [u, v] = [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
    expect(a * u + b * v + c).toBeCloseTo(x, 12);
    expect(d * u + e * v + f).toBeCloseTo(y, 12);
    const h: Matrix3x3 = [1.1, 0.2, 3, -0.1, 0.9, 2, 0.001, 0.002, 1];
    const inv = invertMatrix3x3(h);
    for (let r = 0; r < 3; r++) {
      for (let col = 0; col < 3; col++) {
        const dot = h[r * 3]! * inv[col]! + h[r * 3 + 1]! * inv[3 + col]! + h[r * 3 + 2]! * inv[6 + col]!;
        expect(dot).toBeCloseTo(r === col ? 1 : 0, 12);
      }
    }
  });
});

describe('warpPerspective', () => {
  it('equals warpAffine for an affine homography', () => {
    const image = ramp(9, 6, 3);
    const m: Matrix2x3 = [0.9, 0.1, 1.5, -0.2, 1.05, 0.25];
    expect(warpPerspective(image, [...m, 0, 0, 1])).toEqual(warpAffine(image, m));
    expect(warpPerspective(image, [...m, 0, 0, 1], { interpolation: 'nearest', border: 'reflect' })).toEqual(
      warpAffine(image, m, { interpolation: 'nearest', border: 'reflect' }),
    );
  });

  it('reads the border where the homography sends pixels beyond the horizon', () => {
    // Output x reads x / (1 − x/4): x = 4 maps to infinity, beyond it to negative coordinates.
    const out = warpPerspective(ramp(8, 1), [1, 0, 0, 0, 1, 0, -0.25, 0, 1], { inverse: true, fillValue: 7 });
    expect(Array.from(out.data).slice(4)).toEqual([7, 7, 7, 7]);
  });
});

describe('remap', () => {
  it('copies the image for identity maps and shifts by map offsets', () => {
    const image = ramp(5, 4, 3);
    const mapX = Float32Array.from({ length: 20 }, (_, i) => i % 5);
    const mapY = Float32Array.from({ length: 20 }, (_, i) => Math.floor(i / 5));
    expect(remap(image, mapX, mapY)).toEqual(image);
    expect(remap(image, mapX.map((v) => v - 1), mapY, { border: 'edge' })).toEqual(warpAffine(image, shift(1), { border: 'edge' }));
  });

  it('treats NaN coordinates as outside', () => {
    const out = remap(ramp(2, 1), Float32Array.from([NaN, 1]), Float32Array.from([0, 0]), { fillValue: 9 });
    expect(Array.from(out.data)).toEqual([9, 1]);
  });

  it('rejects maps of the wrong length', () => {
    expect(() => remap(ramp(2, 2), new Float32Array(3), new Float32Array(3))).toThrow(/mapX\/mapY length/);
  });
});
