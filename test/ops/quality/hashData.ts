import seedrandom from 'seedrandom';
import type { HashMatch } from '../../../src/ops/quality/bkTree.js';
import { hammingDistance } from '../../../src/ops/quality/hash.js';

// Shared by the index tests: random 64-bit hashes with planted near copies, and the brute-force answer.

export const randomHash = (rng: () => number): bigint =>
  (BigInt(Math.floor(rng() * 2 ** 32)) << 32n) | BigInt(Math.floor(rng() * 2 ** 32));

export const flipBits = (rng: () => number, hash: bigint, count: number): bigint => {
  let h = hash;
  for (let i = 0; i < count; i++) h ^= 1n << BigInt(Math.floor(rng() * 64));
  return h;
};

/** Random hashes with near copies and exact repeats mixed in, so small radii have answers. */
export function dataset(seed: string, n: number): bigint[] {
  const rng = seedrandom(seed);
  const hashes: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng();
    if (i > 0 && r < 0.2) hashes.push(flipBits(rng, hashes[Math.floor(rng() * i)]!, Math.floor(rng() * 8)));
    else if (i > 0 && r < 0.25) hashes.push(hashes[Math.floor(rng() * i)]!);
    else hashes.push(randomHash(rng));
  }
  return hashes;
}

export const bruteForce = (hashes: bigint[], query: bigint, maxDistance: number): HashMatch<number>[] =>
  hashes
    .map((h, value) => ({ value, distance: hammingDistance(h, query) }))
    .filter((m) => m.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.value - b.value);
