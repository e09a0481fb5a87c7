import { z } from 'zod';
import { saltPepper, type SaltPepperParams } from '../../../ops/augment/noise.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, pair, probability, seedOf } from './options.js';

/** Trace op `saltPepper`: `{ amount, seed }`. */
export const saltPepperOp = defineTraceOp<SaltPepperParams>({ name: 'saltPepper', apply: saltPepper });

/** `randomSaltPepper`: set a random fraction of pixels to the minimum or maximum value. */
export const randomSaltPepper = defineRandomOp({
  name: 'randomSaltPepper',
  description: 'Set a fraction of pixels to the minimum or maximum value.',
  schema: z.strictObject({ p: probability(1), amount: pair(z.number().min(0).max(1)).default([0.01, 0.05]) }),
  sample: (rng, o) => ({ amount: draw(rng, o.amount), seed: seedOf(rng) }),
  apply: [saltPepperOp],
});
