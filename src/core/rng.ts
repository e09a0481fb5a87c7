import seedrandom from 'seedrandom';

/** A seeded source of uniform numbers in [0, 1). */
export interface Rng {
  (): number;
}

// Unit separator: cannot appear in a seed, stage key or id typed by a person, so keys never collide.
const SEP = '\u001f';

/**
 * The RNG of one random decision: seeded by (pipeline seed, stage key, epoch, sample id),
 * so draws do not depend on concurrency, arrival order or what other stages do.
 */
export function rngFor(seed: number | string, stageKey: string, epoch: number, sampleId: string): Rng {
  return seedrandom([String(seed), stageKey, String(epoch), sampleId].join(SEP));
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
