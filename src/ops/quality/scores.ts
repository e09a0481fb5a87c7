/**
 * Content-quality scores after CleanVision (cleanlab/cleanvision,
 * src/cleanvision/issue_managers/image_property.py and image_property_issue_manager.py).
 *
 * Convention, as in CleanVision: every score is in [0, 1], higher means "less of the issue", and an
 * image is flagged when its score is strictly BELOW the issue's threshold (`score < threshold`).
 * Pixel values are read on the 0..255 scale (uint8 images; float images before `normalize`).
 */
import type { Image } from '../../core/types.js';
import { toByteHalfUp } from '../kernel/index.js';
import { resizeGray, toGray } from './grayscale.js';

/** The content issues scored here, named as CleanVision names them. */
export type QualityIssue = 'dark' | 'light' | 'low_information' | 'blurry' | 'grayscale' | 'odd_aspect_ratio';

/** One score in [0, 1] per issue. */
export type QualityScores = Readonly<Record<QualityIssue, number>>;

/**
 * Flag an image for an issue when `score < threshold`. Values start from CleanVision's current
 * defaults (`ImagePropertyIssueManager.get_default_params`); `dark` and `blurry` are lowered because
 * those defaults flag sharp, normally lit photos in fixtures/messy, and `grayscale` has a threshold
 * because our score is graded (CleanVision's is binary). Each score function says why.
 */
export const DEFAULT_THRESHOLDS: QualityScores = Object.freeze({
  /** CleanVision 0.32 flags a dusk photo (img_png_03, 0.28); 0.25 = brightest 1% below ~64/255. */
  dark: 0.25,
  /** CleanVision 0.05: flagged when the 5th brightness percentile is above 0.95. */
  light: 0.05,
  /** CleanVision 0.3 with normalizing factor 0.1: flagged below 3 bits of entropy. */
  low_information: 0.3,
  /** CleanVision 0.29 does not separate a blurred photo from sharp ones here; 0.05 = edge std below ~5. */
  blurry: 0.05,
  /** CleanVision's flag is "all channels equal" (score 0); 0.01 also catches near-gray JPEGs. */
  grayscale: 0.01,
  /** CleanVision 0.35 (0.5 in early releases). */
  odd_aspect_ratio: 0.35,
});

// CleanVision's score parameters (image_property_issue_manager.py defaults).
const ENTROPY_NORMALIZING_FACTOR = 0.1;
const BLUR_NORMALIZING_FACTOR = 0.01;
// CleanVision uses 0.18; see blurScore for why ours is higher.
const BLUR_TONE_THRESHOLD = 0.5;
// cleanvision/utils/constants.py MAX_RESOLUTION_FOR_BLURRY_DETECTION.
const BLUR_MAX_SIDE = 64;
// The histogram-count std is scaled to this many pixels, the size of CleanVision's 64×64 thumbnail.
const BLUR_REFERENCE_PIXELS = BLUR_MAX_SIDE * BLUR_MAX_SIDE;

/**
 * Dark: the 99th percentile of per-pixel brightness, where brightness is
 * `sqrt(0.241 R² + 0.691 G² + 0.068 B²) / 255` (gray images: `v / 255`) and the percentile
 * interpolates linearly (NumPy's default). Origin: CleanVision `BrightnessProperty` for `dark`
 * (`brightness_perc_99`), unchanged. Default threshold 0.25, below CleanVision's 0.32 (earlier
 * releases: 0.22, then 0.37): at 0.32 the dusk-sky photo cups/img_png_03.png (0.28) is flagged,
 * which fixtures/messy marks as fine; the black image scores 0.008.
 *
 * @example darkScore(blackImage) // 0
 */
export function darkScore(image: Image): number {
  return clamp01(percentile(pixelBrightness(image), 99));
}

/**
 * Light: `1 −` the 5th percentile of per-pixel brightness (defined as in {@link darkScore}).
 * Origin: CleanVision `BrightnessProperty` for `light` (`1 − brightness_perc_5`). Default
 * threshold 0.05: flagged when 95% of the pixels are brighter than about 242/255.
 *
 * @example lightScore(whiteImage) // 0
 */
export function lightScore(image: Image): number {
  return clamp01(1 - percentile(pixelBrightness(image), 5));
}

/**
 * Low information: `min(1, 0.1 × H)` where `H` is the Shannon entropy, in bits, of the 256-bin
 * histogram of the luma image (rounded to integers as PIL's `convert('L')` stores it).
 * Origin: CleanVision `EntropyProperty` (PIL `Image.entropy()`, normalizing factor 0.1). Default
 * threshold 0.3: flagged below 3 bits. Deviation: on RGB images PIL pools the three band
 * histograms into one of 768 bins, which adds log2(3) ≈ 1.58 bits, so a constant colour image
 * scores 0.16 there; we use the luma histogram, so a constant image scores 0 whatever its
 * channel count, and results equal CleanVision's on 1-channel images.
 *
 * @example entropyScore(constantImage) // 0
 */
export function entropyScore(image: Image): number {
  return entropyFromGray(toGray(image));
}

/**
 * Blurry: after CleanVision's `BlurrinessProperty`. The luma image is area-downscaled so its longer
 * side is at most 64 px (size `floor(side / ratio)` as CleanVision computes it) and rounded to
 * 0..255. `b` = standard deviation of its `FIND_EDGES` response (3×3 kernel, 8 at the centre and
 * −1 around, clipped to 0..255 as in PIL's 8-bit output); `s` = standard deviation of its 256-bin
 * histogram counts, scaled to a 64×64 image. Score `min(1, (1 − e^(−0.01 b)) + t)`, where the tone
 * term `t = 1 − e^(−0.01 s)` counts only above 0.5: it exempts flat, few-tone images (a single
 * tone gives t = 0.92), which are low_information rather than blurry.
 * Deviations (the first two are needed to flag cups/img_blurry.jpg and nothing else in fixtures/messy):
 * - tone term above 0.5 (about a dozen equally used gray levels), not CleanVision's 0.18: a blurred
 *   photo has a narrow histogram too (img_blurry: t = 0.31), so at 0.18 the tone term lifts it to
 *   0.33, level with sharp photos (img_large_valid: 0.33);
 * - default threshold 0.05 (edge std below ~5 levels), not 0.29: our `b` runs lower than
 *   CleanVision's (area instead of bicubic downscaling; and PIL copies the border pixels unfiltered
 *   into the edge image, so raw intensities inflate its variance, where we replicate the border so
 *   every pixel is a filter response). Here img_blurry has b = 1.9 (score 0.02), the flattest
 *   sharp photo (img_png_03, a sky with one pole) 7.5 (0.07), the others 18 or more (≥ 0.17);
 * - the histogram std is scaled by `4096 / pixels`, so the tone term does not depend on the size of
 *   images smaller than 64×64 (CleanVision's grows with the pixel count).
 *
 * @example blurScore(checkerboard) // 1: sharp
 */
export function blurScore(image: Image): number {
  return blurFromGray(toGray(image), image.width, image.height);
}

/**
 * Grayscale: mean over pixels of `(max(R, G, B) − min(R, G, B)) / 255`, i.e. how far the image is
 * from having equal channels; 1-channel images score 0. Origin: CleanVision `ColorSpaceProperty`,
 * a binary score (0 flagged, 1 not, no threshold) that flags images whose PIL mode is "L"; its
 * equal-channels test only runs when PIL reports no mode, so in practice an RGB file of gray
 * pixels, or a 16-bit gray PNG (mode "I;16"), is not flagged there. Deviation: the decoded `Image`
 * no longer knows its file's mode, so we judge the pixels, and grade them, so that gray content
 * saved as colour JPEG (chroma noise of a level or two) is caught too. Default threshold 0.01
 * (about 2.5 levels of mean chroma) flags exact gray (score 0) and such noise; the colour photos
 * in fixtures/messy score 0.06 and above.
 *
 * @example grayscaleScore({ data, width, height, channels: 1 }) // 0
 */
export function grayscaleScore(image: Image): number {
  const { data, channels } = image;
  if (channels === 1) return 0;
  const n = image.width * image.height;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n * channels; i += channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    sum += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return clamp01(sum / n / 255);
}

/**
 * Odd aspect ratio: `min(width / height, height / width)`, 1 for a square. Origin: CleanVision
 * `AspectRatioProperty`. Default threshold 0.35: flagged when one side is less than about a
 * third of the other.
 *
 * @example aspectRatioScore({ ...image, width: 400, height: 6 }) // 0.015
 */
export function aspectRatioScore(image: Pick<Image, 'width' | 'height'>): number {
  const { width, height } = image;
  if (width <= 0 || height <= 0) return 0;
  return Math.min(width / height, height / width);
}

/**
 * All six scores at once, sharing the brightness and luma passes. Same values as the single
 * functions.
 *
 * @example const flags = qualityFlags(qualityScores(image)); // e.g. ['dark', 'low_information']
 */
export function qualityScores(image: Image): QualityScores {
  const brightness = pixelBrightness(image);
  const gray = toGray(image);
  return {
    dark: clamp01(percentile(brightness, 99)),
    light: clamp01(1 - percentile(brightness, 5)),
    low_information: entropyFromGray(gray),
    blurry: blurFromGray(gray, image.width, image.height),
    grayscale: grayscaleScore(image),
    odd_aspect_ratio: aspectRatioScore(image),
  };
}

/**
 * The issues whose score is below its threshold, in the order of {@link DEFAULT_THRESHOLDS};
 * thresholds not given use the defaults. `grayscale` is not reported on an image that is
 * `low_information`: a flat black or white image has equal channels, but saying it lacks colour
 * adds nothing to saying it lacks content (fixtures/messy expects img_black → dark, low_information).
 *
 * @example qualityFlags(qualityScores(image), { blurry: 0.1 })
 */
export function qualityFlags(scores: QualityScores, thresholds: Partial<QualityScores> = {}): QualityIssue[] {
  const issues = Object.keys(DEFAULT_THRESHOLDS) as QualityIssue[];
  const flagged = issues.filter((issue) => scores[issue] < (thresholds[issue] ?? DEFAULT_THRESHOLDS[issue]));
  return flagged.includes('low_information') ? flagged.filter((issue) => issue !== 'grayscale') : flagged;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** CleanVision's perceived brightness per pixel, in [0, 1] for 0..255 input. */
function pixelBrightness(image: Image): Float64Array {
  const { data, channels } = image;
  const n = image.width * image.height;
  const out = new Float64Array(n);
  if (channels === 1) {
    for (let p = 0; p < n; p++) out[p] = data[p]! / 255;
    return out;
  }
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    out[p] = Math.sqrt(0.241 * r * r + 0.691 * g * g + 0.068 * b * b) / 255;
  }
  return out;
}

/**
 * The p-th percentile with linear interpolation between order statistics (NumPy's default).
 * Reorders `values` in place: quickselect is O(n), where sorting a 6-Mpixel image is not.
 */
function percentile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const pos = (p / 100) * (n - 1);
  const k = Math.floor(pos);
  const low = selectInPlace(values, k);
  if (k + 1 >= n) return low;
  // After selection everything right of k is >= values[k]: the next order statistic is their min.
  let high = Infinity;
  for (let i = k + 1; i < n; i++) if (values[i]! < high) high = values[i]!;
  return low + (pos - k) * (high - low);
}

/** The k-th smallest value (0-based); three-way partitions keep runs of equal pixels linear. */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = medianOf3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i++] = a[lt]!;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt]!;
        a[gt--] = v;
      } else {
        i++;
      }
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k]!;
}

function medianOf3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** 256-bin histogram of luma rounded and clamped to 0..255. */
function histogram256(gray: ArrayLike<number>): Float64Array {
  const hist = new Float64Array(256);
  for (let i = 0; i < gray.length; i++) hist[toByteHalfUp(gray[i]!)]! += 1;
  return hist;
}

function entropyFromGray(gray: Float32Array): number {
  const n = gray.length;
  if (n === 0) return 0;
  const hist = histogram256(gray);
  let bits = 0;
  for (const count of hist) {
    if (count > 0) {
      const p = count / n;
      bits -= p * Math.log2(p);
    }
  }
  return clamp01(ENTROPY_NORMALIZING_FACTOR * bits);
}

function blurFromGray(gray: Float32Array, width: number, height: number): number {
  if (width === 0 || height === 0) return 0;
  const small = downscaleForBlur(gray, width, height);
  const b = edgeStd(small.pixels, small.width, small.height);
  const s = (countStd(histogram256(small.pixels)) * BLUR_REFERENCE_PIXELS) / small.pixels.length;
  const blur = 1 - Math.exp(-b * BLUR_NORMALIZING_FACTOR);
  const tone = 1 - Math.exp(-s * BLUR_NORMALIZING_FACTOR);
  return Math.min(1, blur + (tone > BLUR_TONE_THRESHOLD ? tone : 0));
}

/** Longer side at most 64 px, sizes as CleanVision computes them, rounded to bytes as PIL's "L". */
function downscaleForBlur(gray: Float32Array, width: number, height: number) {
  const ratio = Math.max(width, height) / BLUR_MAX_SIDE;
  const w = ratio > 1 ? Math.max(Math.floor(width / ratio), 1) : width;
  const h = ratio > 1 ? Math.max(Math.floor(height / ratio), 1) : height;
  const resized = ratio > 1 ? resizeGray(gray, width, height, w, h) : gray;
  const pixels = new Uint8Array(resized.length);
  for (let i = 0; i < resized.length; i++) pixels[i] = toByteHalfUp(resized[i]!);
  return { pixels, width: w, height: h };
}

/** Population std of the clipped FIND_EDGES response, borders replicated. */
function edgeStd(px: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let sum2 = 0;
  for (let y = 0; y < height; y++) {
    const up = Math.max(y - 1, 0) * width;
    const row = y * width;
    const down = Math.min(y + 1, height - 1) * width;
    for (let x = 0; x < width; x++) {
      const l = Math.max(x - 1, 0);
      const r = Math.min(x + 1, width - 1);
      const ring =
        px[up + l]! + px[up + x]! + px[up + r]! + px[row + l]! + px[row + r]! + px[down + l]! + px[down + x]! + px[down + r]!;
      const e = Math.min(255, Math.max(0, 8 * px[row + x]! - ring));
      sum += e;
      sum2 += e * e;
    }
  }
  const n = width * height;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
}

/** Population std of histogram counts (NumPy `np.std(image.histogram())`). */
function countStd(hist: Float64Array): number {
  let sum = 0;
  let sum2 = 0;
  for (const c of hist) {
    sum += c;
    sum2 += c * c;
  }
  const mean = sum / hist.length;
  return Math.sqrt(Math.max(0, sum2 / hist.length - mean * mean));
}
