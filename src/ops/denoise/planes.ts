// Internal helpers for the denoise ops: parameter checks, planar float copies, border rules.
// Not exported from the package: each op works on one channel plane at a time in float64, so
// uint8 and float32 images share one code path and rounding happens once, at the end.
import type { Image } from '../../core/types.js';

/** A RangeError worded like sharp's `invalidParameterError`. */
export function invalidParameter(name: string, expected: string, value: unknown): RangeError {
  return new RangeError(`Expected ${expected} for ${name}, received ${String(value)} (${typeof value})`);
}

/** Throws unless `value` is a finite number in [min, max] (and an integer when asked). */
export function checkNumber(
  name: string,
  value: number,
  range: { min?: number; max?: number; greaterThan?: number; integer?: boolean },
): void {
  const { min = -Infinity, max = Infinity, greaterThan, integer = false } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (greaterThan === undefined || value > greaterThan) &&
    (!integer || Number.isInteger(value));
  if (ok) return;
  const kind = integer ? 'integer' : 'number';
  const bounds = [
    greaterThan !== undefined ? `> ${greaterThan}` : min > -Infinity ? `>= ${min}` : '',
    max < Infinity ? `<= ${max}` : '',
  ].filter(Boolean);
  throw invalidParameter(name, bounds.length ? `${kind} ${bounds.join(' and ')}` : `finite ${kind}`, value);
}

/** Throws unless `value` is an odd positive integer (a window or kernel size). */
export function checkOddSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value % 2 === 0) throw invalidParameter(name, 'odd positive integer', value);
}

/** Throws unless `data.length` matches the shape. */
export function checkImage(image: Image): void {
  const { data, width, height, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Expected a positive integer width and height, received ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw invalidParameter('channels', '1, 3 or 4', channels);
  if (data.length !== width * height * channels) {
    throw new RangeError(`Expected ${width * height * channels} values for ${width}×${height}×${channels}, received ${data.length}`);
  }
}

export const isUint8 = (image: Image): image is Image & { data: Uint8Array } => image.data instanceof Uint8Array;

/** Channel `c` of an interleaved image as a row-major float64 plane. */
export function getPlane(image: Image, c: number): Float64Array {
  const { data, channels } = image;
  const n = image.width * image.height;
  const out = new Float64Array(n);
  for (let p = 0, i = c; p < n; p++, i += channels) out[p] = data[i]!;
  return out;
}

/** Writes `plane` into channel `c` of `data`; uint8 targets get rounded, clamped values. */
export function setPlane(data: Uint8Array | Float32Array, channels: number, c: number, plane: ArrayLike<number>): void {
  const n = plane.length;
  if (data instanceof Uint8Array) {
    // Uint8Array would truncate and wrap; round half up and clamp instead.
    for (let p = 0, i = c; p < n; p++, i += channels) data[i] = clampByte(plane[p]!);
  } else {
    for (let p = 0, i = c; p < n; p++, i += channels) data[i] = plane[p]!;
  }
}

export function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** An empty image of the same shape and type. */
export function emptyLike(image: Image): Image {
  const n = image.data.length;
  const data = image.data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n);
  return { data, width: image.width, height: image.height, channels: image.channels };
}

/** Applies `fn` to every channel plane, each on its own. */
export function mapPlanes(image: Image, fn: (plane: Float64Array) => ArrayLike<number>): Image {
  const out = emptyLike(image);
  for (let c = 0; c < image.channels; c++) setPlane(out.data, image.channels, c, fn(getPlane(image, c)));
  return out;
}

/** Maps an out-of-range index back into [0, n). */
export type Border = (i: number, n: number) => number;

/** Edge pixels repeat: `aaa|abcd|ddd` (OpenCV BORDER_REPLICATE, libvips copy). */
export const replicate: Border = (i, n) => (i < 0 ? 0 : i >= n ? n - 1 : i);

/** Mirror without repeating the edge: `dcb|abcd|cba` (OpenCV BORDER_REFLECT_101, its default). */
export const reflect101: Border = (i, n) => {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
};

/** Mirror repeating the edge: `cba|abcd|dcb` (scipy.ndimage mode 'reflect', OpenCV BORDER_REFLECT). */
export const reflect: Border = (i, n) => {
  const period = 2 * n;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - 1 - j;
};

/** A copy of `plane` with `pad` pixels added on every side, filled by `border`. */
export function padPlane(plane: ArrayLike<number>, width: number, height: number, pad: number, border: Border): Float64Array {
  const pw = width + 2 * pad;
  const out = new Float64Array(pw * (height + 2 * pad));
  for (let y = -pad; y < height + pad; y++) {
    const row = border(y, height) * width;
    const o = (y + pad) * pw + pad;
    for (let x = -pad; x < width + pad; x++) out[o + x] = plane[row + border(x, width)]!;
  }
  return out;
}
