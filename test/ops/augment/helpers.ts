import sharp from 'sharp';
import type { Channels, Image } from '../../../src/core/types.js';

/** An image from explicit values: `u8` for uint8, `f32` for float32. */
export function u8(width: number, height: number, channels: Channels, values: readonly number[]): Image {
  return { data: Uint8Array.from(values), width, height, channels };
}
export function f32(width: number, height: number, channels: Channels, values: readonly number[]): Image {
  return { data: Float32Array.from(values), width, height, channels };
}

/** A w×h image whose values count 0, 1, 2, … (mod 256), so every pixel is distinguishable. */
export function ramp(width: number, height: number, channels: Channels = 1): Image {
  return { data: Uint8Array.from({ length: width * height * channels }, (_, i) => i % 256), width, height, channels };
}

/** The same image as float32 (values unchanged, not scaled). */
export function toFloat(image: Image): Image {
  return { ...image, data: Float32Array.from(image.data) };
}

/** A float image of pseudo-random values in [0, 1) (a fixed LCG, no library RNG needed). */
export function randomFloat(width: number, height: number, channels: Channels, seed = 1): Image {
  let s = seed >>> 0;
  const data = new Float32Array(width * height * channels);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32;
  }
  return { data, width, height, channels };
}

/** Value at pixel (x, y), channel k. */
export function at(image: Image, x: number, y: number, k = 0): number {
  return image.data[(y * image.width + x) * image.channels + k]!;
}

/** Max and mean absolute difference between two same-shaped images. */
export function diff(a: Image, b: Image): { max: number; mean: number } {
  if (a.data.length !== b.data.length || a.width !== b.width || a.channels !== b.channels) throw new Error('shape mismatch');
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i]! - b.data[i]!);
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / a.data.length };
}

/** Decodes a PNG fixture to a raw uint8 image. */
export async function readPng(file: string): Promise<Image> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels as Channels };
}
