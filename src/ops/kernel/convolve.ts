import { borderIndex, type BorderType } from './border.js';
import { toByteHalfUp } from './round.js';

/** A separable filter: one symmetric odd kernel along rows, then along columns. */
export interface SeparableFilter {
  /** Odd length, symmetric (`kernel[r − t] = kernel[r + t]`). */
  readonly kernel: Float64Array;
  readonly border: Exclude<BorderType, 'BORDER_CONSTANT'>;
  /**
   * Precision of the row pass's results, so an op can match its reference's arithmetic:
   * `float32` as OpenCV's float path (its row buffer is `CV_32F`), `float64` as scipy.ndimage.
   * Sums are float64 either way.
   */
  readonly intermediate: 'float32' | 'float64';
}

/**
 * Convolves interleaved `channels`-channel data with a separable filter, rows then columns, and
 * writes every channel into `out`: float arrays get the sums as they are, a `Uint8Array` gets them
 * rounded half up and saturated (OpenCV's 8-bit filters are fixed point and round half up; with
 * the small binomial kernels exact .5 ties are common). Each pass adds one symmetric pair of taps
 * at a time over a whole row: long contiguous loops are what JS engines run fastest.
 */
export function convolveSeparable(
  src: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  filter: SeparableFilter,
  out: Float32Array | Float64Array | Uint8Array,
): void {
  const { kernel, border } = filter;
  const r = (kernel.length - 1) / 2;
  const rowLength = width * channels;
  const rows = filter.intermediate === 'float32' ? new Float32Array(height * rowLength) : new Float64Array(height * rowLength);
  const acc = new Float64Array(rowLength);
  const centre = kernel[r]!;
  // Horizontal: copy each row with its margins, then add the taps.
  const padded = new Float64Array((width + 2 * r) * channels);
  const column = Int32Array.from({ length: width + 2 * r }, (_, i) => borderIndex(i - r, width, border) * channels);
  for (let y = 0; y < height; y++) {
    const row = y * rowLength;
    for (let i = 0, p = 0; i < column.length; i++) {
      for (let k = 0, s = row + column[i]!; k < channels; k++) padded[p++] = src[s + k]!;
    }
    const mid = r * channels;
    for (let i = 0; i < rowLength; i++) acc[i] = centre * padded[mid + i]!;
    for (let t = 1; t <= r; t++) {
      const w = kernel[r - t]!;
      const left = mid - t * channels;
      const right = mid + t * channels;
      for (let i = 0; i < rowLength; i++) acc[i]! += w * (padded[left + i]! + padded[right + i]!);
    }
    for (let i = 0; i < rowLength; i++) rows[row + i] = acc[i]!;
  }
  // Vertical: the same over whole rows of the intermediate.
  const bytes = out instanceof Uint8Array;
  for (let y = 0; y < height; y++) {
    const mid = y * rowLength;
    for (let i = 0; i < rowLength; i++) acc[i] = centre * rows[mid + i]!;
    for (let t = 1; t <= r; t++) {
      const w = kernel[r - t]!;
      const above = borderIndex(y - t, height, border) * rowLength;
      const below = borderIndex(y + t, height, border) * rowLength;
      for (let i = 0; i < rowLength; i++) acc[i]! += w * (rows[above + i]! + rows[below + i]!);
    }
    if (bytes) for (let i = 0; i < rowLength; i++) out[mid + i] = toByteHalfUp(acc[i]!);
    else for (let i = 0; i < rowLength; i++) out[mid + i] = acc[i]!;
  }
}
