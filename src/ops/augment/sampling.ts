import type { Channels } from '../../core/types.js';
import { borderType, check, checkOneOf, type BorderMode, type BorderType } from '../kernel/index.js';

/** How a geometric op reads between pixels: OpenCV's `INTER_NEAREST` or `INTER_LINEAR`. */
export type Interpolation = 'nearest' | 'bilinear';

/** One value for every channel, or one per channel (alpha included). */
export type FillValue = number | readonly number[];

/** A point `[x, y]` in pixel coordinates: pixel centres sit at integers, `(0, 0)` is the top-left pixel. */
export type Point = readonly [x: number, y: number];

/** How the geometric ops sample their input. */
export interface SamplingOptions {
  /** @default 'bilinear' */
  readonly interpolation?: Interpolation;
  /**
   * What is read outside the image: `constant` is `fillValue` (OpenCV `BORDER_CONSTANT`), `reflect`
   * mirrors without repeating the edge, `dcb|abcd|cba` (`BORDER_REFLECT_101`, OpenCV's default),
   * `edge` repeats the edge pixel, `aaa|abcd|ddd` (`BORDER_REPLICATE`).
   * @default 'constant'
   */
  readonly border?: BorderMode;
  /** Value of the pixels read outside the image with `border: 'constant'`. @default 0 */
  readonly fillValue?: FillValue;
}

/** Just the sampling fields of an op's params, so nothing else (a stray `inverse`, say) reaches the warp. */
export function samplingOf(params: SamplingOptions): SamplingOptions {
  const { interpolation, border, fillValue } = params;
  return {
    ...(interpolation === undefined ? {} : { interpolation }),
    ...(border === undefined ? {} : { border }),
    ...(fillValue === undefined ? {} : { fillValue }),
  };
}

/** The checked sampling options of `op`, defaults filled in and the border as its OpenCV type. */
export function resolveSampling(op: string, options: SamplingOptions): { interpolation: Interpolation; border: BorderType } {
  const { interpolation = 'bilinear', border = 'constant' } = options;
  checkOneOf(op, 'interpolation', interpolation, ['nearest', 'bilinear']);
  return { interpolation, border: borderType(border, op) };
}

/**
 * The fill value, one entry per channel. For uint8 images it is saturated to 0..255 (as OpenCV
 * converts `borderValue`), so a blend with it stays in range.
 */
export function fillVector(fill: FillValue, channels: Channels, uint8: boolean, op: string): Float64Array {
  const values = typeof fill === 'number' ? new Array<number>(channels).fill(fill) : fill;
  check(values.length === channels, op, 'fillValue', `a number or ${channels} numbers`, fill);
  for (const v of values) check(Number.isFinite(v), op, 'fillValue', 'finite numbers', fill);
  return uint8 ? Float64Array.from(Uint8ClampedArray.from(values)) : Float64Array.from(values);
}
