/**
 * Resampling weights along one axis: output pixel `o` reads `count[o]` consecutive input pixels
 * from `first[o]`, weighted by `weights[o·stride … o·stride + count[o])`. Every resampler in
 * `src/ops` (sharp-compatible `resample`, `resizedCrop`, the quality ops' area `resizeGray`) gets
 * its weights from `resamplingTaps`, and the JPEG addon reads the same layout.
 */
export interface Taps<W extends Float32Array | Float64Array = Float32Array | Float64Array> {
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly weights: W;
  /** Row length of `weights`: the most taps an output reads. */
  readonly stride: number;
  /** The input range any tap touches. */
  readonly lo: number;
  readonly hi: number;
}

/** How `resamplingTaps` weighs one axis. */
export interface TapsSpec {
  /** Input pixels along the axis. Taps outside `0…size−1` fold onto the edge pixel (`BORDER_REPLICATE`, libvips' extend copy). */
  readonly size: number;
  readonly outSize: number;
  /** The most input pixels one output reads, after folding. */
  readonly stride: number;
  /** First and last input pixel (before folding) that output `o` reads. */
  readonly span: (o: number) => readonly [first: number, last: number];
  /** Weight of input pixel `i` (before folding) for output `o`. */
  readonly weight: (o: number, i: number) => number;
  /** Divide each output's weights by their sum (a kernel sampled at points), or keep them (exact areas, interpolation factors). */
  readonly normalize: boolean;
}

/**
 * The taps of one axis. Weights are summed in float64 in input order and stored as `W` once, so
 * a resampler that needs its weights exact (areas, bilinear factors) asks for `Float64Array`,
 * one that must match a float32 reference (libvips) for `Float32Array`.
 */
export function resamplingTaps<W extends Float32Array | Float64Array>(spec: TapsSpec, Weights: { new (length: number): W }): Taps<W> {
  const { size, outSize, stride, span, weight, normalize } = spec;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Weights(outSize * stride);
  const row = new Float64Array(stride);
  const fold = (i: number) => (i < 0 ? 0 : i >= size ? size - 1 : i);
  let lo = size;
  let hi = 0;
  for (let o = 0; o < outSize; o++) {
    const [a, b] = span(o);
    const start = fold(a);
    const end = fold(b);
    row.fill(0);
    let sum = 0;
    for (let i = a; i <= b; i++) {
      const w = weight(o, i);
      row[fold(i) - start]! += w;
      sum += w;
    }
    const n = end - start + 1;
    for (let k = 0; k < n; k++) weights[o * stride + k] = normalize ? row[k]! / sum : row[k]!;
    first[o] = start;
    count[o] = n;
    lo = Math.min(lo, start);
    hi = Math.max(hi, end);
  }
  return { first, count, weights, stride, lo, hi };
}
