import { rngFor } from '../../../../src/core/rng.js';
import type { ImageShape, RandomOpDefinition } from '../../../../src/stages/augment/randomOp.js';
import type { z } from 'zod';

/** The params `def` draws with `options` (its example filled in) for seeds 0…seeds−1, as the old bounds test drew them. */
export function sampleMany<N extends string, S extends z.ZodObject, P>(
  def: RandomOpDefinition<N, S, P>,
  { options = {}, shape = { width: 24, height: 16, channels: 3, float: false }, seeds = 1000 }: { options?: z.input<S> | Record<string, never>; shape?: ImageShape; seeds?: number } = {},
): P[] {
  const resolved = def.schema.parse({ ...(def.example ?? {}), ...options }) as z.output<S>;
  const out: P[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const params = def.sample(rngFor(seed, 'bounds', 0, 'x'), resolved, shape);
    if (params !== undefined) out.push(params);
  }
  return out;
}
