import { z } from 'zod';
import { gaussianNoise, type GaussianNoiseParams } from '../../../ops/augment/noise.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, pair, probability, seedOf } from './options.js';

/** Trace op `gaussianNoise`: `{ sigma, seed }`, sigma in the image's units. */
export const gaussianNoiseOp = defineTraceOp<GaussianNoiseParams>({ name: 'gaussianNoise', apply: gaussianNoise, describe: (p) => `noise σ${decimals(p.sigma, 1)}` });

/** `randomGaussianNoise`: additive Gaussian noise, sigma a fraction of the value range. */
export const randomGaussianNoise = defineRandomOp({
  name: 'randomGaussianNoise',
  description: 'Additive Gaussian noise; sigma as a fraction of the value range.',
  schema: z.strictObject({ p: probability(1), sigma: pair(z.number().min(0)).default([0.01, 0.05]) }),
  sample: (rng, o, image) => ({ sigma: draw(rng, o.sigma) * (image.float ? 1 : 255), seed: seedOf(rng) }),
  apply: [gaussianNoiseOp],
});
