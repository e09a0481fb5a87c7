import type { Image } from '../../core/types.js';
import { allocate, checkImage, checkNumber, checkOneOf, isUint8 } from '../kernel/index.js';

/** Parameters of {@link threshold}. */
export interface ThresholdParams {
  /**
   * Pixels brighter than this (strictly, `value > level`) are foreground; `'otsu'` picks the level
   * that best separates the histogram into two classes (see {@link otsuLevel}).
   * @default 'otsu'
   */
  readonly level?: number | 'otsu';
  /**
   * `'mask'`: a 1-channel uint8 image, 255 for foreground and 0 elsewhere. `'masked'`: the input
   * (same type and channels) with every channel of background pixels set to 0.
   * @default 'mask'
   */
  readonly output?: 'mask' | 'masked';
  /** Swap foreground and background (OpenCV's `THRESH_BINARY_INV`). @default false */
  readonly invert?: boolean;
}

/**
 * Brightness per pixel: the single channel, or BT.601 luma of RGB(A) (alpha ignored), computed
 * for uint8 in OpenCV's fixed point (`cvtColor(RGB2GRAY)`: integer, rounded) so Otsu sees 256 levels.
 */
function brightness(image: Image): Float64Array {
  const { data, channels } = image;
  const n = image.width * image.height;
  const out = new Float64Array(n);
  if (channels === 1) {
    out.set(data);
    return out;
  }
  const integer = isUint8(image);
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    out[p] = integer ? (r * 4899 + g * 9617 + b * 1868 + 8192) >> 14 : 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return out;
}

/**
 * Otsu's criterion on a histogram: the bin `t` that maximizes the between-class variance of
 * {bins ≤ t} and {bins > t}; the first maximum wins. Mirrors OpenCV's `getThreshVal_Otsu_8u`.
 */
function otsuBin(hist: Float64Array, values: (bin: number) => number): number {
  let total = 0;
  let mu = 0;
  for (let i = 0; i < hist.length; i++) {
    total += hist[i]!;
    mu += values(i) * hist[i]!;
  }
  mu /= total;
  let q1 = 0;
  let mu1 = 0;
  let bestSigma = 0;
  let best = 0;
  const eps = 1.1920928955078125e-7; // FLT_EPSILON, as OpenCV
  for (let i = 0; i < hist.length; i++) {
    const p = hist[i]! / total;
    mu1 *= q1;
    q1 += p;
    const q2 = 1 - q1;
    if (Math.min(q1, q2) < eps || Math.max(q1, q2) > 1 - eps) continue;
    mu1 = (mu1 + values(i) * p) / q1;
    const mu2 = (mu - q1 * mu1) / q2;
    const sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
    if (sigma > bestSigma) {
      bestSigma = sigma;
      best = i;
    }
  }
  return best;
}

/**
 * Otsu's threshold of an image's brightness (gray, or BT.601 luma of RGB). uint8: an integer
 * 0..255 from the 256-level histogram, as OpenCV's `cv2.threshold(src, 0, 255, THRESH_OTSU)`
 * returns. float32: the centre of one of 256 bins spanning [min, max], as scikit-image's
 * `threshold_otsu(src)` (same criterion). Pixels `> level` are the bright class.
 * A constant image returns its value, so it is all background (as scikit-image; OpenCV returns 0).
 *
 * @example const level = otsuLevel(image); // e.g. 109
 */
export function otsuLevel(image: Image): number {
  checkImage(image, 'threshold');
  const gray = brightness(image);
  let min = Infinity;
  let max = -Infinity;
  for (const v of gray) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  // No two classes: everything is background (OpenCV would return 0, making everything foreground).
  if (!(max > min)) return min;
  if (isUint8(image)) {
    const hist = new Float64Array(256);
    for (const v of gray) hist[v]!++;
    return otsuBin(hist, (i) => i);
  }
  const bins = 256;
  const width = (max - min) / bins;
  const hist = new Float64Array(bins);
  for (const v of gray) hist[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  return min + (otsuBin(hist, (i) => min + (i + 0.5) * width) + 0.5) * width;
}

/**
 * Binary threshold: foreground where brightness (gray, or BT.601 luma of RGB) is `> level`,
 * `level` fixed or Otsu's. Returns a 0/255 mask or the masked image. Default: Otsu, mask.
 *
 * Reference: OpenCV `cv2.threshold(src, level, 255, THRESH_BINARY)` and, for `'otsu'` on uint8,
 * `THRESH_BINARY + THRESH_OTSU`: identical output. Works on uint8 and float32 (level in the
 * image's units; the mask is uint8 either way).
 *
 * @example const mask = threshold(image); // Otsu, 0/255 uint8 mask
 * @example const ink = threshold(scan, { level: 128, invert: true });
 * @example const subject = threshold(photo, { output: 'masked' });
 * @throws OpParameterError for a non-finite level or an unknown output.
 */
export function threshold(image: Image, params: ThresholdParams = {}): Image {
  checkImage(image, 'threshold');
  const { level = 'otsu', output = 'mask', invert = false } = params;
  if (level !== 'otsu') checkNumber('threshold', 'level', level, {});
  checkOneOf('threshold', 'output', output, ['mask', 'masked']);
  const t = level === 'otsu' ? otsuLevel(image) : level;
  const gray = brightness(image);
  const { width, height, channels } = image;
  if (output === 'mask') {
    const data = new Uint8Array(width * height);
    for (let p = 0; p < data.length; p++) data[p] = gray[p]! > t !== invert ? 255 : 0;
    return { data, width, height, channels: 1 };
  }
  const out = allocate(image).result;
  for (let p = 0, i = 0; p < gray.length; p++, i += channels) {
    if (gray[p]! > t === invert) continue; // background stays 0
    for (let c = 0; c < channels; c++) out.data[i + c] = image.data[i + c]!;
  }
  return out;
}
