/**
 * 64-bit perceptual hashes for near-duplicate detection, following imagededup's definitions
 * (idealo/imagededup, imagededup/methods/hashing.py: `DHash`, `PHash`, `Hashing.hamming_distance`).
 * Bits are laid out as imagededup's `np.packbits` lays them: row-major, first bit most significant,
 * so `hashToHex` prints the same 16 hex digits imagededup would for the same 8-bit thumbnail.
 */
import type { Image } from '../../core/types.js';
import { toByteHalfUp } from '../kernel/index.js';
import { resizeGray, toGray } from './grayscale.js';

const HASH_BITS = 64;

/**
 * The luma thumbnail a hash reads, rounded to 0..255 as the uint8 image imagededup hashes. Rounding
 * also removes resampling noise, so a flat image gives exactly equal pixels (and ties, not noise).
 * Deviation: imagededup resizes the RGB image with PIL's Lanczos filter and then takes luma; we take
 * luma first and area-average (both linear, so they differ only in the filter).
 */
function thumbnail(image: Image, width: number, height: number): Float64Array {
  const small = resizeGray(toGray(image), image.width, image.height, width, height);
  return Float64Array.from(small, toByteHalfUp);
}

/** Packs 64 booleans, first one into the most significant bit. */
function packBits(bits: ArrayLike<boolean>): bigint {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) hi = (hi << 1) | (bits[i] ? 1 : 0);
  for (let i = 32; i < HASH_BITS; i++) lo = (lo << 1) | (bits[i] ? 1 : 0);
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/**
 * Difference hash: a 9×8 (width × height) luma thumbnail; bit `(row, col)` is set when the pixel
 * right of it is brighter, `p[row][col + 1] > p[row][col]` (imagededup `DHash`: "difference between
 * consecutive columns"). Ties give 0, so a flat image hashes to `0n`.
 *
 * @example hashToHex(dHash(image)) // e.g. "f0e4c8d8b0b2b2b2"
 */
export function dHash(image: Image): bigint {
  const p = thumbnail(image, 9, 8);
  const bits: boolean[] = [];
  for (let row = 0; row < 8; row++) {
    for (let col = 0; col < 8; col++) bits.push(p[row * 9 + col + 1]! > p[row * 9 + col]!);
  }
  return packBits(bits);
}

// cos(π k (2n + 1) / 64) for the 8 lowest frequencies k of a 32-point DCT-II.
const DCT_N = 32;
const DCT_K = 8;
const DCT_COS = (() => {
  const table = new Float64Array(DCT_K * DCT_N);
  for (let k = 0; k < DCT_K; k++) {
    for (let n = 0; n < DCT_N; n++) table[k * DCT_N + n] = Math.cos((Math.PI * k * (2 * n + 1)) / (2 * DCT_N));
  }
  return table;
})();

// Coefficients are sums of up to 1024 terms of size ≤ 255; rounding to 1e-6 keeps every real
// difference and drops the ~1e-10 float residue, so exact zeros (a flat image's AC terms) stay zero.
const DCT_GRID = 1e6;

/** The top-left 8×8 block of the unnormalised 2-D DCT-II of a 32×32 block, row-major. */
function lowDct(p: Float64Array): Float64Array {
  // Rows first: t[y][k] = Σx p[y][x] cos_k(x); then columns: c[j][k] = Σy cos_j(y) t[y][k].
  const t = new Float64Array(DCT_N * DCT_K);
  for (let y = 0; y < DCT_N; y++) {
    for (let k = 0; k < DCT_K; k++) {
      let acc = 0;
      for (let x = 0; x < DCT_N; x++) acc += p[y * DCT_N + x]! * DCT_COS[k * DCT_N + x]!;
      t[y * DCT_K + k] = acc;
    }
  }
  const c = new Float64Array(DCT_K * DCT_K);
  for (let j = 0; j < DCT_K; j++) {
    for (let k = 0; k < DCT_K; k++) {
      let acc = 0;
      for (let y = 0; y < DCT_N; y++) acc += DCT_COS[j * DCT_N + y]! * t[y * DCT_K + k]!;
      c[j * DCT_K + k] = Math.round(acc * DCT_GRID) / DCT_GRID;
    }
  }
  return c;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Perceptual hash: a 32×32 luma thumbnail, its 2-D DCT-II, the top-left 8×8 block of coefficients
 * (lowest frequencies), and bit `(j, k)` set when `coef[j][k] >= median` (imagededup `PHash`). As in
 * imagededup, the median is taken over the 63 coefficients without the DC term `coef[0][0]`, while
 * all 64 coefficients, DC included, give a bit. The DCT's scale (scipy's factor 2) does not change
 * any comparison and is left out. A flat image has all AC terms 0, so every bit is set.
 *
 * @example hashToHex(pHash(flatImage)) // "ffffffffffffffff"
 */
export function pHash(image: Image): bigint {
  const coef = lowDct(thumbnail(image, DCT_N, DCT_N));
  const threshold = median(coef.subarray(1));
  return packBits(Array.from(coef, (v) => v >= threshold));
}

/** Set bits of a 32-bit integer (SWAR popcount). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const MASK32 = 0xffffffffn;

/**
 * Number of differing bits between two 64-bit hashes. Values are read as unsigned 64-bit (only the
 * low 64 bits count).
 *
 * @example hammingDistance(0b1011n, 0b0001n) // 2
 */
export function hammingDistance(a: bigint, b: bigint): number {
  const x = a ^ b;
  return popcount32(Number(x & MASK32)) + popcount32(Number((x >> 32n) & MASK32));
}

/**
 * The hash as 16 lowercase hex digits, zero-padded (imagededup's string form).
 *
 * @example hashToHex(255n) // "00000000000000ff"
 */
export function hashToHex(hash: bigint): string {
  return BigInt.asUintN(HASH_BITS, hash).toString(16).padStart(16, '0');
}
