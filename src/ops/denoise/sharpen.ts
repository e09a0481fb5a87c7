import type { Image } from '../../core/types.js';
import { checkImage, checkNumber, convolveSeparable, gaussianKernel, isUint8, mapPlanes, type SeparableFilter } from '../kernel/index.js';

/** Parameters of {@link unsharpMask}. */
export interface UnsharpMaskParams {
  /** Sigma of the Gaussian blur that defines "detail", in pixels (scikit-image's `radius`). @default 1 */
  readonly sigma?: number;
  /** How much detail is added back: `out = in + amount · (in − blurred)`. @default 1 */
  readonly amount?: number;
  /**
   * Pixels whose detail `|in − blurred|` is below this stay unchanged, so flat noisy areas are not
   * sharpened (as PIL's and GIMP's threshold), in pixel values (0..255 for uint8). @default 0
   */
  readonly threshold?: number;
}

/**
 * Unsharp masking: `out = in + amount · (in − gaussian(in, sigma))` per channel, where the detail
 * is at least `threshold`. Defaults (sigma 1, amount 1, threshold 0) double the fine detail;
 * after denoising, a threshold of a few levels keeps left-over noise from coming back.
 *
 * Reference: scikit-image `unsharp_mask(src, radius=sigma, amount, channel_axis=2)` for threshold 0:
 * Gaussian truncated at 4σ, mirrored border (scipy 'reflect'), clipped to the value range; within
 * 1 level for uint8 (skimage works on src / 255). uint8 in → uint8 out (clamped to 0..255,
 * rounded); float32 in → float32 out, not clipped (float images have no fixed range here).
 * The blur is computed here in float64, not with sharp, so no rounding happens before the difference.
 *
 * @example const crisp = unsharpMask(image); // sigma 1, amount 1
 * @example const gentle = unsharpMask(image, { sigma: 2, amount: 0.5, threshold: 4 });
 * @throws OpParameterError for sigma <= 0, a negative amount or threshold, or data of the wrong length.
 */
export function unsharpMask(image: Image, params: UnsharpMaskParams = {}): Image {
  checkImage(image, 'unsharpMask');
  const { sigma = 1, amount = 1, threshold = 0 } = params;
  checkNumber('unsharpMask', 'sigma', sigma, { greaterThan: 0 });
  checkNumber('unsharpMask', 'amount', amount, { min: 0 });
  checkNumber('unsharpMask', 'threshold', threshold, { min: 0 });
  // scipy.ndimage.gaussian_filter: radius int(truncate · sigma + 0.5) with truncate 4, float64 throughout.
  const radius = Math.floor(4 * sigma + 0.5);
  const filter: SeparableFilter = { kernel: gaussianKernel(sigma, 2 * radius + 1), border: 'BORDER_REFLECT', intermediate: 'float64' };
  const { width, height } = image;
  const clip = isUint8(image);
  return mapPlanes(image, (plane) => {
    const blurred = new Float64Array(plane.length);
    convolveSeparable(plane, width, height, 1, filter, blurred);
    const out = new Float64Array(plane.length);
    for (let i = 0; i < plane.length; i++) {
      const detail = plane[i]! - blurred[i]!;
      const v = Math.abs(detail) >= threshold ? plane[i]! + amount * detail : plane[i]!;
      out[i] = clip ? Math.min(255, Math.max(0, v)) : v;
    }
    return out;
  });
}
