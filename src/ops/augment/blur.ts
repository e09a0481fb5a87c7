import type { Image } from '../../core/types.js';
import { allocate, borderIndex, check, checkImage, roundHalfEven } from './common.js';

/** Parameters of `gaussianBlur`. */
export interface GaussianBlurParams {
  /** Standard deviation in pixels, > 0 (both axes). */
  readonly sigma: number;
  /**
   * Kernel width and height, odd. @default OpenCV's choice for `ksize = (0, 0)`:
   * `round(6σ + 1) | 1` for uint8 images, `round(8σ + 1) | 1` for float ones.
   */
  readonly kernelSize?: number;
}

/**
 * OpenCV's default kernel size for `sigma` (`cv2.GaussianBlur(img, (0, 0), sigma)`): the kernel
 * spans ±3σ for uint8 data and ±4σ for float data, rounded to an odd size.
 *
 * @example defaultKernelSize(2, 'uint8'); // 13
 */
export function defaultKernelSize(sigma: number, type: 'uint8' | 'float32'): number {
  return roundHalfEven(sigma * (type === 'uint8' ? 3 : 4) * 2 + 1) | 1;
}

/**
 * Normalised 1-D Gaussian weights, as `cv2.getGaussianKernel(size, sigma)`:
 * `w_i ∝ exp(−(i − (size−1)/2)² / (2σ²))`, summing to 1.
 *
 * @example gaussianKernel(1, 3); // ≈ [0.274, 0.452, 0.274]
 * @throws RangeError unless `sigma > 0` and `size` is a positive odd integer.
 */
export function gaussianKernel(sigma: number, size: number): Float64Array {
  check(Number.isFinite(sigma) && sigma > 0, 'gaussianKernel', 'sigma', 'a finite number > 0', sigma);
  check(Number.isInteger(size) && size > 0 && size % 2 === 1, 'gaussianKernel', 'size', 'a positive odd integer', size);
  const kernel = new Float64Array(size);
  const centre = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    kernel[i] = Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
    sum += kernel[i]!;
  }
  for (let i = 0; i < size; i++) kernel[i]! /= sum;
  return kernel;
}

/**
 * Separable convolution of interleaved `channels`-channel data with a symmetric odd kernel, along
 * rows then columns, borders reflected without repeating the edge (OpenCV's `BORDER_REFLECT_101`).
 * The intermediate is float32, as in OpenCV's float path. Writes every channel into `out`.
 * @internal shared with `elastic`.
 */
export function convolveSeparable(
  src: Uint8Array | Float32Array,
  width: number,
  height: number,
  channels: number,
  kernel: Float64Array,
  out: Float32Array | Uint8ClampedArray,
): void {
  const r = (kernel.length - 1) / 2;
  const rowLength = width * channels;
  const rows = new Float32Array(height * rowLength);
  const acc = new Float64Array(rowLength);
  const centre = kernel[r]!;
  // Horizontal: copy each row with its reflected margins, then add one symmetric pair of taps at a
  // time over the whole row (long contiguous loops are what JS engines run fastest).
  const padded = new Float64Array((width + 2 * r) * channels);
  const column = Int32Array.from({ length: width + 2 * r }, (_, i) => borderIndex(i - r, width, 'reflect') * channels);
  for (let y = 0; y < height; y++) {
    const row = y * rowLength;
    for (let i = 0, p = 0; i < column.length; i++) {
      for (let k = 0, s = row + column[i]!; k < channels; k++) padded[p++] = src[s + k]!;
    }
    const mid = r * channels;
    for (let i = 0; i < rowLength; i++) acc[i] = centre * padded[mid + i]!;
    for (let t = 1; t <= r; t++) {
      const w = kernel[r - t]!;
      const left = mid - t * channels;
      const right = mid + t * channels;
      for (let i = 0; i < rowLength; i++) acc[i]! += w * (padded[left + i]! + padded[right + i]!);
    }
    for (let i = 0; i < rowLength; i++) rows[row + i] = acc[i]!;
  }
  // Vertical: the same over whole rows of the intermediate.
  for (let y = 0; y < height; y++) {
    const mid = y * rowLength;
    for (let i = 0; i < rowLength; i++) acc[i] = centre * rows[mid + i]!;
    for (let t = 1; t <= r; t++) {
      const w = kernel[r - t]!;
      const above = borderIndex(y - t, height, 'reflect') * rowLength;
      const below = borderIndex(y + t, height, 'reflect') * rowLength;
      for (let i = 0; i < rowLength; i++) acc[i]! += w * (rows[above + i]! + rows[below + i]!);
    }
    for (let i = 0; i < rowLength; i++) out[mid + i] = acc[i]!;
  }
}

/**
 * Gaussian blur, separable, borders reflected without repeating the edge (OpenCV's default
 * `BORDER_REFLECT_101`): `cv2.GaussianBlur(img, (k, k), sigma)`. Alpha is left as it is (blur is
 * photometric here). uint8 results round half to even; OpenCV's bit-exact uint8 path quantises the
 * kernel, so outputs may differ from cv2's by 1.
 *
 * @example gaussianBlur(image, { sigma: 1.5 });
 * @example gaussianBlur(image, { sigma: 1, kernelSize: 3 });
 * @throws RangeError on a malformed image, `sigma ≤ 0` or an even kernel size.
 */
export function gaussianBlur(image: Image, params: GaussianBlurParams): Image {
  checkImage(image, 'gaussianBlur');
  const { sigma } = params;
  check(Number.isFinite(sigma) && sigma > 0, 'gaussianBlur', 'sigma', 'a finite number > 0', sigma);
  const size = params.kernelSize ?? defaultKernelSize(sigma, image.data instanceof Uint8Array ? 'uint8' : 'float32');
  check(Number.isInteger(size) && size > 0 && size % 2 === 1, 'gaussianBlur', 'kernelSize', 'a positive odd integer', size);
  const { pixels, result } = allocate(image);
  convolveSeparable(image.data, image.width, image.height, image.channels, gaussianKernel(sigma, size), pixels);
  if (image.channels === 4) for (let i = 3; i < pixels.length; i += 4) pixels[i] = image.data[i]!;
  return result;
}
