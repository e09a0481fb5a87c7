import type { Image } from '../../core/types.js';
import { allocate, check, checkImage, checkNumber, copyImage, keepAlpha, toByte, type Pixels } from '../kernel/index.js';
import { LUMA } from '../luma.js';

/** Parameters of `brightness`. */
export interface BrightnessParams {
  /** Multiplier (≥ 0): 0 gives black, 1 the original, 2 doubles every value. */
  readonly factor: number;
}

/** Parameters of `contrast`. */
export interface ContrastParams {
  /** Blend weight (≥ 0): 0 gives the mean gray, 1 the original, > 1 more contrast. */
  readonly factor: number;
}

/** Parameters of `saturation`. */
export interface SaturationParams {
  /** Blend weight (≥ 0): 0 gives the grayscale image, 1 the original, > 1 more saturated. */
  readonly factor: number;
}

/** Parameters of `hue`. */
export interface HueParams {
  /** Hue rotation in turns, in [−0.5, 0.5]: 1/3 turns red into green, ±0.5 gives the complementary colours. */
  readonly shift: number;
}

/** Parameters of `gamma`. */
export interface GammaParams {
  /** Exponent (≥ 0): < 1 brightens, > 1 darkens. */
  readonly gamma: number;
  /** Multiplier applied after the power. @default 1 */
  readonly gain?: number;
}

/** `grayscale` takes no parameters; the type exists so every op has the `(image, params)` shape. */
export type GrayscaleParams = Readonly<Record<never, never>>;

/** Each uint8 colour value through a 256-entry table (alpha copied): `f` runs 256 times, whatever the image size. */
function lookup(image: Image, f: (v: number) => number): Image {
  const data = image.data as Uint8Array;
  // Built as clamped, so entries are rounded and saturated once; read as plain bytes.
  const clamped = new Uint8ClampedArray(256);
  for (let v = 0; v < 256; v++) clamped[v] = f(v);
  const table = new Uint8Array(clamped.buffer);
  const { raw: out, result } = allocate(image);
  if (image.channels === 4) {
    for (let i = 0; i < data.length; i += 4) {
      out[i] = table[data[i]!]!;
      out[i + 1] = table[data[i + 1]!]!;
      out[i + 2] = table[data[i + 2]!]!;
      out[i + 3] = data[i + 3]!;
    }
  } else {
    for (let i = 0; i < data.length; i++) out[i] = table[data[i]!]!;
  }
  return result;
}

/** `a·v + b` on every colour value (alpha copied): a table for uint8, a plain loop for float. */
function linear(image: Image, a: number, b: number): Image {
  if (image.data instanceof Uint8Array) return lookup(image, (v) => a * v + b);
  const data = image.data;
  const { pixels: out, result } = allocate(image);
  for (let i = 0; i < data.length; i++) out[i] = a * data[i]! + b;
  keepAlpha(image, out);
  return result;
}

/** Mean luma over the image (the mean value for 1 channel), in float64. */
function meanLuma(image: Image): number {
  const { data, channels } = image;
  let sum = 0;
  if (channels === 1) {
    for (let i = 0; i < data.length; i++) sum += data[i]!;
  } else {
    for (let i = 0; i < data.length; i += channels) sum += LUMA[0] * data[i]! + LUMA[1] * data[i + 1]! + LUMA[2] * data[i + 2]!;
  }
  return sum / (image.width * image.height);
}

function write(out: Pixels, o: number, r: number, g: number, b: number): void {
  out[o] = r;
  out[o + 1] = g;
  out[o + 2] = b;
}

function checkFactor(op: string, factor: number): void {
  checkNumber(op, 'factor', factor, { min: 0 });
}

/**
 * Multiplies every colour value by `factor` (torchvision `adjust_brightness`). uint8 results round
 * half to even and clamp to 0…255; float results are not clamped. Alpha is unchanged.
 *
 * @example brightness(image, { factor: 1.2 });
 * @throws OpParameterError on a malformed image or `factor < 0`.
 */
export function brightness(image: Image, params: BrightnessParams): Image {
  checkImage(image, 'brightness');
  const { factor } = params;
  checkFactor('brightness', factor);
  return linear(image, factor, 0);
}

/**
 * Blends every colour value with the mean luma `m` of the whole image (torchvision
 * `adjust_contrast`): `m + factor·(v − m)`, luma `0.299 R + 0.587 G + 0.114 B` (the mean value for
 * 1 channel). Rounding and clamping as `brightness`; alpha unchanged.
 *
 * @example contrast(image, { factor: 0.8 });
 * @throws OpParameterError on a malformed image or `factor < 0`.
 */
export function contrast(image: Image, params: ContrastParams): Image {
  checkImage(image, 'contrast');
  const { factor } = params;
  checkFactor('contrast', factor);
  const mean = meanLuma(image);
  return linear(image, factor, (1 - factor) * mean);
}

/**
 * Blends each pixel with its own luma `l` (torchvision `adjust_saturation`): `l + factor·(v − l)`
 * per colour channel. 1-channel images are returned as a copy. Rounding and clamping as
 * `brightness`; alpha unchanged.
 *
 * @example saturation(image, { factor: 1.5 });
 * @throws OpParameterError on a malformed image or `factor < 0`.
 */
export function saturation(image: Image, params: SaturationParams): Image {
  checkImage(image, 'saturation');
  const { factor } = params;
  checkFactor('saturation', factor);
  if (image.channels === 1) return copyImage(image);
  const { data, channels: c } = image;
  const { pixels, raw, result } = allocate(image);
  const keep = 1 - factor;
  // uint8 through `toByte` into the plain bytes: results leave 0…255 often and at random.
  const bytes = data instanceof Uint8Array;
  for (let i = 0; i < data.length; i += c) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const l = keep * (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b);
    if (bytes) {
      raw[i] = toByte(l + factor * r);
      raw[i + 1] = toByte(l + factor * g);
      raw[i + 2] = toByte(l + factor * b);
    } else {
      pixels[i] = l + factor * r;
      pixels[i + 1] = l + factor * g;
      pixels[i + 2] = l + factor * b;
    }
    if (c === 4) raw[i + 3] = data[i + 3]!;
  }
  return result;
}

/**
 * Rotates the hue by `shift` turns through HSV (torchvision `adjust_hue`): `h ← (h + shift) mod 1`,
 * saturation and value kept. Gray pixels are unchanged. Works on any non-negative scale (uint8
 * 0…255 or float 0…1) because HSV is scale-free; uint8 results round half to even (torchvision
 * truncates). 1-channel images are returned as a copy; alpha unchanged.
 *
 * @example hue(image, { shift: 0.1 });
 * @throws OpParameterError on a malformed image or `shift` outside [−0.5, 0.5].
 */
export function hue(image: Image, params: HueParams): Image {
  checkImage(image, 'hue');
  const { shift } = params;
  check(Number.isFinite(shift) && Math.abs(shift) <= 0.5, 'hue', 'shift', 'a number in [−0.5, 0.5]', shift);
  if (image.channels === 1) return copyImage(image);
  const { data, channels: c } = image;
  const { pixels: out, result } = allocate(image);
  const turn = shift * 6;
  for (let i = 0; i < data.length; i += c) {
    if (c === 4) out[i + 3] = data[i + 3]!;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const chroma = max - min;
    if (chroma === 0) {
      write(out, i, r, g, b);
      continue;
    }
    // Hue in sextants: 0 red, 2 green, 4 blue; from [−1, 5) plus the turn in [−3, 3], wrapped to [0, 6)
    // by adding or subtracting once (a `%` on doubles is a slow library call).
    let h = (max === r ? (g - b) / chroma : max === g ? 2 + (b - r) / chroma : 4 + (r - g) / chroma) + turn;
    if (h < 0) h += 6;
    else if (h >= 6) h -= 6;
    const sector = Math.floor(h);
    const rising = min + chroma * (h - sector);
    const falling = max - chroma * (h - sector);
    switch (sector) {
      case 0: write(out, i, max, rising, min); break;
      case 1: write(out, i, falling, max, min); break;
      case 2: write(out, i, min, max, rising); break;
      case 3: write(out, i, min, falling, max); break;
      case 4: write(out, i, rising, min, max); break;
      default: write(out, i, max, min, falling);
    }
  }
  return result;
}

/**
 * Gamma correction (torchvision `adjust_gamma`): `gain · v^gamma` on the [0, 1] scale, so uint8
 * values become `255 · gain · (v/255)^gamma` (rounded, clamped) and float values `gain · v^gamma`
 * (not clamped; negative values give NaN for a non-integer gamma, so apply before normalising to
 * [−1, 1]). Alpha unchanged.
 *
 * @example gamma(image, { gamma: 0.8 });
 * @example gamma(image, { gamma: 2.2, gain: 1.1 });
 * @throws OpParameterError on a malformed image, `gamma < 0` or a non-finite gain.
 */
export function gamma(image: Image, params: GammaParams): Image {
  checkImage(image, 'gamma');
  const { gamma: g, gain = 1 } = params;
  checkNumber('gamma', 'gamma', g, { min: 0 });
  checkNumber('gamma', 'gain', gain);
  if (image.data instanceof Uint8Array) return lookup(image, (v) => 255 * gain * (v / 255) ** g);
  const data = image.data;
  const { pixels: out, result } = allocate(image);
  for (let i = 0; i < data.length; i++) out[i] = gain * data[i]! ** g;
  keepAlpha(image, out);
  return result;
}

/**
 * Replaces the colour channels of each pixel by its luma `0.299 R + 0.587 G + 0.114 B` (BT.601),
 * keeping the channel count (RGB stays RGB, so it can be batched with colour images). 1-channel
 * images are returned as a copy; alpha unchanged.
 *
 * @example grayscale(image);
 * @throws OpParameterError on a malformed image.
 */
export function grayscale(image: Image, _params: GrayscaleParams = {}): Image {
  checkImage(image, 'grayscale');
  if (image.channels === 1) return copyImage(image);
  const { data, channels: c } = image;
  const { pixels: out, result } = allocate(image);
  for (let i = 0; i < data.length; i += c) {
    const l = LUMA[0] * data[i]! + LUMA[1] * data[i + 1]! + LUMA[2] * data[i + 2]!;
    out[i] = l;
    out[i + 1] = l;
    out[i + 2] = l;
    if (c === 4) out[i + 3] = data[i + 3]!;
  }
  return result;
}
