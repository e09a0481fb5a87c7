import type { Image } from '../../core/types.js';

/**
 * Where an op computes: a `Uint8ClampedArray` for uint8 images, whose stores round half to even and
 * saturate to 0..255 exactly like `cv::saturate_cast<uchar>` (see `round.ts`), so ops need no
 * rounding code of their own; a `Float32Array` for float images, stored as computed.
 */
export type Pixels = Float32Array | Uint8ClampedArray;

export const isUint8 = (image: Image): image is Image & { data: Uint8Array } => image.data instanceof Uint8Array;

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

/** Copies the alpha channel of `from` into `to` (both RGBA of the same size): for ops that leave alpha as it is. */
export function keepAlpha(from: Image, to: Uint8Array | Float32Array | Uint8ClampedArray): void {
  if (from.channels !== 4) return;
  for (let i = 3; i < to.length; i += 4) to[i] = from.data[i]!;
}
