import type { Image } from '../../core/types.js';
import { check, checkImage, checkNumber } from '../kernel/index.js';

/** Parameters of {@link psnr}. */
export interface PsnrParams {
  /** Peak-to-peak range of the values. @default 255 for uint8 references, 1 for float32 */
  readonly dataRange?: number;
}

/**
 * Peak signal-to-noise ratio of `test` against `reference`, in dB:
 * `10 · log10(dataRange² / MSE)` over every value of every channel; `Infinity` when they are equal.
 *
 * Reference: scikit-image `peak_signal_noise_ratio(reference, test, data_range=dataRange)`.
 *
 * @example psnr(clean, nlm(noisy)); // e.g. 29.4
 * @throws OpParameterError when the shapes differ or dataRange <= 0.
 */
export function psnr(reference: Image, test: Image, params: PsnrParams = {}): number {
  checkImage(reference, 'psnr');
  checkImage(test, 'psnr');
  const shape = (i: Image) => `${i.width}×${i.height}×${i.channels}`;
  check(shape(reference) === shape(test), 'psnr', 'test', `an image of the same shape as the reference, ${shape(reference)}`, shape(test));
  const { dataRange = reference.data instanceof Uint8Array ? 255 : 1 } = params;
  checkNumber('psnr', 'dataRange', dataRange, { greaterThan: 0 });
  const a = reference.data;
  const b = test.data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  const mse = sum / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((dataRange * dataRange) / mse);
}
