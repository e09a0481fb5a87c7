import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { deriveRng, rngFor } from '../../src/core/rng.js';
import { shuffleInPlace } from '../../src/core/shuffle.js';

describe('deriveRng', () => {
  it('seeds seedrandom with the keys joined by the unit separator, as the hand-built seeds did', () => {
    expect(deriveRng(42, 'split', 'cats/a.jpg').double()).toBe(seedrandom('42\u001fsplit\u001fcats/a.jpg').double());
    expect(deriveRng('s', 'noise', -1, 'sample').int32()).toBe(seedrandom('s\u001fnoise\u001f-1\u001fsample').int32());
    expect(rngFor(7, 'augment#0', 3, 'x')()).toBe(deriveRng(7, 'augment#0', 3, 'x')());
  });

  it('keys never run together: ("ab", "c") and ("a", "bc") draw differently', () => {
    expect(deriveRng('ab', 'c')()).not.toBe(deriveRng('a', 'bc')());
    expect(deriveRng(1, 'x')()).toBe(deriveRng('1', 'x')());
  });
});

describe('shuffleInPlace (seeded Fisher–Yates)', () => {
  it('returns a permutation of the same array, the same one for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffleInPlace([...items], deriveRng(1, 'shuffle'));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(shuffleInPlace([...items], deriveRng(1, 'shuffle'))).toEqual(a);
    expect(shuffleInPlace([...items], deriveRng(2, 'shuffle'))).not.toEqual(a);
    const typed = shuffleInPlace(Int32Array.from(items), deriveRng(1, 'shuffle'));
    expect(Array.from(typed)).toEqual(a);
  });

  it('makes every order equally likely (a sort with a random comparator does not)', () => {
    // 6 orders of 3 items over 6,000 seeds: each expected 1,000 times, σ ≈ 29.
    const counts = new Map<string, number>();
    for (let s = 0; s < 6000; s++) {
      const key = shuffleInPlace(['a', 'b', 'c'], deriveRng(s, 'uniformity')).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
    // The comparator sort it replaced: V8's insertion sort keeps "abc" far more often than 1 in 6.
    let kept = 0;
    for (let s = 0; s < 6000; s++) {
      const rng = deriveRng(s, 'uniformity');
      if (['a', 'b', 'c'].sort(() => rng() - 0.5).join('') === 'abc') kept++;
    }
    expect(kept).toBeGreaterThan(1300);
  });
});
