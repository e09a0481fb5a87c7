import path from 'node:path';
import seedrandom from 'seedrandom';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { dHash, hammingDistance, hashToHex, pHash, popcount32 } from '../../../src/ops/quality/hash.js';

const grayImage = (rows: number[][]): Image => ({
  data: Uint8Array.from(rows.flat()),
  width: rows[0]!.length,
  height: rows.length,
  channels: 1,
});

const randomHash = (rng: () => number): bigint =>
  (BigInt(Math.floor(rng() * 2 ** 32)) << 32n) | BigInt(Math.floor(rng() * 2 ** 32));

describe('dHash', () => {
  // One row per output byte; a bit is set where the right neighbour is brighter.
  const rows = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8], // all up: ff
    [8, 7, 6, 5, 4, 3, 2, 1, 0], // all down: 00
    [0, 1, 0, 1, 0, 1, 0, 1, 0], // up, down, …: aa
    [5, 5, 5, 5, 5, 5, 5, 5, 5], // ties are 0: 00
    [5, 5, 5, 5, 5, 5, 5, 5, 6], // only the last: 01
    [5, 6, 6, 6, 6, 6, 6, 6, 6], // only the first: 80
    [0, 30, 60, 90, 120, 150, 180, 210, 240], // ff
    [9, 8, 7, 6, 5, 4, 3, 2, 1], // 00
  ];

  it('matches a hand-computed hash of a 9×8 image (row-major, first bit most significant)', () => {
    expect(hashToHex(dHash(grayImage(rows)))).toBe('ff00aa000180ff00');
  });

  it('gives the same hash for a 2× larger copy and for a 3-channel copy', () => {
    const big = rows.flatMap((r) => [r.flatMap((v) => [v, v]), r.flatMap((v) => [v, v])]);
    expect(dHash(grayImage(big))).toBe(0xff00aa000180ff00n);
    const rgb: Image = { data: Uint8Array.from(rows.flat().flatMap((v) => [v, v, v])), width: 9, height: 8, channels: 3 };
    expect(dHash(rgb)).toBe(0xff00aa000180ff00n);
  });

  it('is 0 on a flat image', () => {
    expect(dHash(grayImage(Array.from({ length: 20 }, () => Array<number>(30).fill(77))))).toBe(0n);
  });
});

describe('pHash', () => {
  it('sets every bit on a constant image (all AC terms are 0, DC ≥ their median)', () => {
    for (const v of [0, 77, 255]) {
      expect(hashToHex(pHash(grayImage(Array.from({ length: 50 }, () => Array<number>(40).fill(v)))))).toBe('ffffffffffffffff');
    }
    const rgb: Image = { data: new Uint8Array(32 * 32 * 3).fill(200), width: 32, height: 32, channels: 3 };
    expect(pHash(rgb)).toBe(0xffffffffffffffffn);
  });

  it('equals the textbook definition on a random 32×32 image', () => {
    const rng = seedrandom('phash');
    const p = Array.from({ length: 32 }, () => Array.from({ length: 32 }, () => Math.floor(rng() * 256)));
    const coef: number[] = [];
    for (let j = 0; j < 8; j++) {
      for (let k = 0; k < 8; k++) {
        let acc = 0;
        for (let y = 0; y < 32; y++) {
          for (let x = 0; x < 32; x++) {
            acc += p[y]![x]! * Math.cos((Math.PI * j * (2 * y + 1)) / 64) * Math.cos((Math.PI * k * (2 * x + 1)) / 64);
          }
        }
        coef.push(acc);
      }
    }
    const ac = coef.slice(1).sort((a, b) => a - b);
    const median = ac[31]!; // 63 AC terms: the DC term takes part in the bits, not in the median
    const expected = coef.reduce((h, c) => (h << 1n) | (c >= median ? 1n : 0n), 0n);
    expect(hashToHex(pHash(grayImage(p)))).toBe(hashToHex(expected));
  });
});

describe('hammingDistance', () => {
  it('counts differing bits over 64 bits', () => {
    expect(hammingDistance(0b1011n, 0b0001n)).toBe(2);
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(1n << 63n, 1n)).toBe(2);
    expect(hammingDistance(-1n, 0xffffffffffffffffn)).toBe(0); // read as unsigned 64-bit
  });

  it('is 0 on equal hashes, symmetric, and obeys the triangle inequality on random hashes', () => {
    const rng = seedrandom('hamming');
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [randomHash(rng), randomHash(rng), randomHash(rng)];
      expect(hammingDistance(a, a)).toBe(0);
      expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
      expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
      expect(hammingDistance(a, b)).toBe([...(a ^ b).toString(2)].filter((d) => d === '1').length);
    }
  });

  it('popcount32 handles the sign bit', () => {
    expect(popcount32(-1)).toBe(32);
    expect(popcount32(0x80000000)).toBe(1);
  });
});

describe('hashToHex', () => {
  it('prints 16 zero-padded lowercase hex digits', () => {
    expect(hashToHex(255n)).toBe('00000000000000ff');
    expect(hashToHex(0xabcdef0123456789n)).toBe('abcdef0123456789');
    expect(hashToHex(-1n)).toBe('ffffffffffffffff');
  });
});

describe('fixtures/messy', () => {
  const dir = path.resolve(import.meta.dirname, '../../../fixtures/messy');
  const names = [
    'cats/img_00.jpg', 'cats/img_02.jpg', 'cats/img_02_small_q60.jpg', 'cats/img_04.jpg', 'cats/img_06.jpg',
    'cups/img_01.jpg', 'cups/img_03.jpg', 'cups/img_05.jpg', 'cups/img_07.jpg', 'cups/copy_of_img_00.jpg',
    'cups/img_png_00.png', 'cats/img_png_00_recompressed.png',
  ];
  const hashes = new Map<string, { d: bigint; p: bigint }>();
  const dist = (a: string, b: string) => {
    const [x, y] = [hashes.get(a)!, hashes.get(b)!];
    return { d: hammingDistance(x.d, y.d), p: hammingDistance(x.p, y.p) };
  };

  beforeAll(async () => {
    for (const f of names) {
      const { data, info } = await sharp(path.join(dir, f)).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      const image: Image = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
      hashes.set(f, { d: dHash(image), p: pHash(image) });
    }
  });

  it('finds the planted duplicates within a small distance (observed: 0 for both hashes)', () => {
    expect(dist('cats/img_02.jpg', 'cats/img_02_small_q60.jpg')).toEqual({ d: 0, p: 0 }); // 112 px, quality 60
    expect(dist('cats/img_00.jpg', 'cups/copy_of_img_00.jpg')).toEqual({ d: 0, p: 0 }); // same bytes
    expect(dist('cups/img_png_00.png', 'cats/img_png_00_recompressed.png')).toEqual({ d: 0, p: 0 }); // same pixels
  });

  it('keeps distinct photos further apart than imagededup’s default threshold of 10', () => {
    const distinct = ['cats/img_00.jpg', 'cats/img_04.jpg', 'cats/img_06.jpg', 'cups/img_01.jpg', 'cups/img_03.jpg', 'cups/img_05.jpg', 'cups/img_07.jpg'];
    for (const a of distinct) {
      for (const b of distinct) {
        if (a >= b) continue;
        const { d, p } = dist(a, b);
        expect(d, `dHash ${a} ${b}`).toBeGreaterThan(10);
        expect(p, `pHash ${a} ${b}`).toBeGreaterThan(10);
      }
    }
  });

  it('sees img_02 and img_04 as the same shot, slightly shifted (distance 4)', () => {
    expect(dist('cats/img_02.jpg', 'cats/img_04.jpg')).toEqual({ d: 4, p: 4 });
  });
});
