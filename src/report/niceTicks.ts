/** An axis scale rounded outwards to round numbers, with its tick values. */
export interface NiceScale {
  /** The extended domain: both ends are ticks. */
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** Distance between ticks: 1, 2 or 5 × a power of ten. */
  readonly step: number;
}

/**
 * The tick step for about `count` ticks over [lo, hi]: 1, 2 or 5 × 10^k, the choice between
 * them made at the geometric means (√2, √10, √50) of neighbouring steps, as d3-array's
 * `tickIncrement` makes it.
 */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = Math.abs(hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
}

// k × step without the float drift of repeated sums (0.1 + 0.2): for steps below 1, divide by the exact integer 1/step.
const multiple = (k: number, step: number) => (step >= 1 ? k * step : k / Math.round(1 / step));

/**
 * Extends [lo, hi] outwards to multiples of a round step and lists the ticks, like d3-scale's
 * `nice()` followed by `ticks()`. An empty range (lo = hi) is widened by one unit each side
 * first; non-finite bounds are an error because no axis can show them.
 * @example niceTicks(0.13, 0.87, 5) // { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2 }
 * @throws RangeError when lo or hi is not a finite number.
 */
export function niceTicks(lo: number, hi: number, count = 5): NiceScale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`niceTicks: the domain must be finite, got [${lo}, ${hi}]`);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  // Extending the domain can change the step (d3's nice() loops too); two rounds settle it.
  let step = tickStep(lo, hi, count);
  for (let round = 0; round < 2; round++) {
    const next = tickStep(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, count);
    if (next === step) break;
    step = next;
  }
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => multiple(first + i, step));
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks, step };
}

/**
 * A tick label with exactly the decimals its step needs (0.25 steps: two; 500 steps: none),
 * thousands separated, and no "-0".
 * @example formatTick(1500, 500) // "1,500"
 */
export function formatTick(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
