import type { Image } from '../../core/types.js';
import { check, checkImage, checkNumber } from '../kernel/index.js';
import { fillVector, resolveSampling, samplingOf, type Point, type SamplingOptions } from './sampling.js';
import { copyRegion } from './crop.js';
import { warpAffine, type Matrix2x3 } from './warp.js';

/** Parameters of `rotate`. */
export interface RotateParams extends SamplingOptions {
  /** Degrees, counter-clockwise as seen on screen (cv2.getRotationMatrix2D); negative turns clockwise. */
  readonly angle: number;
}

/** Parameters of `translate`. */
export interface TranslateParams extends SamplingOptions {
  /** Pixels to the right (negative: left). */
  readonly dx: number;
  /** Pixels down (negative: up). */
  readonly dy: number;
}

/** Parameters of `scale`. */
export interface ScaleParams extends SamplingOptions {
  /** Zoom factor about the centre: 2 shows the middle half enlarged, 0.5 shrinks the image into the middle. Must be > 0. */
  readonly factor: number;
}

/** Parameters of `affine`; every part defaults to the identity. */
export interface AffineParams extends SamplingOptions {
  /** Rotation in degrees, counter-clockwise (as `rotate`). @default 0 */
  readonly angle?: number;
  /** Translation `[dx, dy]` in pixels, applied last. @default [0, 0] */
  readonly translate?: readonly [dx: number, dy: number];
  /** Zoom factor about the centre (> 0). @default 1 */
  readonly scale?: number;
  /** Shear angles `[sx, sy]` in degrees, each in (−90, 90), torchvision's convention. @default [0, 0] */
  readonly shear?: readonly [sx: number, sy: number];
}

/** Cosine and sine of an angle in degrees, exact for multiples of 90° (so quarter turns permute pixels). */
function cosSinDegrees(degrees: number): [cos: number, sin: number] {
  if (Number.isInteger(degrees / 90)) {
    const quarter = (((degrees / 90) % 4) + 4) % 4;
    return ([[1, 0], [0, 1], [-1, 0], [0, -1]] as const)[quarter] as [number, number];
  }
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

/** The image centre in pixel coordinates: pixel centres are integers, so it is `((w−1)/2, (h−1)/2)`. */
export function imageCentre(width: number, height: number): Point {
  return [(width - 1) / 2, (height - 1) / 2];
}

/**
 * The rotation-and-zoom matrix of `cv2.getRotationMatrix2D(center, angle, scale)`, mapping input
 * to output: with `α = scale·cos θ`, `β = scale·sin θ`,
 * `[[α, β, (1−α)·cx − β·cy], [−β, α, β·cx + (1−α)·cy]]`. Positive angles turn counter-clockwise
 * on screen (y points down). Exact for multiples of 90°.
 *
 * @example getRotationMatrix2D([15.5, 11.5], 90, 1); // [0, 1, 4, -1, 0, 27]
 */
export function getRotationMatrix2D(center: Point, angle: number, scale = 1): Matrix2x3 {
  const [cos, sin] = cosSinDegrees(angle);
  const a = scale * cos;
  const b = scale * sin;
  const [cx, cy] = center;
  return [a, b, (1 - a) * cx - b * cy, -b, a, b * cx + (1 - a) * cy];
}

/**
 * The forward matrix of `affine` (input → output) about `center`:
 * `M = T(translate) · C · R(angle) · S(scale) · Shy(sy) · Shx(sx) · C⁻¹`. Read right to left: move
 * the centre to the origin, shear along x (`x −= tan(sx)·y`), shear along y (`y −= tan(sy)·x`),
 * zoom, rotate counter-clockwise, move back, translate. This is torchvision's `F.affine` matrix
 * (`_get_inverse_affine_matrix`, inverted) with the angle negated: torchvision's affine angle
 * turns clockwise, ours counter-clockwise like `rotate` and OpenCV.
 *
 * @example getAffineMatrix([15.5, 11.5], { angle: 30, shear: [10, 0] });
 * @throws OpParameterError on non-finite parts, `scale ≤ 0` or a shear of ±90° or more.
 */
export function getAffineMatrix(center: Point, params: AffineParams): Matrix2x3 {
  const { angle = 0, translate = [0, 0], scale = 1, shear = [0, 0] } = params;
  checkNumber('affine', 'angle', angle);
  check(translate.length === 2 && translate.every(Number.isFinite), 'affine', 'translate', '[dx, dy] of finite numbers', translate);
  checkNumber('affine', 'scale', scale, { greaterThan: 0 });
  check(shear.length === 2 && shear.every((s) => Number.isFinite(s) && Math.abs(s) < 90), 'affine', 'shear', '[sx, sy] in degrees, each in (−90, 90)', shear);
  const [cos, sin] = cosSinDegrees(angle);
  const tx = Math.tan((shear[0] * Math.PI) / 180);
  const ty = Math.tan((shear[1] * Math.PI) / 180);
  // Shy·Shx = [[1, −tx], [−ty, 1 + tx·ty]]; then S and R(−angle) in image coordinates (y down).
  const s00 = 1;
  const s01 = -tx;
  const s10 = -ty;
  const s11 = 1 + tx * ty;
  const a = scale * (cos * s00 + sin * s10);
  const b = scale * (cos * s01 + sin * s11);
  const d = scale * (-sin * s00 + cos * s10);
  const e = scale * (-sin * s01 + cos * s11);
  const [cx, cy] = center;
  return [a, b, cx + translate[0] - a * cx - b * cy, d, e, cy + translate[1] - d * cx - e * cy];
}

/**
 * Rotates about the image centre `((w−1)/2, (h−1)/2)`, keeping the size: `cv2.warpAffine` with
 * `cv2.getRotationMatrix2D(centre, angle, 1)`. Positive angles turn counter-clockwise. Quarter
 * turns of a square image with `interpolation: 'nearest'` (or bilinear) are exact permutations.
 * Corners that come from outside the input are read per `border` (default: `fillValue` 0).
 *
 * @example rotate(image, { angle: 15 });
 * @example rotate(image, { angle: -90, interpolation: 'nearest' });
 * @example rotate(image, { angle: 30, border: 'reflect' });
 * @throws OpParameterError on a malformed image or bad params.
 */
export function rotate(image: Image, params: RotateParams): Image {
  checkImage(image, 'rotate');
  checkNumber('rotate', 'angle', params.angle);
  return warpAffine(image, getRotationMatrix2D(imageCentre(image.width, image.height), params.angle), samplingOf(params));
}

/**
 * Shifts the content by `(dx, dy)` pixels, keeping the size: output `(x, y)` reads input
 * `(x − dx, y − dy)`. Whole-pixel shifts move pixels exactly (either interpolation); the uncovered
 * band is read per `border`. Fractional shifts interpolate.
 *
 * @example translate(image, { dx: 4, dy: -2 }); // 4 px right, 2 px up, zeros where nothing came in
 * @example translate(image, { dx: 3, dy: 0, border: 'reflect' });
 * @throws OpParameterError on a malformed image or bad params.
 */
export function translate(image: Image, params: TranslateParams): Image {
  checkImage(image, 'translate');
  checkNumber('translate', 'dx', params.dx);
  checkNumber('translate', 'dy', params.dy);
  const { border } = resolveSampling('translate', params);
  const { dx, dy } = params;
  if (Number.isInteger(dx) && Number.isInteger(dy)) {
    // Whole pixels: interpolation would read exact pixels anyway, so copy rows instead.
    const fill = fillVector(params.fillValue ?? 0, image.channels, image.data instanceof Uint8Array, 'translate');
    return copyRegion(image, -dx, -dy, image.width, image.height, border, fill);
  }
  return warpAffine(image, [1, 0, -dx, 0, 1, -dy], { ...samplingOf(params), inverse: true });
}

/**
 * Zooms about the image centre, keeping the size: `cv2.getRotationMatrix2D(centre, 0, factor)`.
 * `factor > 1` zooms in (crops the middle), `< 1` zooms out (the border fills the margin).
 *
 * @example scale(image, { factor: 1.2 });
 * @throws OpParameterError on a malformed image or `factor ≤ 0`.
 */
export function scale(image: Image, params: ScaleParams): Image {
  checkImage(image, 'scale');
  checkNumber('scale', 'factor', params.factor, { greaterThan: 0 });
  return warpAffine(image, getRotationMatrix2D(imageCentre(image.width, image.height), 0, params.factor), samplingOf(params));
}

/**
 * Rotation, zoom, shear and translation in one resampling, about the image centre and keeping the
 * size. Order (see `getAffineMatrix`): shear x, shear y, zoom, rotate, then translate. Equals
 * torchvision `F.affine(img, angle=-angle, translate, scale, shear)` (torchvision's angle is
 * clockwise) and, without shear, `rotate` + `scale` + `translate` composed.
 *
 * @example affine(image, { angle: 10, translate: [3, -2], scale: 1.1, shear: [5, 0] });
 * @throws OpParameterError on a malformed image or bad params.
 */
export function affine(image: Image, params: AffineParams): Image {
  checkImage(image, 'affine');
  return warpAffine(image, getAffineMatrix(imageCentre(image.width, image.height), params), samplingOf(params));
}
