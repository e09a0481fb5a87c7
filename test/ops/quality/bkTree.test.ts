import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { BkTree } from '../../../src/ops/quality/bkTree.js';
import { bruteForce, dataset, flipBits, randomHash } from './hashData.js';

describe('BkTree', () => {
  it('returns exactly the brute-force neighbours on 3000 random hashes, for several radii', () => {
    const hashes = dataset('bk-tree', 3000);
    const tree = new BkTree<number>(16); // small start: growth is exercised too
    hashes.forEach((h, i) => tree.insert(h, i));
    expect(tree.size).toBe(3000);
    const rng = seedrandom('bk-tree queries');
    let found = 0;
    for (let q = 0; q < 150; q++) {
      const query = q % 2 === 0 ? flipBits(rng, hashes[Math.floor(rng() * hashes.length)]!, Math.floor(rng() * 6)) : randomHash(rng);
      for (const radius of [0, 1, 3, 6, 10, 16, 24]) {
        const expected = bruteForce(hashes, query, radius);
        expect(tree.query(query, radius)).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(1000); // the comparison is not vacuous
  });

  it('keeps equal hashes as separate entries, in insertion order', () => {
    const tree = new BkTree<string>();
    tree.insert(5n, 'a');
    tree.insert(7n, 'b');
    tree.insert(5n, 'c');
    expect(tree.query(5n, 0)).toEqual([
      { value: 'a', distance: 0 },
      { value: 'c', distance: 0 },
    ]);
    expect(tree.query(5n, 1)).toEqual([
      { value: 'a', distance: 0 },
      { value: 'c', distance: 0 },
      { value: 'b', distance: 1 },
    ]);
  });

  it('answers an empty tree and reads hashes as unsigned 64-bit', () => {
    const tree = new BkTree<number>();
    expect(tree.query(0n, 64)).toEqual([]);
    tree.insert(-1n, 1);
    expect(tree.query(0xffffffffffffffffn, 0)).toEqual([{ value: 1, distance: 0 }]);
    expect(tree.query(0n, 64)).toEqual([{ value: 1, distance: 64 }]);
  });

  it('rejects a radius outside 0..64', () => {
    const tree = new BkTree<number>();
    for (const r of [-1, 65, 1.5, Number.NaN]) expect(() => tree.query(0n, r)).toThrow(RangeError);
  });
});
