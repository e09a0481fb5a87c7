import type { Image } from '../../core/types.js';
import { allocate, check, checkImage, checkNumber, toByte } from '../kernel/index.js';
import type { FillValue } from './sampling.js';

/** A rectangle in pixels: columns `x … x+width−1`, rows `y … y+height−1`. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Parameters of `erase`: the box (integers; parts outside the image are ignored) and what to paint. */
export interface EraseParams extends Box {
  /**
   * A number paints the colour channels and leaves alpha; an array paints one value per channel:
   * `channels` values (alpha included), or 3 on an RGBA image (alpha kept). uint8 values are
   * rounded and clamped. @default 0
   */
  readonly value?: FillValue;
}

/** Clips `box` to a `width × height` image: `[x0, y0, x1, y1)`, empty when it lies outside. @internal */
export function clipBox(box: Box, width: number, height: number, op: string): [number, number, number, number] {
  checkNumber(op, 'x', box.x, { integer: true });
  checkNumber(op, 'y', box.y, { integer: true });
  checkNumber(op, 'width', box.width, { integer: true, min: 0 });
  checkNumber(op, 'height', box.height, { integer: true, min: 0 });
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  return [x0, y0, Math.max(x0, Math.min(width, box.x + box.width)), Math.max(y0, Math.min(height, box.y + box.height))];
}

/**
 * Paints a rectangle with a constant: cutout (DeVries & Taylor, 2017) and random erasing
 * (torchvision `F.erase`). The box may extend past the image (cutout centres boxes anywhere); only
 * the part inside is painted.
 *
 * @example erase(image, { x: 8, y: 8, width: 16, height: 16 }); // black square
 * @example erase(image, { x: 0, y: 0, width: 10, height: 5, value: [124, 116, 104] }); // ImageNet mean
 * @throws OpParameterError on a malformed image, a non-integer box or a value of the wrong length.
 */
export function erase(image: Image, params: EraseParams): Image {
  checkImage(image, 'erase');
  const { data, width, height, channels: c } = image;
  const [x0, y0, x1, y1] = clipBox(params, width, height, 'erase');
  const value = params.value ?? 0;
  const values = typeof value === 'number' ? new Array<number>(c === 4 ? 3 : c).fill(value) : value;
  check(values.length === c || (c === 4 && values.length === 3), 'erase', 'value', `a number or ${c === 4 ? '3 or 4' : c} numbers`, value);
  check(values.every(Number.isFinite), 'erase', 'value', 'finite numbers', value);
  const { pixels, raw, result } = allocate(image);
  raw.set(data);
  if (typeof value === 'number' && c !== 4) {
    // One value for every channel: each row of the box is a single fill.
    const v = data instanceof Uint8Array ? toByte(value) : value;
    for (let y = y0; y < y1; y++) raw.fill(v, (y * width + x0) * c, (y * width + x1) * c);
    return result;
  }
  for (let y = y0; y < y1; y++) {
    for (let x = x0, o = (y * width + x0) * c; x < x1; x++, o += c) {
      for (let k = 0; k < values.length; k++) pixels[o + k] = values[k]!;
    }
  }
  return result;
}
