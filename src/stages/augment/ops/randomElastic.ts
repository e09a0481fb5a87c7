import { z } from 'zod';
import { elastic, type ElasticParams } from '../../../ops/augment/elastic.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { geometry, probability, samplingOf, seedOf } from './options.js';

/** Trace op `elastic`: `{ alpha, sigma, seed, interpolation, border, fillValue }`. */
export const elasticOp = defineTraceOp<ElasticParams>({ name: 'elastic', apply: elastic });

/** `randomElastic`: elastic distortion (Simard et al. 2003) with a seeded random field. */
export const randomElastic = defineRandomOp({
  name: 'randomElastic',
  description: 'Elastic distortion (Simard et al. 2003): a smoothed random displacement field; alpha 34, sigma 4 suit MNIST.',
  schema: z.strictObject({ p: probability(1), alpha: z.number().min(0).default(34), sigma: z.number().positive().default(4), ...geometry }),
  sample: (rng, o) => ({ alpha: o.alpha, sigma: o.sigma, seed: seedOf(rng), ...samplingOf(o) }),
  apply: [elasticOp],
});
