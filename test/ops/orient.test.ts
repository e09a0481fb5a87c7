import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Channels, Image } from '../../src/core/types.js';
import { orient } from '../../src/ops/orient.js';
import { readJpegHeader } from '../../src/sources/jpeg/header.js';

async function raw(input: sharp.Sharp): Promise<Image> {
  const { data, info } = await input.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: info.channels as Channels };
}

describe('orient', () => {
  it('maps a 3×2 gray image for each orientation', () => {
    // a b c
    // d e f
    const src: Image = { data: Uint8Array.from([1, 2, 3, 4, 5, 6]), width: 3, height: 2, channels: 1 };
    const expected: Record<number, [number, number, number[]]> = {
      1: [3, 2, [1, 2, 3, 4, 5, 6]],
      2: [3, 2, [3, 2, 1, 6, 5, 4]],
      3: [3, 2, [6, 5, 4, 3, 2, 1]],
      4: [3, 2, [4, 5, 6, 1, 2, 3]],
      5: [2, 3, [1, 4, 2, 5, 3, 6]],
      6: [2, 3, [4, 1, 5, 2, 6, 3]],
      7: [2, 3, [6, 3, 5, 2, 4, 1]],
      8: [2, 3, [3, 6, 2, 5, 1, 4]],
    };
    for (const [k, [width, height, data]] of Object.entries(expected)) {
      const out = orient(src, Number(k));
      expect([out.width, out.height, Array.from(out.data)], `orientation ${k}`).toEqual([width, height, data]);
    }
  });

  it('moves whole RGBA pixels', () => {
    const src: Image = { data: Uint8Array.from({ length: 2 * 4 }, (_, i) => i), width: 2, height: 1, channels: 4 };
    expect(Array.from(orient(src, 6).data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(orient(src, 2).data)).toEqual([4, 5, 6, 7, 0, 1, 2, 3]);
  });

  it('equals sharp auto-orient on JPEGs tagged with each orientation, whose header reads back', async () => {
    const width = 13, height = 7;
    const pixels = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 251);
    for (let k = 1; k <= 8; k++) {
      const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 100 }).withMetadata({ orientation: k }).toBuffer();
      const stored = await raw(sharp(jpeg));
      const upright = await raw(sharp(jpeg).rotate());
      expect(orient(stored, k), `orientation ${k}`).toEqual(upright);
      expect(readJpegHeader(jpeg)).toMatchObject({ width, height, components: 3, orientation: k, progressive: false });
    }
  });

  it('rejects orientations outside 1..8', () => {
    const src: Image = { data: new Uint8Array(3), width: 1, height: 1, channels: 3 };
    expect(() => orient(src, 9)).toThrow(RangeError);
    expect(() => orient(src, 0)).toThrow(/orientation/);
  });
});
