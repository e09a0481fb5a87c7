// Planar float64 copies of one channel, for ops that work a channel at a time (the denoise ops):
// uint8 and float32 images then share one code path, and rounding happens once, at the end.
import type { Image } from '../../core/types.js';
import { borderFunction, type BorderType } from './border.js';
import { allocate } from './image.js';
import { toByteHalfUp } from './round.js';

/** Channel `c` of an interleaved image as a row-major float64 plane. */
export function getPlane(image: Image, c: number): Float64Array {
  const { data, channels } = image;
  const n = image.width * image.height;
  const out = new Float64Array(n);
  for (let p = 0, i = c; p < n; p++, i += channels) out[p] = data[i]!;
  return out;
}

/** Writes `plane` into channel `c` of `data`; uint8 targets get values rounded half up and saturated. */
export function setPlane(data: Uint8Array | Float32Array, channels: number, c: number, plane: ArrayLike<number>): void {
  const n = plane.length;
  if (data instanceof Uint8Array) {
    for (let p = 0, i = c; p < n; p++, i += channels) data[i] = toByteHalfUp(plane[p]!);
  } else {
    for (let p = 0, i = c; p < n; p++, i += channels) data[i] = plane[p]!;
  }
}

/** Applies `fn` to every channel plane, each on its own. */
export function mapPlanes(image: Image, fn: (plane: Float64Array) => ArrayLike<number>): Image {
  const out = allocate(image).result;
  for (let c = 0; c < image.channels; c++) setPlane(out.data, image.channels, c, fn(getPlane(image, c)));
  return out;
}

/** A copy of `plane` with `pad` pixels added on every side, filled by `border` (not `BORDER_CONSTANT`). */
export function padPlane(plane: ArrayLike<number>, width: number, height: number, pad: number, border: Exclude<BorderType, 'BORDER_CONSTANT'>): Float64Array {
  const index = borderFunction(border);
  const pw = width + 2 * pad;
  const out = new Float64Array(pw * (height + 2 * pad));
  for (let y = -pad; y < height + pad; y++) {
    const row = index(y, height) * width;
    const o = (y + pad) * pw + pad;
    for (let x = -pad; x < width + pad; x++) out[o + x] = plane[row + index(x, width)]!;
  }
  return out;
}
