import { describe, expect, it } from 'vitest';
import { formatTick, niceTicks, tickStep } from '../../src/report/niceTicks.js';
import { rngFor } from '../../src/core/rng.js';

describe('niceTicks', () => {
  it.each([
    // [lo, hi, count] → what d3-scale's scaleLinear().domain([lo, hi]).nice(count).ticks(count) gives
    [0.13, 0.87, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [1, 8, 6, [1, 2, 3, 4, 5, 6, 7, 8]],
    [1.07, 2.38, 6, [1, 1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.4]],
    [0, 10_000, 6, [0, 2000, 4000, 6000, 8000, 10_000]],
    [-0.73, 0.41, 5, [-0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]],
    [0, 0.3, 3, [0, 0.1, 0.2, 0.3]],
    [3, 997, 5, [0, 200, 400, 600, 800, 1000]],
  ])('[%d, %d] in about %d ticks: %j', (lo, hi, count, ticks) => {
    const s = niceTicks(lo, hi, count);
    expect(s.ticks).toEqual(ticks); // exact: no 0.30000000000000004
    expect(s.domain).toEqual([ticks[0], ticks.at(-1)]);
  });

  it('widens an empty range and accepts reversed bounds', () => {
    expect(niceTicks(5, 5, 5).ticks).toEqual([4, 4.5, 5, 5.5, 6]);
    expect(niceTicks(0.87, 0.13, 5).ticks).toEqual(niceTicks(0.13, 0.87, 5).ticks);
  });

  it('rejects bounds no axis can show', () => {
    expect(() => niceTicks(0, Number.NaN)).toThrow(RangeError);
    expect(() => niceTicks(-Infinity, 1)).toThrow(/domain must be finite, got \[-Infinity, 1\]/);
  });

  it('over random ranges of every magnitude: covers the data, steps of 1/2/5 × 10^k, a readable count, distinct labels', () => {
    const rng = rngFor(1, 'niceTicks', 0, '');
    const wrong: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const scale = 10 ** Math.floor(rng() * 16 - 8);
      const [a, b] = [(rng() - 0.3) * scale, (rng() - 0.3) * scale];
      const count = 2 + Math.floor(rng() * 8);
      const s = niceTicks(a, b, count);
      const mantissa = s.step / 10 ** Math.floor(Math.log10(s.step) + 1e-9);
      const labels = s.ticks.map((t) => formatTick(t, s.step));
      const problems = [
        s.domain[0] > Math.min(a, b) || s.domain[1] < Math.max(a, b) ? 'does not cover the data' : '',
        [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6) ? '' : `step ${s.step}`,
        s.ticks.length < 2 || s.ticks.length > 2 * count + 2 ? `${s.ticks.length} ticks` : '',
        s.ticks.some((t, k) => Math.abs(t - (s.ticks[0]! + k * s.step)) > s.step * 1e-6) ? 'uneven ticks' : '',
        new Set(labels).size < labels.length ? `repeated labels ${labels.join(' ')}` : '',
      ].filter(Boolean);
      if (problems.length) wrong.push(`[${a}, ${b}] in ${count}: ${problems.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('tickStep chooses between 1, 2 and 5 at their geometric means, as d3 does', () => {
    expect(tickStep(0, 1.4, 1)).toBe(1);
    expect(tickStep(0, 1.5, 1)).toBe(2);
    expect(tickStep(0, 3.1, 1)).toBe(2);
    expect(tickStep(0, 3.2, 1)).toBe(5);
    expect(tickStep(0, 7, 1)).toBe(5);
    expect(tickStep(0, 7.1, 1)).toBe(10);
  });
});

describe('formatTick', () => {
  it('shows the decimals the step needs, separates thousands and never prints -0', () => {
    expect(formatTick(1500, 500)).toBe('1,500');
    expect(formatTick(0.6000000000000001, 0.2)).toBe('0.6');
    expect(formatTick(1, 0.2)).toBe('1.0');
    expect(formatTick(0.05, 0.05)).toBe('0.05');
    expect(formatTick(-1e-17, 0.2)).toBe('0.0');
    expect(formatTick(-0, 1)).toBe('0');
    expect(formatTick(-2, 1)).toBe('-2');
  });
});
