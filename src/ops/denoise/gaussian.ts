import sharp from 'sharp';
import type { Image } from '../../core/types.js';
import { checkImage, checkNumber, checkOddSize, isUint8, mapPlanes, replicate, type Border } from './planes.js';
import { gaussianKernel } from '../augment/blur.js';

/** Parameters of {@link gaussianBlur}. Give `sigma`, `size` or both. */
export interface GaussianBlurParams {
  /**
   * Standard deviation in pixels, > 0. Without `size`, the kernel is `round(6·sigma + 1)` wide
   * (made odd), OpenCV's width for 8-bit images.
   * @default 1, or with only `size`: OpenCV's `0.3·((size − 1)/2 − 1) + 0.8`
   */
  readonly sigma?: number;
  /**
   * Kernel width, an odd integer. With only `size` ≤ 7, OpenCV's fixed binomial-like kernels
   * (`getGaussianKernel` with sigma 0) are used, e.g. `[1, 4, 6, 4, 1] / 16` for 5.
   * @default from `sigma`
   */
  readonly size?: number;
}

// OpenCV getGaussianKernel's fixed kernels for sigma <= 0 and odd sizes up to 7.
const SMALL_KERNELS: Readonly<Record<number, readonly number[]>> = {
  1: [1],
  3: [0.25, 0.5, 0.25],
  5: [0.0625, 0.25, 0.375, 0.25, 0.0625],
  7: [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
};

/** A normalized odd-length kernel; `sigma` is NaN for OpenCV's fixed small kernels. */
interface Kernel {
  readonly sigma: number;
  readonly radius: number;
  readonly weights: Float64Array;
}

/** Normalized `exp(-x² / 2σ²)` for x in [-radius, radius] (the augmentation ops' kernel). */
export function gaussianWeights(sigma: number, radius: number): Float64Array {
  return gaussianKernel(sigma, 2 * radius + 1);
}

/** The kernel OpenCV's `GaussianBlur(src, (size, size), sigma)` uses for these params. */
function resolveKernel(params: GaussianBlurParams): Kernel {
  const { sigma, size } = params;
  if (sigma !== undefined) checkNumber('sigma', sigma, { greaterThan: 0 });
  if (size === undefined) {
    const s = sigma ?? 1;
    // cvRound(s·6 + 1) | 1; ties round either way to the same odd width.
    const radius = (Math.round(s * 6 + 1) | 1) >> 1;
    return { sigma: s, radius, weights: gaussianWeights(s, radius) };
  }
  checkOddSize('size', size);
  const radius = size >> 1;
  const small = SMALL_KERNELS[size];
  if (sigma === undefined && small) return { sigma: NaN, radius, weights: Float64Array.from(small) };
  const s = sigma ?? 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
  return { sigma: s, radius, weights: gaussianWeights(s, radius) };
}

/**
 * The `minAmplitude` that makes libvips' gaussmat exactly `2·radius + 1` wide, or undefined
 * when sharp cannot be asked for it. gaussmat keeps offsets x while `exp(-x²/2σ²) >= minAmplitude`
 * (libvips create/gaussmat.c), so any value in (amplitude at radius+1, amplitude at radius] works;
 * sharp accepts 0.001..1 and sigma >= 0.3, and gaussmat stops at 8σ.
 */
function sharpMinAmplitude(k: Kernel): number | undefined {
  const { sigma, radius } = k;
  if (!(sigma >= 0.3) || radius + 1 >= Math.floor(8 * sigma)) return undefined;
  const amplitude = (x: number) => Math.exp(-(x * x) / (2 * sigma * sigma));
  const min = Math.max(0.001, Math.sqrt(amplitude(radius) * amplitude(radius + 1)));
  return min <= amplitude(radius) ? min : undefined;
}

/**
 * Separable convolution of a row-major plane with an odd kernel, both passes in float64.
 * Rows first, then columns read row by row so that memory is walked in order.
 */
export function convolveSeparable(
  plane: ArrayLike<number>,
  width: number,
  height: number,
  kernel: Float64Array,
  border: Border,
): Float64Array {
  const r = kernel.length >> 1;
  const tmp = new Float64Array(width * height);
  const row = new Float64Array(width + 2 * r);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = -r; x < width + r; x++) row[x + r] = plane[o + border(x, width)]!;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let j = 0; j < kernel.length; j++) s += kernel[j]! * row[x + j]!;
      tmp[o + x] = s;
    }
  }
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let j = 0; j < kernel.length; j++) {
      const k = kernel[j]!;
      const src = border(y + j - r, height) * width;
      for (let x = 0; x < width; x++) out[o + x]! += k * tmp[src + x]!;
    }
  }
  return out;
}

async function sharpBlur(image: Image & { data: Uint8Array }, sigma: number, minAmplitude: number): Promise<Image> {
  const { width, height, channels } = image;
  const buf = await sharp(image.data, { raw: { width, height, channels } })
    // 'float' keeps the kernel unquantized ('integer' rounds it to 1/20 steps: errors up to 4 levels).
    .blur({ sigma, precision: 'float', minAmplitude })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    // Float output, rounded here: sharp's own cast to uchar truncates (a -0.5 bias).
    .raw({ depth: 'float' })
    .toBuffer();
  // A view when aligned, else a copy (Node may hand out pooled, unaligned buffers).
  const values =
    buf.byteOffset % 4 === 0 ? new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4) : new Float32Array(Uint8Array.from(buf).buffer);
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.round(values[i]!);
  return { data, width, height, channels };
}

/**
 * Gaussian blur, each channel on its own, with edges extended by repeating the edge pixel.
 * The default (`sigma` 1, a 7×7 kernel) takes the edge off σ ≈ 10–25 noise while keeping most
 * detail: on camera.png with σ = 20, 22.4 → 27.9 dB.
 *
 * Reference: OpenCV `cv2.GaussianBlur(src, (size, size), sigma, borderType=cv2.BORDER_REPLICATE)`,
 * same kernel width and weights; within 1 level for uint8 (OpenCV rounds its 8-bit kernel to fixed
 * point). uint8 gray and RGB images with a kernel derived from `sigma` go through sharp's
 * `blur(sigma)` (libvips, float kernel of exactly that width); float32 images, RGBA (sharp would
 * premultiply alpha), an explicit `size`, and the few sigmas whose width libvips cannot be asked
 * for (its `minAmplitude` stops at 0.001) go through a separable float64 kernel here.
 * uint8 in → uint8 out (rounded); float32 in → float32 out.
 *
 * @example const soft = await gaussianBlur(image); // sigma 1
 * @example const softer = await gaussianBlur(image, { sigma: 2 });
 * @example const smooth5 = await gaussianBlur(image, { size: 5 }); // [1 4 6 4 1] / 16, as OpenCV
 * @throws RangeError for a sigma <= 0, an even or non-integer size, or data of the wrong length.
 */
export async function gaussianBlur(image: Image, params: GaussianBlurParams = {}): Promise<Image> {
  checkImage(image);
  const kernel = resolveKernel(params);
  const minAmplitude = params.size === undefined ? sharpMinAmplitude(kernel) : undefined;
  if (isUint8(image) && image.channels !== 4 && minAmplitude !== undefined) return sharpBlur(image, kernel.sigma, minAmplitude);
  return mapPlanes(image, (plane) => convolveSeparable(plane, image.width, image.height, kernel.weights, replicate));
}
