import type { Image } from '../../core/types.js';
import { check, checkImage, checkNumber, resamplingTaps, type Taps } from '../kernel/index.js';
import { LUMA } from '../luma.js';

const [LUMA_R, LUMA_G, LUMA_B] = LUMA;

/**
 * Luma of each pixel, row-major, one value per pixel: `0.299 R + 0.587 G + 0.114 B` (BT.601, as
 * PIL's `convert('L')`), without rounding. A 1-channel image is copied; alpha is ignored.
 * Values keep the input's scale: uint8 images give 0..255, and the quality scores and hashes
 * assume float images are on that scale too (score them before `normalize`).
 *
 * @example const gray = toGray({ data, width: 4, height: 2, channels: 3 }); // Float32Array(8)
 * @throws OpParameterError on a malformed image.
 */
export function toGray(image: Image): Float32Array {
  checkImage(image, 'toGray');
  const { data, width, height, channels } = image;
  const n = width * height;
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

/**
 * Area weights mapping `inSize` samples onto `outSize`. Coordinates are scaled by `inSize × outSize`
 * so every overlap is an exact integer and each output's overlaps add up to exactly `inSize`.
 */
function areaTaps(inSize: number, outSize: number): Taps<Float64Array> {
  // Output o covers [o·in, (o+1)·in); input i covers [i·out, (i+1)·out).
  const span = (o: number) => [Math.floor((o * inSize) / outSize), Math.ceil(((o + 1) * inSize) / outSize) - 1] as const;
  const weight = (o: number, i: number) => (Math.min((o + 1) * inSize, (i + 1) * outSize) - Math.max(o * inSize, i * outSize)) / inSize;
  return resamplingTaps({ size: inSize, outSize, stride: Math.ceil(inSize / outSize) + 1, span, weight, normalize: false }, Float64Array);
}

/**
 * Resamples a single-channel image by area averaging: each output pixel is the mean of the input
 * area it covers, with fractional pixels weighted by their overlap. Exact for integer factors,
 * separable (rows, then columns), and deterministic. Upscaling repeats or splits pixels (box).
 *
 * @example const small = resizeGray(toGray(image), image.width, image.height, 9, 8);
 * @throws OpParameterError when a size is not a positive integer or `gray.length !== width × height`.
 */
export function resizeGray(
  gray: Float32Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  for (const [name, v] of [['width', width], ['height', height], ['outWidth', outWidth], ['outHeight', outHeight]] as const) {
    checkNumber('resizeGray', name, v, { integer: true, min: 1 });
  }
  check(gray.length === width * height, 'resizeGray', 'gray.length', `${width * height} (${width}×${height})`, gray.length);
  const wx = areaTaps(width, outWidth);
  const wy = areaTaps(height, outHeight);
  // Horizontal pass in float64 so the two passes round once, at the end.
  const rows = new Float64Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    for (let o = 0; o < outWidth; o++) {
      let acc = 0;
      for (let i = wx.first[o]!, w = o * wx.stride, end = w + wx.count[o]!; w < end; i++, w++) {
        acc += gray[src + i]! * wx.weights[w]!;
      }
      rows[y * outWidth + o] = acc;
    }
  }
  const out = new Float32Array(outHeight * outWidth);
  for (let o = 0; o < outHeight; o++) {
    for (let x = 0; x < outWidth; x++) {
      let acc = 0;
      for (let i = wy.first[o]!, w = o * wy.stride, end = w + wy.count[o]!; w < end; i++, w++) {
        acc += rows[i * outWidth + x]! * wy.weights[w]!;
      }
      out[o * outWidth + x] = acc;
    }
  }
  return out;
}
