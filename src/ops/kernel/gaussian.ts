import { check, checkOddSize } from './check.js';
import { roundHalfEven } from './round.js';

// cv2.getGaussianKernel's fixed kernels for sigma <= 0 and odd sizes up to 7.
const SMALL_KERNELS: Readonly<Record<number, readonly number[]>> = {
  1: [1],
  3: [0.25, 0.5, 0.25],
  5: [0.0625, 0.25, 0.375, 0.25, 0.0625],
  7: [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
};

/**
 * Normalised 1-D Gaussian weights, as `cv2.getGaussianKernel(size, sigma)`:
 * `w_i ∝ exp(−(i − (size−1)/2)² / (2σ²))`, summing to 1. Without `sigma`, OpenCV's choice for
 * the size: its fixed binomial kernels up to 7 (`[1, 4, 6, 4, 1] / 16` for 5), else
 * `sigma = 0.3·((size − 1)/2 − 1) + 0.8`.
 *
 * @example gaussianKernel(1, 3); // ≈ [0.274, 0.452, 0.274]
 * @example gaussianKernel(undefined, 5); // [0.0625, 0.25, 0.375, 0.25, 0.0625]
 * @throws OpParameterError unless `sigma > 0` (when given) and `size` is a positive odd integer.
 */
export function gaussianKernel(sigma: number | undefined, size: number): Float64Array {
  checkOddSize('gaussianKernel', 'size', size);
  if (sigma === undefined) {
    const small = SMALL_KERNELS[size];
    if (small) return Float64Array.from(small);
    sigma = 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
  }
  check(Number.isFinite(sigma) && sigma > 0, 'gaussianKernel', 'sigma', 'a finite number > 0', sigma);
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
 * OpenCV's default kernel size for `sigma` (`cv2.GaussianBlur(img, (0, 0), sigma)`): the kernel
 * spans ±3σ for uint8 data and ±4σ for float data, rounded to an odd size.
 *
 * @example defaultKernelSize(2, 'uint8'); // 13
 */
export function defaultKernelSize(sigma: number, type: 'uint8' | 'float32'): number {
  return roundHalfEven(sigma * (type === 'uint8' ? 3 : 4) * 2 + 1) | 1;
}
