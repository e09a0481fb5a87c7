import { z } from 'zod';
import type { Image } from '../../../core/types.js';
import { allocate, checkImage, checkNumber, roundHalfEven } from '../../../ops/kernel/index.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { aroundOne, draw, probability, span } from './options.js';

/** Parameters of `sharpness`. */
export interface SharpnessParams {
  /** Blend factor (≥ 0): 0 gives the smoothed image, 1 the original, 2 doubles the fine detail. */
  readonly factor: number;
}

/**
 * Sharpness as torchvision's `adjust_sharpness`: each colour value `v` of an interior pixel is
 * blended with its smoothed value `s`, `s + factor·(v − s)`, where `s` is the 3×3 neighbourhood
 * weighted `[[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13` (rounded for uint8, as torchvision does); the
 * one-pixel frame is left as it is. uint8 results round half to even and saturate (torchvision
 * truncates); float results are not clamped. Alpha unchanged; images under 3×3 come back as a copy.
 *
 * @example sharpness(image, { factor: 1.5 });
 * @throws OpParameterError on a malformed image or `factor < 0`.
 */
export function sharpness(image: Image, params: SharpnessParams): Image {
  checkImage(image, 'sharpness');
  const { factor } = params;
  checkNumber('sharpness', 'factor', factor, { min: 0 });
  const { data, width, height, channels: c } = image;
  const { pixels, raw, result } = allocate(image);
  raw.set(data);
  const colours = c === 4 ? 3 : c;
  const bytes = data instanceof Uint8Array;
  const stride = width * c;
  for (let y = 1; y < height - 1; y++) {
    for (let i = y * stride + c, end = (y + 1) * stride - c; i < end; i += c) {
      for (let k = i; k < i + colours; k++) {
        // The 3×3 sum plus 4 more of the centre: weights 1 around, 5 in the middle.
        const sum = data[k - stride - c]! + data[k - stride]! + data[k - stride + c]! + data[k - c]! + 5 * data[k]! + data[k + c]! + data[k + stride - c]! + data[k + stride]! + data[k + stride + c]!;
        const smooth = bytes ? roundHalfEven(sum / 13) : sum / 13;
        pixels[k] = smooth + factor * (data[k]! - smooth);
      }
    }
  }
  return result;
}

/** Trace op `sharpness`: `{ factor }`. */
export const sharpnessOp = defineTraceOp<SharpnessParams>({ name: 'sharpness', apply: sharpness, describe: (p) => `sharpness ×${decimals(p.factor)}` });

/** `randomSharpness`: sharpen or soften by a factor in 1 ± v (torchvision RandomAdjustSharpness, with a drawn factor). */
export const randomSharpness = defineRandomOp({
  name: 'randomSharpness',
  description: 'Sharpen (factor > 1) or soften (< 1) fine detail by a factor in 1 ± v (or [min, max]), torchvision adjust_sharpness.',
  schema: z.strictObject({ p: probability(1), sharpness: span.default(0.5) }),
  sample: (rng, o) => ({ factor: draw(rng, aroundOne(o.sharpness)) }),
  apply: [sharpnessOp],
});
