import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readJpegHeader } from '../../../src/sources/jpeg/header.js';

function jpegsUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jpegsUnder(path) : /\.jpe?g$/i.test(name) ? [path] : [];
  });
}

// Every JPEG we have: the repo's fixtures, and the shared data set where this checkout has one.
const files = [...jpegsUnder('fixtures'), ...jpegsUnder('../shared/data')];

// A deterministic byte generator for the fuzz tests.
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
}

describe('readJpegHeader', () => {
  it('agrees with sharp on every fixture JPEG', async () => {
    expect(files.length).toBeGreaterThan(5);
    let checked = 0;
    for (const path of files) {
      const bytes = readFileSync(path);
      // sharp throws synchronously on an empty buffer.
      const meta = await Promise.resolve().then(() => sharp(bytes).metadata()).catch(() => undefined);
      const header = readJpegHeader(bytes);
      if (!meta || meta.format !== 'jpeg') {
        expect(header, path).toBeUndefined();
        continue;
      }
      expect(header, path).toMatchObject({ width: meta.width, height: meta.height, components: meta.channels, orientation: meta.orientation ?? 1, progressive: meta.isProgressive });
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('reads a CMYK JPEG as 4 components with its Adobe transform', () => {
    const header = readJpegHeader(readFileSync('fixtures/messy/cats/img_cmyk.jpg'));
    expect(header?.components).toBe(4);
    expect(header?.adobeTransform).toBeTypeOf('number');
  });

  it('reads progressive JPEGs and big-endian EXIF', async () => {
    const pixels = new Uint8Array(20 * 10 * 3).fill(90);
    const jpeg = await sharp(pixels, { raw: { width: 20, height: 10, channels: 3 } }).jpeg({ progressive: true }).withMetadata({ orientation: 6 }).toBuffer();
    expect(readJpegHeader(jpeg)).toMatchObject({ width: 20, height: 10, progressive: true, orientation: 6 });
    // Hand-made: SOI, APP1 Exif with an "MM" TIFF holding orientation 8, SOF0 3×2 gray.
    const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0];
    const app1 = [...Array.from('Exif\0\0', (ch) => ch.charCodeAt(0)), ...tiff];
    const bytes = Uint8Array.from([
      0xff, 0xd8,
      0xff, 0xe1, 0, app1.length + 2, ...app1,
      0xff, 0xff, 0xc0, 0, 11, 8, 0, 2, 0, 3, 1, 1, 0x11, 0,
    ]);
    expect(readJpegHeader(bytes)).toEqual({ width: 3, height: 2, components: 1, orientation: 8, progressive: false, icc: "none" });
  });

  it('returns undefined for non-JPEGs, truncations and garbage, and never throws', () => {
    expect(readJpegHeader(new Uint8Array(0))).toBeUndefined();
    expect(readJpegHeader(readFileSync('fixtures/messy/cats/img_tiny.png'))).toBeUndefined();
    const valid = readFileSync('fixtures/messy/cats/img_00.jpg');
    const sof = readJpegHeader(valid);
    expect(sof).toBeDefined();
    // Every prefix gives the full header or undefined, and one byte short of the SOF's end, undefined.
    let shortest = valid.length;
    for (let n = 0; n <= valid.length; n++) {
      const header = readJpegHeader(valid.subarray(0, n));
      if (header) {
        expect(header).toEqual(sof);
        shortest = Math.min(shortest, n);
      }
    }
    expect(shortest).toBeLessThan(valid.length);
    expect(readJpegHeader(valid.subarray(0, shortest - 1))).toBeUndefined();
    const next = rng(7);
    for (let t = 0; t < 2000; t++) {
      // Random bytes after a real SOI, and single-byte mutations of a real file's first kilobyte.
      const garbage = Uint8Array.from({ length: next() * 4 }, next);
      garbage[0] = 0xff;
      garbage[1] = 0xd8;
      expect(() => readJpegHeader(garbage)).not.toThrow();
      const mutated = valid.subarray(0, 1024).slice();
      mutated[next() * 4]! ^= next() | 1;
      expect(() => readJpegHeader(mutated)).not.toThrow();
    }
  });
});
