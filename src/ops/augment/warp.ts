import type { Image } from '../../core/types.js';
import { allocate, borderIndex, check, checkImage, checkNumber, roundHalfEven, type BorderType, type Pixels } from '../kernel/index.js';
import { fillVector, resolveSampling, type SamplingOptions } from './sampling.js';

/** A 2×3 affine matrix, row-major `[a, b, c, d, e, f]`: `x' = a·x + b·y + c`, `y' = d·x + e·y + f` (cv2's `M.ravel()`). */
export type Matrix2x3 = readonly [number, number, number, number, number, number];

/** A 3×3 homography, row-major (cv2's `M.ravel()`): `x' = (m0·x + m1·y + m2) / (m6·x + m7·y + m8)`, likewise `y'`. */
export type Matrix3x3 = readonly [number, number, number, number, number, number, number, number, number];

/** Options of `warpAffine` and `warpPerspective`. */
export interface WarpOptions extends SamplingOptions {
  /** Output width. @default the input's width */
  readonly width?: number;
  /** Output height. @default the input's height */
  readonly height?: number;
  /**
   * The matrix already maps output pixels to input pixels (cv2's `WARP_INVERSE_MAP`), so it is
   * used as is instead of inverted. @default false
   */
  readonly inverse?: boolean;
}

/** Options of `remap`: the output has the maps' size. */
export interface RemapOptions extends SamplingOptions {
  /** Output width; the maps hold `width × height` entries. @default the input's width */
  readonly width?: number;
  /** Output height. @default the input's height */
  readonly height?: number;
}

/** Fills, for output row `y`, the input coordinates `xs[x]`, `ys[x]` that each output pixel reads. */
type RowMapper = (y: number, xs: Float64Array, ys: Float64Array) => void;

// Coordinates beyond this are outside any image; clamping them keeps index arithmetic finite
// (a homography sends points near its horizon to infinity, and NaN when 0/0).
const FAR = 2 ** 24;
const bounded = (v: number): number => (v > FAR ? FAR : v > -FAR ? v : -FAR);

/**
 * The affine inverse, computed as OpenCV's `warpAffine` does, so a forward matrix gives the same
 * sampling coordinates as cv2.
 *
 * @example invertAffine([1, 0, 5, 0, 1, 0]); // [1, 0, -5, 0, 1, -0]
 * @throws OpParameterError when the matrix is singular or not finite.
 */
export function invertAffine(m: Matrix2x3): Matrix2x3 {
  checkMatrix(m, 6, 'invertAffine');
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  check(det !== 0, 'invertAffine', 'matrix', 'invertible', m);
  const r = 1 / det;
  const [ia, ib, id, ie] = [e * r, -b * r, -d * r, a * r];
  return [ia, ib, -ia * c - ib * f, id, ie, -id * c - ie * f];
}

/**
 * The inverse of a 3×3 matrix by its adjugate (what `cv::invert` does for 3×3).
 *
 * @example invertMatrix3x3([2, 0, 0, 0, 2, 0, 0, 0, 1]); // [0.5, 0, 0, 0, 0.5, 0, 0, 0, 1]
 * @throws OpParameterError when the matrix is singular or not finite.
 */
export function invertMatrix3x3(m: Matrix3x3): Matrix3x3 {
  checkMatrix(m, 9, 'invertMatrix3x3');
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = f * g - d * i;
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  check(det !== 0, 'invertMatrix3x3', 'matrix', 'invertible', m);
  const r = 1 / det;
  return [
    A * r, (c * h - b * i) * r, (b * f - c * e) * r,
    B * r, (a * i - c * g) * r, (c * d - a * f) * r,
    C * r, (b * g - a * h) * r, (a * e - b * d) * r,
  ];
}

function checkMatrix(m: readonly number[], length: number, op: string): void {
  check(m.length === length && m.every(Number.isFinite), op, 'matrix', `${length} finite numbers`, m);
}

/**
 * Affine warp by inverse mapping, as `cv2.warpAffine`: the matrix maps input to output pixel
 * coordinates (pixel centres at integers) and is inverted, then each output pixel `(x, y)` reads
 * the input at `M⁻¹·(x, y)`. Bilinear blends the 4 neighbours, each resolved by `border` (with
 * `constant`, neighbours outside are `fillValue`, so edges blend into it, as in OpenCV); nearest
 * rounds the coordinate half to even. uint8 results round half to even and saturate; float results
 * are not clamped. With the defaults (bilinear, constant 0, same size), outputs equal OpenCV 5's
 * within 1 for uint8 (tested against cv2 references).
 *
 * @example const moved = warpAffine(image, [1, 0, 10, 0, 1, 0]); // content 10 px to the right
 * @example const same = warpAffine(image, [1, 0, -10, 0, 1, 0], { inverse: true, border: 'edge' });
 * @throws OpParameterError on a malformed image, a singular or non-finite matrix or a bad option.
 */
export function warpAffine(image: Image, matrix: Matrix2x3, options: WarpOptions = {}): Image {
  checkImage(image, 'warpAffine');
  checkMatrix(matrix, 6, 'warpAffine');
  const [a, b, c, d, e, f] = options.inverse ? matrix : invertAffine(matrix);
  const map: RowMapper = (y, xs, ys) => {
    // Same order of operations as OpenCV: the row's part first, then the column's.
    const x0 = b * y + c;
    const y0 = e * y + f;
    for (let x = 0; x < xs.length; x++) {
      xs[x] = a * x + x0;
      ys[x] = d * x + y0;
    }
  };
  return resample(image, map, options, 'warpAffine');
}

/**
 * Perspective warp by inverse mapping, as `cv2.warpPerspective`: output `(x, y)` reads the input
 * at `H⁻¹·(x, y, 1)` after the perspective divide. Sampling, borders and rounding as `warpAffine`.
 * Points that map to infinity (on the horizon) read the border.
 *
 * @example const tilted = warpPerspective(image, getPerspectiveTransform(from, to));
 * @throws OpParameterError on a malformed image, a singular or non-finite matrix or a bad option.
 */
export function warpPerspective(image: Image, matrix: Matrix3x3, options: WarpOptions = {}): Image {
  checkImage(image, 'warpPerspective');
  checkMatrix(matrix, 9, 'warpPerspective');
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = options.inverse ? matrix : invertMatrix3x3(matrix);
  const map: RowMapper = (y, xs, ys) => {
    const x0 = m1 * y + m2;
    const y0 = m4 * y + m5;
    const w0 = m7 * y + m8;
    for (let x = 0; x < xs.length; x++) {
      const w = 1 / (w0 + m6 * x);
      xs[x] = bounded((x0 + m0 * x) * w);
      ys[x] = bounded((y0 + m3 * x) * w);
    }
  };
  return resample(image, map, options, 'warpPerspective');
}

/**
 * Generic remap, as `cv2.remap`: output `(x, y)` reads the input at `(mapX[i], mapY[i])`,
 * `i = y·width + x`. Sampling, borders and rounding as `warpAffine`.
 *
 * @example
 * // Shift right by half a pixel:
 * const mapX = Float32Array.from({ length: w * h }, (_, i) => (i % w) - 0.5);
 * const mapY = Float32Array.from({ length: w * h }, (_, i) => Math.floor(i / w));
 * const out = remap(image, mapX, mapY);
 * @throws OpParameterError on a malformed image, maps of the wrong length or a bad option.
 */
export function remap(image: Image, mapX: Float32Array | Float64Array, mapY: Float32Array | Float64Array, options: RemapOptions = {}): Image {
  checkImage(image, 'remap');
  const width = options.width ?? image.width;
  const height = options.height ?? image.height;
  check(mapX.length === width * height && mapY.length === width * height, 'remap', 'mapX/mapY length', `${width * height} (${width}×${height})`, mapX.length);
  const map: RowMapper = (y, xs, ys) => {
    for (let x = 0, i = y * width; x < xs.length; x++, i++) {
      xs[x] = bounded(mapX[i]!);
      ys[x] = bounded(mapY[i]!);
    }
  };
  return resample(image, map, { ...options, width, height }, 'remap');
}

/** Runs the sampler over every output row; `map` says where each output pixel reads. */
function resample(image: Image, map: RowMapper, options: WarpOptions, op: string): Image {
  const width = options.width ?? image.width;
  const height = options.height ?? image.height;
  checkNumber(op, 'width', width, { integer: true, min: 1 });
  checkNumber(op, 'height', height, { integer: true, min: 1 });
  const { interpolation, border } = resolveSampling(op, options);
  const fill = fillVector(options.fillValue ?? 0, image.channels, image.data instanceof Uint8Array, op);
  const { pixels, result } = allocate(image, width, height);
  const xs = new Float64Array(width);
  const ys = new Float64Array(width);
  const sampleRow = interpolation === 'nearest' ? nearestRow : bilinearRow;
  const source: Source = { data: image.data, width: image.width, height: image.height, channels: image.channels, border, fill };
  for (let y = 0; y < height; y++) {
    map(y, xs, ys);
    sampleRow(source, xs, ys, pixels, y * width * image.channels);
  }
  return result;
}

interface Source {
  readonly data: Uint8Array | Float32Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly border: BorderType;
  readonly fill: Float64Array;
}

function bilinearRow(s: Source, xs: Float64Array, ys: Float64Array, out: Pixels, o: number): void {
  const { data, width: w, height: h, channels: c } = s;
  const stride = w * c;
  const xLast = w - 1;
  const yLast = h - 1;
  for (let x = 0; x < xs.length; x++, o += c) {
    const fx = xs[x]!;
    const fy = ys[x]!;
    if (!(fx >= 0 && fy >= 0 && fx < xLast && fy < yLast)) {
      bilinearBorder(s, fx, fy, out, o);
      continue;
    }
    // All four neighbours inside, the common case. Both coordinates are ≥ 0, so `| 0` is floor.
    const x0 = fx | 0;
    const y0 = fy | 0;
    const ax = fx - x0;
    const ay = fy - y0;
    const p = y0 * stride + x0 * c;
    const q = p + stride;
    if (c === 3) {
      // Unrolled for RGB, the most common layout.
      let top = data[p]! + ax * (data[p + 3]! - data[p]!);
      out[o] = top + ay * (data[q]! + ax * (data[q + 3]! - data[q]!) - top);
      top = data[p + 1]! + ax * (data[p + 4]! - data[p + 1]!);
      out[o + 1] = top + ay * (data[q + 1]! + ax * (data[q + 4]! - data[q + 1]!) - top);
      top = data[p + 2]! + ax * (data[p + 5]! - data[p + 2]!);
      out[o + 2] = top + ay * (data[q + 2]! + ax * (data[q + 5]! - data[q + 2]!) - top);
    } else {
      for (let k = 0; k < c; k++) {
        const top = data[p + k]! + ax * (data[p + c + k]! - data[p + k]!);
        out[o + k] = top + ay * (data[q + k]! + ax * (data[q + c + k]! - data[q + k]!) - top);
      }
    }
  }
}

/** Bilinear sample with some neighbour outside: each of the four is resolved by the border mode. */
function bilinearBorder(s: Source, fx: number, fy: number, out: Pixels, o: number): void {
  const { data, width: w, height: h, channels: c, border, fill } = s;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const ax = fx - x0;
  const ay = fy - y0;
  // Offsets of the neighbours, or negative for "use the fill value".
  const xa = borderIndex(x0, w, border) * c;
  const xb = borderIndex(x0 + 1, w, border) * c;
  const ya = borderIndex(y0, h, border) * w * c;
  const yb = borderIndex(y0 + 1, h, border) * w * c;
  for (let k = 0; k < c; k++) {
    const v00 = ya < 0 || xa < 0 ? fill[k]! : data[ya + xa + k]!;
    const v01 = ya < 0 || xb < 0 ? fill[k]! : data[ya + xb + k]!;
    const v10 = yb < 0 || xa < 0 ? fill[k]! : data[yb + xa + k]!;
    const v11 = yb < 0 || xb < 0 ? fill[k]! : data[yb + xb + k]!;
    const top = v00 + ax * (v01 - v00);
    out[o + k] = top + ay * (v10 + ax * (v11 - v10) - top);
  }
}

function nearestRow(s: Source, xs: Float64Array, ys: Float64Array, out: Pixels, o: number): void {
  const { data, width: w, height: h, channels: c, border, fill } = s;
  for (let x = 0; x < xs.length; x++, o += c) {
    let xi = roundHalfEven(xs[x]!);
    let yi = roundHalfEven(ys[x]!);
    if (xi < 0 || yi < 0 || xi >= w || yi >= h) {
      xi = borderIndex(xi, w, border);
      yi = borderIndex(yi, h, border);
      if (xi < 0 || yi < 0) {
        for (let k = 0; k < c; k++) out[o + k] = fill[k]!;
        continue;
      }
    }
    const p = (yi * w + xi) * c;
    for (let k = 0; k < c; k++) out[o + k] = data[p + k]!;
  }
}
