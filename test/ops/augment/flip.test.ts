import { describe, expect, it } from 'vitest';
import { horizontalFlip, verticalFlip } from '../../../src/ops/augment/flip.js';
import { f32, ramp, randomFloat, u8 } from './helpers.js';

describe('horizontalFlip', () => {
  it('mirrors each row, keeping the channel order inside a pixel', () => {
    const image = u8(3, 2, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(Array.from(horizontalFlip(image).data)).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3, 16, 17, 18, 13, 14, 15, 10, 11, 12]);
  });

  it('keeps the type and shape', () => {
    const out = horizontalFlip(f32(2, 1, 1, [0.25, -3]));
    expect(out.data).toEqual(Float32Array.from([-3, 0.25]));
    expect([out.width, out.height, out.channels]).toEqual([2, 1, 1]);
  });

  it.each([1, 3, 4] as const)('twice is the identity (%i channels, uint8 and float)', (channels) => {
    const image = ramp(7, 5, channels);
    expect(horizontalFlip(horizontalFlip(image))).toEqual(image);
    const float = randomFloat(6, 3, channels);
    expect(horizontalFlip(horizontalFlip(float))).toEqual(float);
  });

  it('does not modify its input', () => {
    const image = ramp(4, 2, 3);
    const before = Uint8Array.from(image.data);
    horizontalFlip(image);
    expect(image.data).toEqual(before);
  });

  it('rejects data of the wrong length', () => {
    expect(() => horizontalFlip({ data: new Uint8Array(5), width: 2, height: 1, channels: 3 })).toThrow(/horizontalFlip\.image\.data\.length/);
  });
});

describe('verticalFlip', () => {
  it('reverses the rows', () => {
    const image = u8(2, 3, 1, [1, 2, 3, 4, 5, 6]);
    expect(Array.from(verticalFlip(image).data)).toEqual([5, 6, 3, 4, 1, 2]);
  });

  it.each([1, 3, 4] as const)('twice is the identity (%i channels, uint8 and float)', (channels) => {
    const image = ramp(5, 7, channels);
    expect(verticalFlip(verticalFlip(image))).toEqual(image);
    const float = randomFloat(3, 6, channels);
    expect(verticalFlip(verticalFlip(float))).toEqual(float);
  });

  it('composed with horizontalFlip is a half turn, in either order', () => {
    const image = ramp(4, 3, 3);
    expect(verticalFlip(horizontalFlip(image))).toEqual(horizontalFlip(verticalFlip(image)));
  });
});
