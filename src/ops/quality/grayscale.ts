import type { Image } from '../../core/types.js';

import { LUMA } from '../luma.js';

const [LUMA_R, LUMA_G, LUMA_B] = LUMA;

/**
 * Luma of each pixel, row-major, one value per pixel: `0.299 R + 0.587 G + 0.114 B` (BT.601, as
 * PIL's `convert('L')`), without rounding. A 1-channel image is copied; alpha is ignored.
 * Values keep the input's scale: uint8 images give 0..255, and the quality scores and hashes
 * assume float images are on that scale too (score them before `normalize`).
 *
 * @example const gray = toGray({ data, width: 4, height: 2, channels: 3 }); // Float32Array(8)
 * @throws RangeError when `data.length` is not `width × height × channels`.
 */
export function toGray(image: Image): Float32Array {
  const { data, width, height, channels } = image;
  const n = width * height;
  if (data.length !== n * channels) {
    throw new RangeError(`Expected ${n * channels} values for ${width}×${height}×${channels}, received ${data.length}`);
  }
  const out = new Float32Array(n);
  if (channels === 1) {
    out.set(data);
    return out;
  }
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    out[p] = LUMA_R * data[i]! + LUMA_G * data[i + 1]! + LUMA_B * data[i + 2]!;
  }
  return out;
}

/** Sparse resampling weights along one axis: output `o` reads inputs `first[o]…` with `weight[offset[o]…offset[o+1])`. */
interface AxisWeights {
  readonly first: Int32Array;
  readonly offset: Int32Array;
  readonly weight: Float64Array;
}

/**
 * Box weights mapping `inSize` samples onto `outSize`. Coordinates are scaled by `inSize × outSize`
 * so every overlap is an exact integer and each output's overlaps add up to exactly `inSize`.
 */
function boxWeights(inSize: number, outSize: number): AxisWeights {
  const first = new Int32Array(outSize);
  const offset = new Int32Array(outSize + 1);
  const weights: number[] = [];
  for (let o = 0; o < outSize; o++) {
    // Output o covers [o·in, (o+1)·in); input i covers [i·out, (i+1)·out).
    const lo = o * inSize;
    const hi = lo + inSize;
    const i0 = Math.floor(lo / outSize);
    const i1 = Math.ceil(hi / outSize);
    first[o] = i0;
    offset[o] = weights.length;
    for (let i = i0; i < i1; i++) {
      const overlap = Math.min(hi, (i + 1) * outSize) - Math.max(lo, i * outSize);
      weights.push(overlap / inSize);
    }
  }
  offset[outSize] = weights.length;
  return { first, offset, weight: Float64Array.from(weights) };
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Expected ${name} to be a positive integer, received ${value}`);
  }
}

/**
 * Resamples a single-channel image by area averaging: each output pixel is the mean of the input
 * area it covers, with fractional pixels weighted by their overlap. Exact for integer factors,
 * separable (rows, then columns), and deterministic. Upscaling repeats or splits pixels (box).
 *
 * @example const small = resizeGray(toGray(image), image.width, image.height, 9, 8);
 * @throws RangeError when a size is not a positive integer or `gray.length !== width × height`.
 */
export function resizeGray(
  gray: Float32Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  for (const [name, v] of [['width', width], ['height', height], ['outWidth', outWidth], ['outHeight', outHeight]] as const) {
    checkSize(name, v);
  }
  if (gray.length !== width * height) {
    throw new RangeError(`Expected ${width * height} values for ${width}×${height}, received ${gray.length}`);
  }
  const wx = boxWeights(width, outWidth);
  const wy = boxWeights(height, outHeight);
  // Horizontal pass in float64 so the two passes round once, at the end.
  const rows = new Float64Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    for (let o = 0; o < outWidth; o++) {
      let acc = 0;
      for (let i = wx.first[o]!, w = wx.offset[o]!, end = wx.offset[o + 1]!; w < end; i++, w++) {
        acc += gray[src + i]! * wx.weight[w]!;
      }
      rows[y * outWidth + o] = acc;
    }
  }
  const out = new Float32Array(outHeight * outWidth);
  for (let o = 0; o < outHeight; o++) {
    for (let x = 0; x < outWidth; x++) {
      let acc = 0;
      for (let i = wy.first[o]!, w = wy.offset[o]!, end = wy.offset[o + 1]!; w < end; i++, w++) {
        acc += rows[i * outWidth + x]! * wy.weight[w]!;
      }
      out[o * outWidth + x] = acc;
    }
  }
  return out;
}
