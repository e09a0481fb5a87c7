import { readFile } from 'node:fs/promises';
import path from 'node:path';
import seedrandom from 'seedrandom';
import sharp from 'sharp';
import type { Image } from '../../../src/core/types.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/denoise-reference');

/** Decodes a PNG from fixtures/denoise-reference as uint8, keeping gray as 1 channel. */
export async function loadPng(file: string): Promise<Image> {
  const fullPath = path.join(FIXTURES, file);
  const { channels } = await sharp(fullPath).metadata();
  // sharp would expand gray to sRGB on output.
  const { data, info } = await sharp(fullPath)
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3 && info.channels !== 4) throw new Error(`${file}: ${info.channels} channels`);
  const { width, height, channels: c } = info;
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: c };
}

/** Reads raw little-endian float32 values (the `.f32` reference outputs). */
export async function loadF32(file: string): Promise<Float32Array> {
  const buf = await readFile(path.join(FIXTURES, file));
  const out = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

/**
 * Adds seeded Gaussian noise (Box–Muller on seedrandom) with standard deviation `sigma`,
 * rounded and clamped to 0..255 for uint8 images.
 */
export function addGaussianNoise(image: Image, sigma: number, seed: string): Image {
  const rng = seedrandom(seed);
  const n = image.data.length;
  const noisy = image.data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    // 1 - rng() is in (0, 1], so the log is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - rng())) * sigma;
    const angle = 2 * Math.PI * rng();
    noisy[i] = noisyValue(image, i, radius * Math.cos(angle));
    if (i + 1 < n) noisy[i + 1] = noisyValue(image, i + 1, radius * Math.sin(angle));
  }
  return { ...image, data: noisy };
}

function noisyValue(image: Image, i: number, noise: number): number {
  const v = image.data[i]! + noise;
  return image.data instanceof Uint8Array ? Math.min(255, Math.max(0, Math.round(v))) : v;
}

/** Mean and max absolute difference, and how many values differ at all. */
export function diffStats(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; max: number; differing: number } {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let sum = 0;
  let max = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    max = Math.max(max, d);
    if (d !== 0) differing++;
  }
  return { mean: sum / a.length, max, differing };
}

/** A w×h image from a row-major list of values. */
export function gray(width: number, height: number, values: readonly number[]): Image {
  return { data: Uint8Array.from(values), width, height, channels: 1 };
}

export function toFloat(image: Image): Image {
  return { ...image, data: Float32Array.from(image.data) };
}
