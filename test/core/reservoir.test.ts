import { describe, expect, it } from 'vitest';
import { Reservoir } from '../../src/core/reservoir.js';
import { rngFor } from '../../src/core/rng.js';

const fill = (n: number, size: number, seed: number | string) => {
  const r = new Reservoir<number>(size, rngFor(seed, 'reservoir', 0, ''));
  for (let i = 0; i < n; i++) r.add(i);
  return r;
};

describe('Reservoir', () => {
  it('keeps everything below its size, then exactly size distinct items, and counts all', () => {
    expect([...fill(5, 10, 1).items]).toEqual([0, 1, 2, 3, 4]);
    const r = fill(1000, 10, 1);
    expect(r.total).toBe(1000);
    expect(new Set(r.items).size).toBe(10);
    expect(r.items.every((i) => i >= 0 && i < 1000)).toBe(true);
  });

  it('the same seed gives the same sample; another seed another', () => {
    expect(fill(1000, 10, 1).items).toEqual(fill(1000, 10, 1).items);
    expect(fill(1000, 10, 1).items).not.toEqual(fill(1000, 10, 2).items);
  });

  it('is uniform: each item lands in the sample with probability size / n', () => {
    const [n, size, runs] = [20, 5, 2000];
    const hits = new Array<number>(n).fill(0);
    for (let s = 0; s < runs; s++) for (const i of fill(n, size, s).items) hits[i]!++;
    // Expected 500 per item; binomial sd ≈ 19, so 6 sd is a bound no fair sampler crosses by chance.
    for (const h of hits) expect(Math.abs(h - (runs * size) / n)).toBeLessThan(116);
  });

  it('holds a million-item stream in its size', () => {
    expect(fill(1_000_000, 200, 3).items).toHaveLength(200);
  });
});
