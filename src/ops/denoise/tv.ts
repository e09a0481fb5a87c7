import type { Image } from '../../core/types.js';
import { checkImage, checkNumber, isUint8, mapPlanes } from '../kernel/index.js';

/** Parameters of {@link tvDenoise}. */
export interface TvDenoiseParams {
  /**
   * Denoising weight, on the [0, 1] scale for uint8 images (values are divided by 255, as
   * scikit-image's `img_as_float`) and in the image's own units for float32. Larger is smoother.
   * @default 0.07 (best over σ = 10–25 on camera.png; scikit-image's default is 0.1)
   */
  readonly weight?: number;
  /** Stop when the energy changes by less than `eps` times the first iteration's energy. @default 2e-4 */
  readonly eps?: number;
  /** Iteration cap. @default 200 */
  readonly maxIterations?: number;
}

/**
 * Chambolle's projection algorithm on one plane, step for step as scikit-image's
 * `_denoise_tv_chambolle_nd` in 2-D: `p` is the dual field (one component per axis), `out` the
 * image minus the divergence of `p`; gradients are forward differences, zero on the last row/column.
 */
function tvPlane(image: Float64Array, width: number, height: number, weight: number, eps: number, maxIterations: number): Float64Array {
  const n = width * height;
  const p0 = new Float64Array(n); // along rows (axis 0)
  const p1 = new Float64Array(n); // along columns (axis 1)
  const g0 = new Float64Array(n);
  const g1 = new Float64Array(n);
  const out = new Float64Array(image);
  const tau = 1 / 4; // 1 / (2 · ndim)
  let initialEnergy = 0;
  let previousEnergy = 0;
  for (let i = 0; i < maxIterations; i++) {
    let energy = 0;
    if (i > 0) {
      // d = -div(p): -p0 - p1, plus the neighbours' p above and to the left.
      for (let y = 0, k = 0; y < height; y++) {
        for (let x = 0; x < width; x++, k++) {
          let d = -(p0[k]! + p1[k]!);
          if (y > 0) d += p0[k - width]!;
          if (x > 0) d += p1[k - 1]!;
          out[k] = image[k]! + d;
          energy += d * d;
        }
      }
    }
    let normSum = 0;
    for (let y = 0, k = 0; y < height; y++) {
      for (let x = 0; x < width; x++, k++) {
        const a = y < height - 1 ? out[k + width]! - out[k]! : 0;
        const b = x < width - 1 ? out[k + 1]! - out[k]! : 0;
        g0[k] = a;
        g1[k] = b;
        const norm = Math.sqrt(a * a + b * b);
        normSum += norm;
        const scale = 1 + norm * (tau / weight);
        p0[k] = (p0[k]! - tau * a) / scale;
        p1[k] = (p1[k]! - tau * b) / scale;
      }
    }
    energy = (energy + weight * normSum) / n;
    if (i === 0) {
      initialEnergy = previousEnergy = energy;
    } else {
      if (Math.abs(previousEnergy - energy) < eps * initialEnergy) break;
      previousEnergy = energy;
    }
  }
  return out;
}

/**
 * Total-variation denoising (Rudin–Osher–Fatemi, solved with Chambolle's projection algorithm):
 * finds the image closest to the input whose total variation, weighted by `weight`, is small,
 * which flattens noise into piecewise-smooth regions and keeps edges. Each channel on its own.
 * The defaults gain 7 dB on σ = 20 noise in 8-bit photos (camera.png: 22.4 → 29.4 dB).
 *
 * Reference: scikit-image `denoise_tv_chambolle(src, weight, eps, max_num_iter, channel_axis=-1)`,
 * same iteration, energy and stopping rule (stop when |E(n-1) − E(n)| < eps · E(0)); on float
 * inputs the outputs agree to 1e-6, on uint8 within 1 level (rounding). uint8 images are scaled to
 * [0, 1] and back (rounded); float32 images are used as they are and return float32.
 *
 * @example const flat = tvDenoise(image); // weight 0.07
 * @example const flatter = tvDenoise(image, { weight: 0.15, maxIterations: 100 });
 * @throws OpParameterError for weight <= 0, eps < 0, a non-integer or zero iteration cap, or data of the wrong length.
 */
export function tvDenoise(image: Image, params: TvDenoiseParams = {}): Image {
  checkImage(image, 'tvDenoise');
  const { weight = 0.07, eps = 2e-4, maxIterations = 200 } = params;
  checkNumber('tvDenoise', 'weight', weight, { greaterThan: 0 });
  checkNumber('tvDenoise', 'eps', eps, { min: 0 });
  checkNumber('tvDenoise', 'maxIterations', maxIterations, { min: 1, integer: true });
  const scale = isUint8(image) ? 255 : 1;
  return mapPlanes(image, (plane) => {
    if (scale !== 1) for (let i = 0; i < plane.length; i++) plane[i]! /= scale;
    const out = tvPlane(plane, image.width, image.height, weight, eps, maxIterations);
    if (scale !== 1) for (let i = 0; i < out.length; i++) out[i]! *= scale;
    return out;
  });
}
