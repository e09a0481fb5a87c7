import type { Rng } from './rng.js';

/**
 * Keeps a uniform random sample of at most `size` items of a stream of unknown length, in
 * O(size) memory and one pass (Vitter's algorithm R): each of the n items seen ends up in the
 * sample with probability size / n. Seeded by `rng`, so the same stream gives the same sample.
 * @example const r = new Reservoir<string>(200, rngFor(seed, 'check', 0, 'dark')); for (const f of files) r.add(f); r.items
 */
export class Reservoir<T> {
  private readonly kept: T[] = [];
  private seen = 0;

  constructor(
    readonly size: number,
    private readonly rng: Rng,
  ) {}

  /** Offers the next item of the stream. */
  add(item: T): void {
    this.seen++;
    if (this.kept.length < this.size) {
      this.kept.push(item);
      return;
    }
    const slot = Math.floor(this.rng() * this.seen);
    if (slot < this.size) this.kept[slot] = item;
  }

  /** How many items were offered. */
  get total(): number {
    return this.seen;
  }

  /** The sample, in no particular order. */
  get items(): readonly T[] {
    return this.kept;
  }
}
