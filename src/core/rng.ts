import seedrandom from 'seedrandom';

/** A seeded source of uniform numbers in [0, 1). */
export interface Rng {
  (): number;
}

/** A seeded generator with seedrandom's extra draws: 53-bit doubles and signed 32-bit integers. */
export interface DerivedRng extends Rng {
  double(): number;
  int32(): number;
}

// Unit separator: cannot appear in a seed, stage key or id typed by a person, so keys never collide.
const SEP = '\u001f';

/**
 * The one way ganpipe derives randomness: a seedrandom generator seeded by `keys` joined with a
 * separator, so `(seed, 'split', id)` and `(seed, 'noise', step, role)` can never draw alike.
 * Put the run's seed first and what the draw is for next.
 *
 * @example const u = deriveRng(seed, 'split', sample.id).double();
 */
export function deriveRng(...keys: readonly (string | number)[]): DerivedRng {
  return seedrandom(keys.map(String).join(SEP));
}

/**
 * The RNG of one random decision: seeded by (pipeline seed, stage key, epoch, sample id),
 * so draws do not depend on concurrency, arrival order or what other stages do.
 */
export function rngFor(seed: number | string, stageKey: string, epoch: number, sampleId: string): Rng {
  return deriveRng(seed, stageKey, epoch, sampleId);
}

/** Uniform float in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Uniform integer in [lo, hi]. */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A stable 32-bit hash of a string (FNV-1a): the same on every machine and run. */
export function stableHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A fresh random seed, for runs that did not set one (it is printed and recorded). */
export function generateSeed(): number {
  // Not Math.random: one draw from a time-seeded generator, shown to the user and saved in the run.
  return Math.floor(seedrandom(String(Date.now()) + String(process.hrtime.bigint()))() * 2 ** 31);
}
