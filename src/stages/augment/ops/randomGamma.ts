import { z } from 'zod';
import { gamma, type GammaParams } from '../../../ops/augment/color.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, pair, probability } from './options.js';

/** Trace op `gamma`: `{ gamma }`. */
export const gammaOp = defineTraceOp<GammaParams>({ name: 'gamma', apply: gamma, describe: (p) => `gamma ${decimals(p.gamma)}` });

/** `randomGamma`: gamma correction with gamma in [min, max]. */
export const randomGamma = defineRandomOp({
  name: 'randomGamma',
  description: 'Gamma correction with gamma in [min, max].',
  schema: z.strictObject({ p: probability(1), gamma: pair(z.number().positive()).default([0.8, 1.25]) }),
  sample: (rng, o) => ({ gamma: draw(rng, o.gamma) }),
  apply: [gammaOp],
});
