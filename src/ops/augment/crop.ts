import type { Image } from '../../core/types.js';
import { allocate, borderIndex, check, checkImage, checkNumber, checkOneOf, resamplingTaps, roundHalfEven, type BorderMode, type BorderType, type Taps } from '../kernel/index.js';
import { fillVector, resolveSampling, type FillValue, type Interpolation } from './sampling.js';

/** Parameters of `crop`. Coordinates are integers in the padded image (the input itself when `padding` is 0). */
export interface CropParams {
  /** Left column of the crop. */
  readonly x: number;
  /** Top row of the crop. */
  readonly y: number;
  /** Width of the output (≥ 1). */
  readonly width: number;
  /** Height of the output (≥ 1). */
  readonly height: number;
  /** Pixels added around the input before cropping: one for all sides, or `[left, top, right, bottom]`. @default 0 */
  readonly padding?: number | readonly [left: number, top: number, right: number, bottom: number];
  /** Value of the padding when `border` is `constant`. @default 0 */
  readonly fillValue?: FillValue;
  /** How the padding is filled. @default 'constant' */
  readonly border?: BorderMode;
}

/** Parameters of `resizedCrop`: a box of the input, resampled to `outWidth × outHeight`. */
export interface ResizedCropParams {
  /** Left column of the box (integer, inside the input). */
  readonly x: number;
  /** Top row of the box. */
  readonly y: number;
  /** Box width (≥ 1, `x + width ≤ input width`). */
  readonly width: number;
  /** Box height (≥ 1, `y + height ≤ input height`). */
  readonly height: number;
  /** Output width (≥ 1). */
  readonly outWidth: number;
  /** Output height (≥ 1). */
  readonly outHeight: number;
  /** @default 'bilinear' */
  readonly interpolation?: Interpolation;
}

function padding(p: CropParams['padding']): readonly [number, number, number, number] {
  if (p === undefined) return [0, 0, 0, 0];
  const sides = typeof p === 'number' ? ([p, p, p, p] as const) : p;
  check(sides.length === 4 && sides.every((s) => Number.isInteger(s) && s >= 0), 'crop', 'padding', 'an integer ≥ 0 or [left, top, right, bottom]', p);
  return sides;
}

/**
 * Cuts `width × height` pixels at `(x, y)`. With `padding`, the input is first padded (by `border`:
 * `fillValue` by default, or reflected, or edge pixels repeated) and `(x, y)` are coordinates in
 * the padded image, so a random crop with padding samples `x` in `0 … W + left + right − width`
 * (torchvision `RandomCrop(padding=…)`). All channels, alpha included, are copied unchanged.
 *
 * @example crop(image, { x: 4, y: 4, width: 32, height: 32 });
 * @example crop(image, { x: 0, y: 7, width: 32, height: 32, padding: 4 }); // CIFAR-style
 * @throws OpParameterError when the crop leaves the (padded) image or a parameter is malformed.
 */
export function crop(image: Image, params: CropParams): Image {
  checkImage(image, 'crop');
  const { x, y, width, height } = params;
  const [left, top, right, bottom] = padding(params.padding);
  checkNumber('crop', 'width', width, { integer: true, min: 1 });
  checkNumber('crop', 'height', height, { integer: true, min: 1 });
  check(Number.isInteger(x) && x >= 0 && x + width <= image.width + left + right, 'crop', 'x', `an integer in 0…${image.width + left + right - width}`, x);
  check(Number.isInteger(y) && y >= 0 && y + height <= image.height + top + bottom, 'crop', 'y', `an integer in 0…${image.height + top + bottom - height}`, y);
  const { border } = resolveSampling('crop', params);
  const fill = fillVector(params.fillValue ?? 0, image.channels, image.data instanceof Uint8Array, 'crop');
  return copyRegion(image, x - left, y - top, width, height, border, fill);
}

/**
 * A `width × height` image whose pixel `(col, row)` is input pixel `(sx + col, sy + row)`, resolved
 * by `border` outside the input (`fill` per channel for `constant`). Whole-pixel moves need no
 * interpolation: the inside part of each row is one memcpy.
 * @internal shared by `crop` and whole-pixel `translate`.
 */
export function copyRegion(image: Image, sx: number, sy: number, width: number, height: number, border: BorderType, fill: Float64Array): Image {
  const c = image.channels;
  const { pixels, raw, result } = allocate(image, width, height);
  // Columns x0…x1 of each output row come straight from the input.
  const x0 = Math.min(width, Math.max(0, -sx));
  const x1 = Math.max(x0, Math.min(width, image.width - sx));
  for (let row = 0; row < height; row++) {
    const srcRow = borderIndex(sy + row, image.height, border);
    const out = row * width * c;
    if (srcRow >= 0 && x1 > x0) {
      const start = (srcRow * image.width + sx + x0) * c;
      raw.set(image.data.subarray(start, start + (x1 - x0) * c), out + x0 * c);
    }
    for (let col = 0; col < width; col++) {
      if (srcRow >= 0 && col === x0 && x1 > x0) {
        col = x1 - 1; // x0…x1 copied above
        continue;
      }
      const srcCol = borderIndex(sx + col, image.width, border);
      const o = out + col * c;
      if (srcRow < 0 || srcCol < 0) {
        for (let k = 0; k < c; k++) pixels[o + k] = fill[k]!;
      } else {
        const p = (srcRow * image.width + srcCol) * c;
        for (let k = 0; k < c; k++) raw[o + k] = image.data[p + k]!;
      }
    }
  }
  return result;
}

/**
 * Crops the box `(x, y, width, height)` and resizes it to `outWidth × outHeight` in one
 * resampling (torchvision `resized_crop`, without antialiasing). Output pixel `(u, v)` reads the
 * box at `((u + 0.5)·width/outWidth − 0.5, (v + 0.5)·height/outHeight − 0.5)`, half-pixel centres
 * like `cv2.resize`; samples beyond the box edge repeat the edge (nothing outside the box leaks
 * in). Identical to `warpAffine` of the crop with that matrix and `border: 'edge'`, but separable,
 * so faster. `nearest` rounds the coordinate half to even like the warps (cv2's
 * `INTER_NEAREST_EXACT` rounds ties up, so on exact ties it may pick the other pixel).
 *
 * @example resizedCrop(image, { x: 10, y: 5, width: 100, height: 80, outWidth: 64, outHeight: 64 });
 * @throws OpParameterError when the box leaves the input or a size is not a positive integer.
 */
export function resizedCrop(image: Image, params: ResizedCropParams): Image {
  checkImage(image, 'resizedCrop');
  const { x, y, width, height, outWidth, outHeight, interpolation = 'bilinear' } = params;
  for (const key of ['width', 'height', 'outWidth', 'outHeight'] as const) checkNumber('resizedCrop', key, params[key], { integer: true, min: 1 });
  check(Number.isInteger(x) && x >= 0 && x + width <= image.width, 'resizedCrop', 'x', `an integer in 0…${image.width - width}`, x);
  check(Number.isInteger(y) && y >= 0 && y + height <= image.height, 'resizedCrop', 'y', `an integer in 0…${image.height - height}`, y);
  checkOneOf('resizedCrop', 'interpolation', interpolation, ['nearest', 'bilinear']);
  const xs = boxTaps(width, outWidth, interpolation);
  const ys = boxTaps(height, outHeight, interpolation);
  return interpolation === 'nearest' ? resizeNearest(image, x, y, xs, ys) : resizeBilinear(image, x, y, xs, ys);
}

/**
 * One axis of the box: output `u` reads the box at `scale·u + (scale/2 − 1/2)` (the warp's
 * coordinate, computed the same way so both agree bit for bit), edges repeated. `nearest` has one
 * tap, rounded half to even; `bilinear` has the two neighbours with weights `1 − a` and `a`, kept
 * exact in float64 for the warp's `v0 + a·(v1 − v0)`, or one tap where both fold onto the edge.
 */
function boxTaps(size: number, outSize: number, interpolation: Interpolation): Taps<Float64Array> {
  const scale = size / outSize;
  const at = (u: number) => scale * u + (0.5 * scale - 0.5);
  if (interpolation === 'nearest') {
    const span = (u: number) => [roundHalfEven(at(u)), roundHalfEven(at(u))] as const;
    return resamplingTaps({ size, outSize, stride: 1, span, weight: () => 1, normalize: false }, Float64Array);
  }
  const span = (u: number) => [Math.floor(at(u)), Math.floor(at(u)) + 1] as const;
  const weight = (u: number, i: number) => (i === Math.floor(at(u)) ? 1 - (at(u) - i) : at(u) - (i - 1));
  return resamplingTaps({ size, outSize, stride: 2, span, weight, normalize: false }, Float64Array);
}

/** The interpolation factor `a` of output `o`: its second tap's weight, 0 where it has one tap. */
const factor = (t: Taps<Float64Array>, o: number) => (t.count[o] === 2 ? t.weights[2 * o + 1]! : 0);

function resizeNearest(image: Image, x: number, y: number, xs: Taps, ys: Taps): Image {
  const c = image.channels;
  const outWidth = xs.first.length;
  const { raw, result } = allocate(image, outWidth, ys.first.length);
  // Source offset of each output column.
  const column = Int32Array.from(xs.first, (first) => (x + first) * c);
  for (let v = 0; v < ys.first.length; v++) {
    const row = (y + ys.first[v]!) * image.width * c;
    for (let u = 0, o = v * outWidth * c; u < outWidth; u++, o += c) {
      for (let k = 0, p = row + column[u]!; k < c; k++) raw[o + k] = image.data[p + k]!;
    }
  }
  return result;
}

/**
 * Separable bilinear resize of the box: each source row is interpolated along x once (and cached
 * while consecutive output rows reuse it), then pairs of rows are blended along y. The arithmetic
 * is the warp's (`top + ay·(bottom − top)`, `top = v0 + ax·(v1 − v0)`), so results are identical.
 */
function resizeBilinear(image: Image, x: number, y: number, xs: Taps<Float64Array>, ys: Taps<Float64Array>): Image {
  const { data, channels: c } = image;
  const outWidth = xs.first.length;
  const { pixels, result } = allocate(image, outWidth, ys.first.length);
  const left = Int32Array.from(xs.first, (first) => (x + first) * c);
  const right = Int32Array.from(xs.first, (first, u) => (x + first + xs.count[u]! - 1) * c);
  const ax = Float64Array.from(xs.first, (_, u) => factor(xs, u));
  const rowLength = outWidth * c;
  const cache = [new Float64Array(rowLength), new Float64Array(rowLength)];
  const cachedRow = [-1, -1];
  // The source row `row` (box coordinates) interpolated along x, from the cache when possible.
  const along = (row: number): Float64Array => {
    const slot = cachedRow[0] === row ? 0 : cachedRow[1] === row ? 1 : cachedRow[0]! < cachedRow[1]! ? 0 : 1;
    const line = cache[slot]!;
    if (cachedRow[slot] === row) return line;
    cachedRow[slot] = row;
    const start = (y + row) * image.width * c;
    for (let u = 0, o = 0; u < outWidth; u++) {
      const a = ax[u]!;
      for (let k = 0, p = start + left[u]! + k, q = start + right[u]! + k; k < c; k++, p++, q++, o++) line[o] = data[p]! + a * (data[q]! - data[p]!);
    }
    return line;
  };
  for (let v = 0; v < ys.first.length; v++) {
    const ay = factor(ys, v);
    const top = along(ys.first[v]!);
    const bottom = along(ys.first[v]! + ys.count[v]! - 1);
    for (let i = 0, o = v * rowLength; i < rowLength; i++, o++) pixels[o] = top[i]! + ay * (bottom[i]! - top[i]!);
  }
  return result;
}
