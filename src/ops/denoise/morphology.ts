import type { Image } from '../../core/types.js';
import { checkImage, checkOddSize, checkOneOf, mapPlanes } from '../kernel/index.js';

/** Shape of the structuring element, as OpenCV's `MORPH_RECT`, `MORPH_CROSS`, `MORPH_ELLIPSE`. */
export type StructuringElementShape = 'square' | 'cross' | 'ellipse';

/** What {@link morphology} does: min filter, max filter, min then max, max then min. */
export type MorphologyOperation = 'erode' | 'dilate' | 'open' | 'close';

/** The structuring element of {@link erode} and {@link dilate}. */
export interface StructuringElementParams {
  /** @default 'square' */
  readonly shape?: StructuringElementShape;
  /** Side of the element, an odd integer. @default 3 */
  readonly size?: number;
}

/** Parameters of {@link morphology}. */
export interface MorphologyParams extends StructuringElementParams {
  readonly operation: MorphologyOperation;
}

const SHAPES: readonly StructuringElementShape[] = ['square', 'cross', 'ellipse'];
const OPERATIONS: readonly MorphologyOperation[] = ['erode', 'dilate', 'open', 'close'];

/**
 * Half-width of the element's row at each dy in [-r, r]: every row of these shapes is one run
 * centred on the anchor. Ellipse rows follow OpenCV's `getStructuringElement` (rounded
 * `c·sqrt(1 − dy²/r²)`).
 */
function rowHalfWidths(shape: StructuringElementShape, size: number): Int32Array {
  const r = size >> 1;
  const half = new Int32Array(size);
  for (let dy = -r; dy <= r; dy++) {
    half[dy + r] =
      shape === 'square' || (shape === 'cross' && dy === 0) ? r
      : shape === 'cross' ? 0
      : r === 0 ? 0
      : Math.round(r * Math.sqrt((r * r - dy * dy) / (r * r)));
  }
  return half;
}

function resolveElement(params: StructuringElementParams): { shape: StructuringElementShape; size: number } {
  const { shape = 'square', size = 3 } = params;
  checkOneOf('morphology', 'shape', shape, SHAPES);
  checkOddSize('morphology', 'size', size);
  return { shape, size };
}

/**
 * The structuring element as a `size × size` row-major mask of 0 and 1, identical to OpenCV's
 * `cv2.getStructuringElement(MORPH_RECT | MORPH_CROSS | MORPH_ELLIPSE, (size, size))`.
 *
 * @example structuringElement({ shape: 'cross', size: 3 }); // [0,1,0, 1,1,1, 0,1,0]
 * @throws OpParameterError for an unknown shape or a size that is not an odd positive integer.
 */
export function structuringElement(params: StructuringElementParams = {}): Uint8Array {
  const { shape, size } = resolveElement(params);
  const half = rowHalfWidths(shape, size);
  const r = size >> 1;
  const mask = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = r - half[y]!; x <= r + half[y]!; x++) mask[y * size + x] = 1;
  return mask;
}

/**
 * Min (erode) or max (dilate) over the element, pixels outside the image ignored (OpenCV's default
 * border for morphology). Each distinct row half-width a gets a horizontal running extreme
 * `H_a(x) = best(H_{a-1}(x), I(x - a), I(x + a))`; the result takes the best of `H_{a(dy)}` over
 * the element's rows. O(pixels × size) for every shape. Dilation is erosion of the negated plane,
 * so one min-only loop serves both.
 */
function morphPlane(plane: Float64Array, width: number, height: number, half: Int32Array, dilate: boolean): Float64Array {
  const input = dilate ? plane.map((v) => -v) : plane;
  const r = half.length >> 1;
  let maxHalf = 0;
  for (const a of half) maxHalf = Math.max(maxHalf, a);
  const runs: Float64Array[] = [input];
  for (let a = 1; a <= maxHalf; a++) {
    const next = new Float64Array(runs[a - 1]!);
    for (let y = 0; y < height; y++) {
      const o = y * width;
      // x - a and x + a inside the row; near the ends only one side exists.
      for (let x = a; x < width; x++) if (input[o + x - a]! < next[o + x]!) next[o + x] = input[o + x - a]!;
      for (let x = 0; x + a < width; x++) if (input[o + x + a]! < next[o + x]!) next[o + x] = input[o + x + a]!;
    }
    runs.push(next);
  }
  const out = new Float64Array(width * height).fill(Infinity);
  for (let dy = -r; dy <= r; dy++) {
    const run = runs[half[dy + r]!]!;
    const y0 = Math.max(0, -dy);
    const y1 = Math.min(height, height - dy);
    for (let p = y0 * width, q = (y0 + dy) * width, end = y1 * width; p < end; p++, q++) if (run[q]! < out[p]!) out[p] = run[q]!;
  }
  if (dilate) for (let i = 0; i < out.length; i++) out[i] = -out[i]!;
  return out;
}

/**
 * Grayscale morphology, each channel on its own: `erode` (minimum over the structuring element),
 * `dilate` (maximum), `open` (erode then dilate: removes bright specks smaller than the element)
 * and `close` (dilate then erode: fills dark specks and gaps). Pixels outside the image are
 * ignored. Default element: 3×3 square. On a 0/255 mask this is binary morphology.
 *
 * Reference: OpenCV `cv2.morphologyEx(src, MORPH_ERODE | MORPH_DILATE | MORPH_OPEN | MORPH_CLOSE,
 * cv2.getStructuringElement(shape, (size, size)))`: identical output. uint8 and float32 alike;
 * values are only compared, never mixed, so the output holds input values.
 *
 * @example const cleaned = morphology(mask, { operation: 'open' }); // 3×3 square
 * @example const filled = morphology(mask, { operation: 'close', shape: 'ellipse', size: 7 });
 * @throws OpParameterError for an unknown operation or shape, an even size, or data of the wrong length.
 */
export function morphology(image: Image, params: MorphologyParams): Image {
  checkImage(image, 'morphology');
  const { operation } = params;
  checkOneOf('morphology', 'operation', operation, OPERATIONS);
  const { shape, size } = resolveElement(params);
  const half = rowHalfWidths(shape, size);
  const { width, height } = image;
  const pass = (dilate: boolean) => (plane: Float64Array) => morphPlane(plane, width, height, half, dilate);
  const steps = { erode: [false], dilate: [true], open: [false, true], close: [true, false] }[operation];
  return mapPlanes(image, (plane) => steps.reduce((p, dilate) => pass(dilate)(p), plane));
}

/**
 * Erosion: each pixel becomes the minimum over the structuring element (see {@link morphology}).
 * @example const thinner = erode(mask, { shape: 'cross', size: 3 });
 */
export function erode(image: Image, params: StructuringElementParams = {}): Image {
  return morphology(image, { ...params, operation: 'erode' });
}

/**
 * Dilation: each pixel becomes the maximum over the structuring element (see {@link morphology}).
 * @example const thicker = dilate(mask, { size: 5 });
 */
export function dilate(image: Image, params: StructuringElementParams = {}): Image {
  return morphology(image, { ...params, operation: 'dilate' });
}
