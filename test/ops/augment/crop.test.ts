import { describe, expect, it } from 'vitest';
import { crop, resizedCrop } from '../../../src/ops/augment/crop.js';
import { warpAffine } from '../../../src/ops/augment/warp.js';
import { at, f32, ramp, randomFloat, toFloat, u8 } from './helpers.js';

describe('crop', () => {
  // 5×4, values 0…19: row y holds 5y … 5y+4.
  const image = ramp(5, 4, 1);

  it('cuts width × height pixels at (x, y)', () => {
    const out = crop(image, { x: 1, y: 2, width: 3, height: 2 });
    expect([out.width, out.height]).toEqual([3, 2]);
    expect(Array.from(out.data)).toEqual([11, 12, 13, 16, 17, 18]);
  });

  it('copies all channels and keeps the type', () => {
    const rgba = ramp(4, 3, 4);
    const out = crop(rgba, { x: 2, y: 1, width: 2, height: 2 });
    expect(Array.from(out.data.slice(0, 4))).toEqual([24, 25, 26, 27]);
    const float = randomFloat(4, 4, 3);
    const f = crop(float, { x: 0, y: 0, width: 4, height: 4 });
    expect(f).toEqual(float);
    expect(f.data).not.toBe(float.data);
  });

  it('pads first, then crops in padded coordinates (one padding for all sides)', () => {
    const out = crop(image, { x: 0, y: 0, width: 4, height: 3, padding: 2, fillValue: 99 });
    expect(Array.from(out.data)).toEqual([99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 0, 1]);
    // The largest x and y with padding 2: W + 4 − width and H + 4 − height.
    const last = crop(image, { x: 5, y: 5, width: 4, height: 3, padding: 2 });
    expect(Array.from(last.data)).toEqual([18, 19, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('takes [left, top, right, bottom] padding', () => {
    const out = crop(image, { x: 0, y: 0, width: 6, height: 5, padding: [1, 0, 0, 1], fillValue: 7 });
    expect([out.width, out.height]).toEqual([6, 5]);
    expect(Array.from(out.data.slice(0, 6))).toEqual([7, 0, 1, 2, 3, 4]);
    expect(Array.from(out.data.slice(24))).toEqual([7, 7, 7, 7, 7, 7]);
    expect(() => crop(image, { x: 1, y: 0, width: 6, height: 5, padding: [1, 0, 0, 1] })).toThrow(/crop\.x/);
  });

  it('pads by reflection or edge repetition when asked', () => {
    const line = u8(3, 1, 1, [1, 2, 3]);
    expect(Array.from(crop(line, { x: 0, y: 0, width: 7, height: 1, padding: [2, 0, 2, 0], border: 'reflect' }).data)).toEqual([3, 2, 1, 2, 3, 2, 1]);
    expect(Array.from(crop(line, { x: 0, y: 0, width: 7, height: 1, padding: [2, 0, 2, 0], border: 'edge' }).data)).toEqual([1, 1, 1, 2, 3, 3, 3]);
  });

  it('saturates a uint8 fill value and keeps a float one', () => {
    expect(Array.from(crop(u8(1, 1, 1, [5]), { x: 0, y: 0, width: 2, height: 1, padding: [1, 0, 0, 0], fillValue: 300 }).data)).toEqual([255, 5]);
    expect(Array.from(crop(f32(1, 1, 1, [5]), { x: 0, y: 0, width: 2, height: 1, padding: [1, 0, 0, 0], fillValue: -0.5 }).data)).toEqual([-0.5, 5]);
  });

  it('rejects crops outside the (padded) image and non-integer boxes', () => {
    expect(() => crop(image, { x: 3, y: 0, width: 3, height: 1 })).toThrow(/crop\.x/);
    expect(() => crop(image, { x: 0, y: -1, width: 3, height: 1 })).toThrow(/crop\.y/);
    expect(() => crop(image, { x: 0.5, y: 0, width: 3, height: 1 })).toThrow(/crop\.x/);
    expect(() => crop(image, { x: 0, y: 0, width: 0, height: 1 })).toThrow(/crop\.width/);
    expect(() => crop(image, { x: 0, y: 0, width: 1, height: 1, padding: -1 })).toThrow(/crop\.padding/);
  });
});

describe('resizedCrop', () => {
  const image = ramp(8, 6, 3);

  it('outputs outWidth × outHeight with the input channels and type', () => {
    const out = resizedCrop(image, { x: 1, y: 1, width: 5, height: 4, outWidth: 7, outHeight: 3 });
    expect([out.width, out.height, out.channels, out.data.length]).toEqual([7, 3, 3, 63]);
    expect(out.data).toBeInstanceOf(Uint8Array);
    expect(resizedCrop(toFloat(image), { x: 0, y: 0, width: 8, height: 6, outWidth: 2, outHeight: 9 }).data).toBeInstanceOf(Float32Array);
  });

  it('is a plain crop when the size does not change', () => {
    const params = { x: 2, y: 1, width: 4, height: 3 };
    expect(resizedCrop(image, { ...params, outWidth: 4, outHeight: 3 })).toEqual(crop(image, params));
  });

  it('averages 2×2 blocks when halving (bilinear at half-pixel centres)', () => {
    const gray = f32(4, 2, 1, [0, 2, 4, 6, 10, 12, 14, 16]);
    expect(Array.from(resizedCrop(gray, { x: 0, y: 0, width: 4, height: 2, outWidth: 2, outHeight: 1 }).data)).toEqual([6, 10]);
  });

  it('repeats pixels when doubling with nearest, and never reads outside the box', () => {
    const box = resizedCrop(ramp(4, 4, 1), { x: 1, y: 1, width: 2, height: 2, outWidth: 4, outHeight: 4, interpolation: 'nearest' });
    expect(Array.from(box.data)).toEqual([5, 5, 6, 6, 5, 5, 6, 6, 9, 9, 10, 10, 9, 9, 10, 10]);
    // Bilinear at the box edge repeats the edge pixel rather than blending in pixel 4 or 7.
    const smooth = resizedCrop(ramp(4, 4, 1), { x: 1, y: 1, width: 2, height: 2, outWidth: 4, outHeight: 4 });
    expect(at(smooth, 0, 0)).toBe(5);
  });

  it.each([
    ['up', 7, 9],
    ['down', 3, 2],
    ['mixed', 11, 3],
  ] as const)('equals warpAffine of the crop with an edge border, bit for bit (%s)', (_, outWidth, outHeight) => {
    const float = randomFloat(9, 8, 4);
    const box = { x: 2, y: 1, width: 5, height: 6 };
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      const [sx, sy] = [box.width / outWidth, box.height / outHeight];
      const viaWarp = warpAffine(crop(float, box), [sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5], {
        inverse: true, width: outWidth, height: outHeight, border: 'edge', interpolation,
      });
      expect(resizedCrop(float, { ...box, outWidth, outHeight, interpolation })).toEqual(viaWarp);
    }
  });

  it('rejects a box outside the image', () => {
    expect(() => resizedCrop(image, { x: 5, y: 0, width: 4, height: 2, outWidth: 2, outHeight: 2 })).toThrow(/resizedCrop\.x/);
    expect(() => resizedCrop(image, { x: 0, y: 0, width: 4, height: 2, outWidth: 0, outHeight: 2 })).toThrow(/resizedCrop\.outWidth/);
  });
});
