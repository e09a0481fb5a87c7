import { describe, expect, it } from 'vitest';
import { erase } from '../../../src/ops/augment/erase.js';
import { at, f32, ramp } from './helpers.js';

describe('erase', () => {
  it('paints the box with the value, colour channels only for a number', () => {
    const out = erase(ramp(4, 3, 1), { x: 1, y: 1, width: 2, height: 2, value: 200 });
    expect(Array.from(out.data)).toEqual([0, 1, 2, 3, 4, 200, 200, 7, 8, 200, 200, 11]);
    const rgba = erase(ramp(2, 1, 4), { x: 0, y: 0, width: 1, height: 1 });
    expect(Array.from(rgba.data)).toEqual([0, 0, 0, 3, 4, 5, 6, 7]);
  });

  it('takes per-channel values: all channels, or colour only on RGBA', () => {
    expect(Array.from(erase(ramp(1, 1, 4), { x: 0, y: 0, width: 1, height: 1, value: [1, 2, 3, 4] }).data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(erase(ramp(1, 1, 4), { x: 0, y: 0, width: 1, height: 1, value: [1, 2, 3] }).data)).toEqual([1, 2, 3, 3]);
    expect(() => erase(ramp(1, 1, 3), { x: 0, y: 0, width: 1, height: 1, value: [1, 2] })).toThrow(/erase\.value/);
  });

  it('clips boxes that extend past the image, and ignores boxes outside it', () => {
    const image = ramp(3, 3, 1);
    const out = erase(image, { x: -1, y: 2, width: 2, height: 5, value: 99 });
    expect(Array.from(out.data)).toEqual([0, 1, 2, 3, 4, 5, 99, 7, 8]);
    expect(erase(image, { x: 5, y: 0, width: 2, height: 2 })).toEqual(image);
  });

  it('saturates uint8 values and keeps float ones', () => {
    expect(at(erase(ramp(1, 1, 1), { x: 0, y: 0, width: 1, height: 1, value: 300 }), 0, 0)).toBe(255);
    expect(at(erase(f32(1, 1, 1, [0.5]), { x: 0, y: 0, width: 1, height: 1, value: -2 }), 0, 0)).toBe(-2);
  });

  it('does not modify its input and rejects non-integer boxes', () => {
    const image = ramp(2, 2, 3);
    const before = Uint8Array.from(image.data);
    erase(image, { x: 0, y: 0, width: 2, height: 2 });
    expect(image.data).toEqual(before);
    expect(() => erase(image, { x: 0.5, y: 0, width: 1, height: 1 })).toThrow(/erase\.x/);
  });
});
