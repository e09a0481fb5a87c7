import type { Channels, Image } from '../../core/types.js';

/** How a geometric op reads between pixels: OpenCV's `INTER_NEAREST` or `INTER_LINEAR`. */
export type Interpolation = 'nearest' | 'bilinear';

/**
 * What a geometric op reads outside the image: `constant` is `fillValue` (`BORDER_CONSTANT`),
 * `reflect` mirrors without repeating the edge, `dcb|abcd|cba` (`BORDER_REFLECT_101`, OpenCV's
 * default), `edge` repeats the edge pixel, `aaa|abcd|ddd` (`BORDER_REPLICATE`).
 */
export type BorderMode = 'constant' | 'reflect' | 'edge';

/** One value for every channel, or one per channel (alpha included). */
export type FillValue = number | readonly number[];

/** A point `[x, y]` in pixel coordinates: pixel centres sit at integers, `(0, 0)` is the top-left pixel. */
export type Point = readonly [x: number, y: number];

/** How the geometric ops sample their input. */
export interface SamplingOptions {
  /** @default 'bilinear' */
  readonly interpolation?: Interpolation;
  /** @default 'constant' */
  readonly border?: BorderMode;
  /** Value of the pixels read outside the image with `border: 'constant'`. @default 0 */
  readonly fillValue?: FillValue;
}

/** Just the sampling fields of an op's params, so nothing else (a stray `inverse`, say) reaches the warp. */
export function samplingOf(params: SamplingOptions): SamplingOptions {
  const { interpolation, border, fillValue } = params;
  return {
    ...(interpolation === undefined ? {} : { interpolation }),
    ...(border === undefined ? {} : { border }),
    ...(fillValue === undefined ? {} : { fillValue }),
  };
}

/**
 * Where an op computes: a `Uint8ClampedArray` for uint8 images, whose stores round half to even and
 * saturate to 0..255 exactly like `cv::saturate_cast<uchar>` (and `np.round`), so ops need no
 * rounding code of their own (`toByte` is the same, for hot loops that clamp often); a
 * `Float32Array` for float images, stored as computed.
 */
export type Pixels = Float32Array | Uint8ClampedArray;

/**
 * A fresh output buffer shaped like `image` (or as given): `pixels` to compute into, `raw` (the
 * same memory as `result.data`, the input's type) for plain copies, which are then a memcpy.
 */
export function allocate(image: Image, width = image.width, height = image.height): { pixels: Pixels; raw: Uint8Array | Float32Array; result: Image } {
  const { channels } = image;
  const n = width * height * channels;
  if (image.data instanceof Uint8Array) {
    const pixels = new Uint8ClampedArray(n);
    // Same memory seen as the Uint8Array the rest of the library expects.
    const raw = new Uint8Array(pixels.buffer);
    return { pixels, raw, result: { data: raw, width, height, channels } };
  }
  const pixels = new Float32Array(n);
  return { pixels, raw: pixels, result: { data: pixels, width, height, channels } };
}

/** A copy of `image` with its own buffer. */
export function copyImage(image: Image): Image {
  return { ...image, data: image.data.slice() };
}

/** Throws a RangeError naming the op and parameter unless `ok`. */
export function check(ok: boolean, op: string, name: string, expected: string, received: unknown): void {
  if (!ok) {
    const shown = typeof received === 'number' || typeof received === 'string' ? String(received) : JSON.stringify(received);
    throw new RangeError(`Expected ${op}.${name} to be ${expected}, received ${shown}`);
  }
}

/** Throws unless `image` is a well-formed `Image` (positive integer sizes, 1/3/4 channels, matching length). */
export function checkImage(image: Image, op: string): void {
  const { data, width, height, channels } = image;
  check(Number.isInteger(width) && width > 0, op, 'image.width', 'a positive integer', width);
  check(Number.isInteger(height) && height > 0, op, 'image.height', 'a positive integer', height);
  check(channels === 1 || channels === 3 || channels === 4, op, 'image.channels', '1, 3 or 4', channels);
  const type = (data as unknown as object | undefined)?.constructor?.name ?? typeof data;
  check(data instanceof Uint8Array || data instanceof Float32Array, op, 'image.data', 'a Uint8Array or Float32Array', type);
  check(data.length === width * height * channels, op, 'image.data.length', `${width * height * channels} (${width}×${height}×${channels})`, data.length);
}

/** Throws unless `value` is a finite number (and at least `min`, when given). */
export function checkFinite(op: string, name: string, value: number, min?: number): void {
  const ok = Number.isFinite(value) && (min === undefined || value >= min);
  check(ok, op, name, min === undefined ? 'a finite number' : `a finite number ≥ ${min}`, value);
}

/** Throws unless `value` is an integer (at least `min`, when given). */
export function checkInteger(op: string, name: string, value: number, min?: number): void {
  const ok = Number.isInteger(value) && (min === undefined || value >= min);
  check(ok, op, name, min === undefined ? 'an integer' : `an integer ≥ ${min}`, value);
}

/** Throws unless the interpolation and border, when given, are known names. */
export function checkSampling(op: string, options: SamplingOptions): void {
  const { interpolation = 'bilinear', border = 'constant' } = options;
  check(interpolation === 'bilinear' || interpolation === 'nearest', op, 'interpolation', "'nearest' or 'bilinear'", interpolation);
  check(border === 'constant' || border === 'reflect' || border === 'edge', op, 'border', "'constant', 'reflect' or 'edge'", border);
}

/**
 * The fill value, one entry per channel. For uint8 images it is saturated to 0..255 (as OpenCV
 * converts `borderValue`), so a blend with it stays in range.
 */
export function fillVector(fill: FillValue, channels: Channels, uint8: boolean, op: string): Float64Array {
  const values = typeof fill === 'number' ? new Array<number>(channels).fill(fill) : fill;
  check(values.length === channels, op, 'fillValue', `a number or ${channels} numbers`, fill);
  for (const v of values) check(Number.isFinite(v), op, 'fillValue', 'finite numbers', fill);
  return uint8 ? Float64Array.from(Uint8ClampedArray.from(values)) : Float64Array.from(values);
}

/**
 * Index `i` (possibly outside `0..n-1`) resolved by the border mode; -1 means "use the fill value".
 * Reflect is periodic with period 2n−2, so any distance works (OpenCV's `borderInterpolate`).
 */
export function borderIndex(i: number, n: number, border: BorderMode): number {
  if (i >= 0 && i < n) return i;
  if (border === 'constant') return -1;
  if (border === 'edge') return i < 0 ? 0 : n - 1;
  if (n === 1) return 0;
  const period = 2 * n - 2;
  const r = ((i % period) + period) % period;
  return r < n ? r : period - r;
}

// 2^52 + 2^51: adding then subtracting it rounds a double to an integer, half to even (the FPU's mode).
const ROUND = 6755399441055744;
const FAR = 2 ** 30;

/**
 * `v` rounded half to even and saturated to 0…255 (NaN → 0): a `Uint8ClampedArray` store without
 * branches on the value. Where many results fall outside 0…255 at random (saturation, noise), the
 * store's mispredicted clamping branches cost several times the arithmetic; store this result in a
 * `Uint8Array` instead.
 */
export function toByte(v: number): number {
  // Keeps the trick within int32; these two branches always go the same way, so they cost nothing.
  const x = v > FAR ? FAR : v < -FAR ? -FAR : v;
  let i = (x + ROUND - ROUND) | 0;
  i &= ~(i >> 31); // negative → 0
  return (i | ((255 - i) >> 31)) & 255; // above 255 → all ones → 255
}

/** Round half to even, the rounding of `cvRound` that OpenCV's nearest-neighbour warps use. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Cosine and sine of an angle in degrees, exact for multiples of 90° (so quarter turns permute pixels). */
export function cosSinDegrees(degrees: number): [cos: number, sin: number] {
  if (Number.isInteger(degrees / 90)) {
    const quarter = (((degrees / 90) % 4) + 4) % 4;
    return ([[1, 0], [0, 1], [-1, 0], [0, -1]] as const)[quarter] as [number, number];
  }
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

export { LUMA } from '../luma.js';
