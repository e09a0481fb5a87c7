import type { Image } from '../core/types.js';
import { allocate, BORDER_TYPE, check, checkImage, checkNumber, checkOddSize, checkOneOf, convolveSeparable, defaultKernelSize, gaussianKernel, keepAlpha, type SeparableFilter } from './kernel/index.js';

/** Parameters of `gaussianBlur`: `sigma`, `kernelSize` or both. */
export interface GaussianBlurParams {
  /**
   * Standard deviation in pixels, > 0 (both axes).
   * @default with only `kernelSize`, OpenCV's: its fixed binomial kernels up to 7 (`[1, 4, 6, 4, 1] / 16`
   * for 5), else `0.3·((kernelSize − 1)/2 − 1) + 0.8`
   */
  readonly sigma?: number;
  /**
   * Kernel width and height, odd. @default OpenCV's choice for `ksize = (0, 0)`:
   * `round(6σ + 1) | 1` for uint8 images, `round(8σ + 1) | 1` for float ones.
   */
  readonly kernelSize?: number;
  /**
   * What the kernel reads past the edge: `reflect` mirrors without repeating the edge pixel
   * (OpenCV's default, `BORDER_REFLECT_101`), `edge` repeats it (`BORDER_REPLICATE`).
   * @default 'reflect'
   */
  readonly border?: 'reflect' | 'edge';
  /**
   * RGBA: `keep` leaves alpha as it is (blur as a photometric change, like the colour ops), `blur`
   * blurs it with the colours, as `cv2.GaussianBlur` does every channel (the `denoise` stage).
   * @default 'keep'
   */
  readonly alpha?: 'keep' | 'blur';
}

/**
 * Gaussian blur, separable: `cv2.GaussianBlur(img, (k, k), sigma, borderType)`, kernel from
 * `cv2.getGaussianKernel`. The row pass is stored in float32, as OpenCV's float path. Alpha is left
 * as it is unless `alpha: 'blur'`. uint8 results round half up, as OpenCV's fixed-point 8-bit
 * path; that path also quantises the kernel, so outputs may differ from cv2's by 1. Pure and
 * synchronous: a stage that prefers libvips for 8-bit images calls sharp itself (the `denoise`
 * stage does).
 *
 * @example gaussianBlur(image, { sigma: 1.5 });
 * @example gaussianBlur(image, { sigma: 1, kernelSize: 3 });
 * @example gaussianBlur(image, { kernelSize: 5, border: 'edge' }); // [1 4 6 4 1] / 16, edges repeated
 * @throws OpParameterError on a malformed image, `sigma ≤ 0`, an even kernel size, neither given, or an unknown border or alpha.
 */
export function gaussianBlur(image: Image, params: GaussianBlurParams): Image {
  checkImage(image, 'gaussianBlur');
  const { sigma, kernelSize, border = 'reflect', alpha = 'keep' } = params;
  check(sigma !== undefined || kernelSize !== undefined, 'gaussianBlur', 'sigma', 'given when kernelSize is not', sigma);
  if (sigma !== undefined) checkNumber('gaussianBlur', 'sigma', sigma, { greaterThan: 0 });
  const size = kernelSize ?? defaultKernelSize(sigma!, image.data instanceof Uint8Array ? 'uint8' : 'float32');
  checkOddSize('gaussianBlur', 'kernelSize', size);
  checkOneOf('gaussianBlur', 'border', border, ['reflect', 'edge']);
  checkOneOf('gaussianBlur', 'alpha', alpha, ['keep', 'blur']);
  const filter: SeparableFilter = { kernel: gaussianKernel(sigma, size), border: BORDER_TYPE[border] as SeparableFilter['border'], intermediate: 'float32' };
  const { raw, result } = allocate(image);
  convolveSeparable(image.data, image.width, image.height, image.channels, filter, raw);
  if (alpha === 'keep') keepAlpha(image, raw);
  return result;
}
