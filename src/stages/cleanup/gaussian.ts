import sharp from 'sharp';
import type { Image } from '../../core/types.js';
import { gaussianBlur } from '../../ops/gaussianBlur.js';
import { defaultKernelSize } from '../../ops/kernel/index.js';

/** Parameters of the `gaussian` method of `denoise`. Give `sigma`, `size` or both. */
export interface DenoiseGaussianParams {
  /**
   * Standard deviation in pixels, > 0. Without `size`, the kernel is `round(6·sigma + 1)` wide
   * (made odd), OpenCV's width for 8-bit images, whatever the image type.
   * @default 1, or with only `size`: OpenCV's `0.3·((size − 1)/2 − 1) + 0.8`
   */
  readonly sigma?: number;
  /** Kernel width, an odd integer; alone and ≤ 7, OpenCV's fixed binomial kernels. @default from `sigma` */
  readonly size?: number;
}

/**
 * The `gaussian` method of the `denoise` stage: OpenCV's
 * `cv2.GaussianBlur(src, (size, size), sigma, borderType=cv2.BORDER_REPLICATE)`, each channel on
 * its own (alpha included), edges repeated; within 1 level of cv2 for uint8 (OpenCV rounds its 8-bit kernel to
 * fixed point). The stage's choice of engine: uint8 gray and RGB images with a kernel derived from
 * `sigma` go through sharp's `blur(sigma)` (libvips, float kernel of exactly that width); float32
 * images, RGBA (sharp would premultiply alpha), an explicit `size`, and the few sigmas whose width
 * libvips cannot be asked for go through the `gaussianBlur` op. uint8 in → uint8 out (rounded);
 * float32 in → float32 out.
 *
 * @example const soft = await denoiseGaussian(image); // sigma 1
 * @example const smooth5 = await denoiseGaussian(image, { size: 5 }); // [1 4 6 4 1] / 16, as OpenCV
 * @throws OpParameterError for a sigma ≤ 0, an even or non-integer size, or a malformed image.
 */
export async function denoiseGaussian(image: Image, params: DenoiseGaussianParams = {}): Promise<Image> {
  const { size } = params;
  const sigma = params.sigma ?? (size === undefined ? 1 : undefined);
  const kernelSize = size ?? defaultKernelSize(sigma!, 'uint8');
  const minAmplitude = size === undefined && sigma !== undefined ? sharpMinAmplitude(sigma, kernelSize >> 1) : undefined;
  if (image.data instanceof Uint8Array && image.channels !== 4 && minAmplitude !== undefined) {
    return sharpBlur(image as Image & { data: Uint8Array }, sigma!, minAmplitude);
  }
  return gaussianBlur(image, { ...(sigma === undefined ? {} : { sigma }), kernelSize, border: 'edge', alpha: 'blur' });
}

/**
 * The `minAmplitude` that makes libvips' gaussmat exactly `2·radius + 1` wide, or undefined
 * when sharp cannot be asked for it. gaussmat keeps offsets x while `exp(-x²/2σ²) >= minAmplitude`
 * (libvips create/gaussmat.c), so any value in (amplitude at radius+1, amplitude at radius] works;
 * sharp accepts 0.001..1 and sigma >= 0.3, and gaussmat stops at 8σ.
 */
function sharpMinAmplitude(sigma: number, radius: number): number | undefined {
  if (!(sigma >= 0.3) || radius + 1 >= Math.floor(8 * sigma)) return undefined;
  const amplitude = (x: number) => Math.exp(-(x * x) / (2 * sigma * sigma));
  const min = Math.max(0.001, Math.sqrt(amplitude(radius) * amplitude(radius + 1)));
  return min <= amplitude(radius) ? min : undefined;
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
