import seedrandom from 'seedrandom';
import type { Image } from '../../core/types.js';
import { checkImage, checkNumber, checkOddSize, convolveSeparable, defaultKernelSize, gaussianKernel, type SeparableFilter } from '../kernel/index.js';
import { samplingOf, type SamplingOptions } from './sampling.js';
import { remap } from './warp.js';

/** Parameters of `elastic`. */
export interface ElasticParams extends SamplingOptions {
  /** Displacement scale in pixels (≥ 0): the smoothed field, in [−1, 1] before scaling, is multiplied by it. */
  readonly alpha: number;
  /** Smoothing of the random field in pixels (> 0): larger is smoother, and smaller in amplitude. */
  readonly sigma: number;
  /** Integer seed of the random field: same seed, same field. */
  readonly seed: number;
  /** Smoothing kernel size, odd. @default `round(8σ + 1) | 1`, OpenCV's choice for float data */
  readonly kernelSize?: number;
}

/** A displacement per pixel, row-major: output `(x, y)` reads input `(x + dx[i], y + dy[i])`. */
export interface DisplacementField {
  readonly dx: Float32Array;
  readonly dy: Float32Array;
}

/**
 * The raw random fields of `elastic`: `width × height` values uniform in [−1, 1) for x, then for y,
 * from `seedrandom.alea` keyed by `seed` (row-major, x field drawn first).
 *
 * @example const { dx, dy } = elasticNoise(32, 24, 7);
 * @throws OpParameterError when a size is not a positive integer or `seed` is not an integer.
 */
export function elasticNoise(width: number, height: number, seed: number): DisplacementField {
  checkNumber('elastic', 'width', width, { integer: true, min: 1 });
  checkNumber('elastic', 'height', height, { integer: true, min: 1 });
  checkNumber('elastic', 'seed', seed, { integer: true });
  // The op's own key, so a noise op given the same seed draws an unrelated stream.
  const rng = seedrandom.alea(`${seed}\u001felastic`);
  const n = width * height;
  const dx = new Float32Array(n);
  const dy = new Float32Array(n);
  for (let i = 0; i < n; i++) dx[i] = 2 * rng() - 1;
  for (let i = 0; i < n; i++) dy[i] = 2 * rng() - 1;
  return { dx, dy };
}

/**
 * The displacement field of `elastic` (Simard et al., 2003): `elasticNoise`, each component
 * smoothed by a Gaussian of `sigma` (`gaussianBlur` conventions, reflect-101 border), times `alpha`.
 *
 * @example const { dx, dy } = elasticDisplacement(64, 64, { alpha: 34, sigma: 4, seed: 1 });
 * @throws OpParameterError on bad sizes or params.
 */
export function elasticDisplacement(width: number, height: number, params: Pick<ElasticParams, 'alpha' | 'sigma' | 'seed' | 'kernelSize'>): DisplacementField {
  const { alpha, sigma } = params;
  checkNumber('elastic', 'alpha', alpha, { min: 0 });
  checkNumber('elastic', 'sigma', sigma, { greaterThan: 0 });
  const size = params.kernelSize ?? defaultKernelSize(sigma, 'float32');
  checkOddSize('elastic', 'kernelSize', size);
  const noise = elasticNoise(width, height, params.seed);
  // OpenCV's float GaussianBlur, as gaussianBlur on a float32 image.
  const filter: SeparableFilter = { kernel: gaussianKernel(sigma, size), border: 'BORDER_REFLECT_101', intermediate: 'float32' };
  const dx = new Float32Array(width * height);
  const dy = new Float32Array(width * height);
  convolveSeparable(noise.dx, width, height, 1, filter, dx);
  convolveSeparable(noise.dy, width, height, 1, filter, dy);
  for (let i = 0; i < dx.length; i++) {
    dx[i]! *= alpha;
    dy[i]! *= alpha;
  }
  return { dx, dy };
}

/**
 * Elastic deformation (Simard et al., 2003; albumentations' `ElasticTransform`): a smooth random
 * displacement field (`elasticDisplacement`, in pixels) and a `remap` of the image through it:
 * output `(x, y)` reads input `(x + dx, y + dy)`, bilinear by default, as `cv2.remap`.
 * Deterministic in (image, params): the field depends only on the size and `seed`, `alpha`,
 * `sigma`. Note torchvision's `ElasticTransform` scales `alpha` by the image size; ours is pixels.
 *
 * @example elastic(image, { alpha: 34, sigma: 4, seed: 12345 });
 * @example elastic(image, { alpha: 8, sigma: 3, seed: 1, border: 'reflect' });
 * @throws OpParameterError on a malformed image or bad params.
 */
export function elastic(image: Image, params: ElasticParams): Image {
  checkImage(image, 'elastic');
  const { width, height } = image;
  const { dx, dy } = elasticDisplacement(width, height, params);
  // The maps become the absolute coordinates that remap reads.
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      dx[i]! += x;
      dy[i]! += y;
    }
  }
  return remap(image, dx, dy, { ...samplingOf(params), width, height });
}
