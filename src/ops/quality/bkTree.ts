import { popcount32 } from './hash.js';

/** One neighbour found by a hash index. */
export interface HashMatch<T> {
  readonly value: T;
  /** Hamming distance from the query, 0..64. */
  readonly distance: number;
}

/** What `BkTree` and `MultiIndexHash` share: exact radius search over 64-bit hashes. */
export interface HashIndex<T> {
  /** Number of inserted hashes. */
  readonly size: number;
  /** Adds a hash; equal hashes are kept as separate entries. */
  insert(hash: bigint, value: T): void;
  /**
   * Every entry within `maxDistance` of `hash` (inclusive), sorted by distance, then insertion
   * order: exactly what a brute-force scan returns.
   */
  query(hash: bigint, maxDistance: number): HashMatch<T>[];
}

const MASK32 = 0xffffffffn;

/**
 * A 64-bit hash as two int32 words (high, low), so distances use number arithmetic, not bigint.
 * @internal shared by the hash indexes.
 */
export function hashWords(hash: bigint): [hi: number, lo: number] {
  return [Number((hash >> 32n) & MASK32) | 0, Number(hash & MASK32) | 0];
}

/**
 * Throws unless `maxDistance` is an integer in 0..64.
 * @internal shared by the hash indexes.
 */
export function checkMaxDistance(maxDistance: number): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 64) {
    throw new RangeError(`Expected maxDistance to be an integer between 0 and 64, received ${maxDistance}`);
  }
}

/**
 * Orders hits `[entry, distance, entry, distance, …]` by distance, then entry (insertion order).
 * @internal shared by the hash indexes.
 */
export function sortedMatches<T>(hits: number[], values: readonly T[]): HashMatch<T>[] {
  const order: number[] = [];
  for (let i = 0; i < hits.length; i += 2) order.push(i);
  order.sort((a, b) => hits[a + 1]! - hits[b + 1]! || hits[a]! - hits[b]!);
  return order.map((i) => ({ value: values[hits[i]!]!, distance: hits[i + 1]! }));
}

function grown<A extends Int32Array | Uint8Array>(array: A, capacity: number, make: (n: number) => A): A {
  const next = make(capacity);
  next.set(array);
  return next;
}

/**
 * A Burkhard–Keller tree over 64-bit hashes with Hamming distance: each child hangs off its parent
 * at their distance, so by the triangle inequality a radius-`r` query at distance `d` from a node
 * only descends into edges `d − r … d + r`.
 *
 * Nodes live in parallel typed arrays, in insertion order: hash high and low words, first child,
 * next sibling (int32 each) and edge distance (uint8), 17 bytes, plus one slot of the `values`
 * array (8 bytes): about 25 bytes per entry, up to twice that right after the arrays double
 * (bench/dedupIndex.ts measures it). Children are a linked list, not a 65-slot table, because most
 * nodes are leaves.
 *
 * Exact, but not fast on hashes like ours: random 64-bit hashes sit 32 ± 4 bits apart, so a
 * radius-10 query passes most edges and visits most of the tree, in random memory order. In
 * bench/dedupIndex.ts (1M entries, radius 10) a query took 65 ms against 2.7 ms for a linear scan
 * and 0.3 ms for `MultiIndexHash` (multiIndexHash.ts), the index to use for large collections.
 *
 * @example
 * const tree = new BkTree<string>();
 * tree.insert(dHash(image), sample.id);
 * tree.query(dHash(other), 10); // [{ value: 'cats/img_02.jpg', distance: 3 }]
 */
export class BkTree<T> implements HashIndex<T> {
  #hi: Int32Array;
  #lo: Int32Array;
  #firstChild: Int32Array;
  #nextSibling: Int32Array;
  #edge: Uint8Array;
  readonly #values: T[] = [];
  #size = 0;

  /** @param initialCapacity entries to allocate up front; the arrays double when full. */
  constructor(initialCapacity = 1024) {
    const n = Math.max(1, Math.floor(initialCapacity));
    this.#hi = new Int32Array(n);
    this.#lo = new Int32Array(n);
    this.#firstChild = new Int32Array(n);
    this.#nextSibling = new Int32Array(n);
    this.#edge = new Uint8Array(n);
  }

  /** Number of inserted hashes. */
  get size(): number {
    return this.#size;
  }

  /**
   * Adds a hash (only its low 64 bits count); equal hashes are kept as separate entries.
   *
   * @example tree.insert(pHash(image), sample.id);
   */
  insert(hash: bigint, value: T): void {
    const [hi, lo] = hashWords(hash);
    const node = this.#size;
    if (node === this.#hi.length) this.#grow();
    this.#hi[node] = hi;
    this.#lo[node] = lo;
    this.#firstChild[node] = -1;
    this.#nextSibling[node] = -1;
    this.#values.push(value);
    this.#size++;
    if (node > 0) this.#attach(node, hi, lo);
  }

  /**
   * Every entry within `maxDistance` of `hash`, sorted by distance, then insertion order.
   *
   * @example tree.query(dHash(image), 10)
   * @throws RangeError unless `maxDistance` is an integer in 0..64.
   */
  query(hash: bigint, maxDistance: number): HashMatch<T>[] {
    checkMaxDistance(maxDistance);
    if (this.#size === 0) return [];
    const [hi, lo] = hashWords(hash);
    const hits: number[] = [];
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const d = popcount32(hi ^ this.#hi[node]!) + popcount32(lo ^ this.#lo[node]!);
      if (d <= maxDistance) hits.push(node, d);
      for (let c = this.#firstChild[node]!; c !== -1; c = this.#nextSibling[c]!) {
        if (Math.abs(this.#edge[c]! - d) <= maxDistance) stack.push(c);
      }
    }
    return sortedMatches(hits, this.#values);
  }

  /** Walks down from the root along edges equal to the distance until a slot is free. */
  #attach(node: number, hi: number, lo: number): void {
    let parent = 0;
    for (;;) {
      const d = popcount32(hi ^ this.#hi[parent]!) + popcount32(lo ^ this.#lo[parent]!);
      let child = this.#firstChild[parent]!;
      while (child !== -1 && this.#edge[child] !== d) child = this.#nextSibling[child]!;
      if (child === -1) {
        this.#edge[node] = d;
        this.#nextSibling[node] = this.#firstChild[parent]!;
        this.#firstChild[parent] = node;
        return;
      }
      parent = child;
    }
  }

  #grow(): void {
    const n = this.#hi.length * 2;
    const int32 = (k: number) => new Int32Array(k);
    this.#hi = grown(this.#hi, n, int32);
    this.#lo = grown(this.#lo, n, int32);
    this.#firstChild = grown(this.#firstChild, n, int32);
    this.#nextSibling = grown(this.#nextSibling, n, int32);
    this.#edge = grown(this.#edge, n, (k) => new Uint8Array(k));
  }
}
