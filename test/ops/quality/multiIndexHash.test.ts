import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { MultiIndexHash } from '../../../src/ops/quality/multiIndexHash.js';
import { bruteForce, dataset, flipBits, randomHash } from './hashData.js';

describe('MultiIndexHash', () => {
  it('returns exactly the brute-force neighbours on 10000 random hashes, for several radii', () => {
    // 10000 entries: the chunk tables are built at 4096 and 8192, the last 1808 sit in the tail.
    const hashes = dataset('mih', 10_000);
    const index = new MultiIndexHash<number>();
    hashes.forEach((h, i) => index.insert(h, i));
    expect(index.size).toBe(10_000);
    const rng = seedrandom('mih queries');
    let found = 0;
    for (let q = 0; q < 80; q++) {
      const query = q % 2 === 0 ? flipBits(rng, hashes[Math.floor(rng() * hashes.length)]!, Math.floor(rng() * 6)) : randomHash(rng);
      for (const radius of [0, 1, 3, 6, 10, 16, 24]) {
        const expected = bruteForce(hashes, query, radius);
        expect(index.query(query, radius)).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(1000); // the comparison is not vacuous
  });

  it('finds everything at radius 64, where every chunk bucket is probed', () => {
    const hashes = dataset('mih all', 5000);
    const index = new MultiIndexHash<number>();
    hashes.forEach((h, i) => index.insert(h, i));
    const rng = seedrandom('mih all queries');
    for (let q = 0; q < 3; q++) {
      const query = randomHash(rng);
      expect(index.query(query, 64)).toEqual(bruteForce(hashes, query, 64));
    }
  });

  it('stays exact while inserts and queries interleave across rebuilds (streaming dedup)', () => {
    const hashes = dataset('mih stream', 9000);
    const index = new MultiIndexHash<number>();
    const rng = seedrandom('mih stream queries');
    hashes.forEach((h, i) => {
      index.insert(h, i);
      if (i % 500 === 499) {
        const query = flipBits(rng, hashes[Math.floor(rng() * (i + 1))]!, 3);
        expect(index.query(query, 10)).toEqual(bruteForce(hashes.slice(0, i + 1), query, 10));
      }
    });
  });

  it('keeps equal hashes as separate entries, in insertion order', () => {
    const index = new MultiIndexHash<string>();
    index.insert(5n, 'a');
    index.insert(7n, 'b');
    index.insert(5n, 'c');
    expect(index.query(5n, 0)).toEqual([
      { value: 'a', distance: 0 },
      { value: 'c', distance: 0 },
    ]);
    expect(index.query(5n, 1)).toEqual([
      { value: 'a', distance: 0 },
      { value: 'c', distance: 0 },
      { value: 'b', distance: 1 },
    ]);
  });

  it('answers an empty index and reads hashes as unsigned 64-bit', () => {
    const index = new MultiIndexHash<number>();
    expect(index.query(0n, 64)).toEqual([]);
    index.insert(-1n, 1);
    expect(index.query(0xffffffffffffffffn, 0)).toEqual([{ value: 1, distance: 0 }]);
    expect(index.query(0n, 64)).toEqual([{ value: 1, distance: 64 }]);
  });

  it('rejects a radius outside 0..64', () => {
    const index = new MultiIndexHash<number>();
    for (const r of [-1, 65, 1.5, Number.NaN]) expect(() => index.query(0n, r)).toThrow(RangeError);
  });
});
