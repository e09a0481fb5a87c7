import { z } from 'zod';
import { gaussianBlur, type GaussianBlurParams } from '../../../ops/gaussianBlur.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, pair, probability } from './options.js';

/** Trace op `gaussianBlur`: `{ sigma }` (OpenCV's kernel size and border, alpha kept). */
export const gaussianBlurOp = defineTraceOp<GaussianBlurParams>({ name: 'gaussianBlur', apply: gaussianBlur, describe: (p) => `blur σ${decimals(p.sigma, 1)}` });

/** `randomGaussianBlur`: Gaussian blur with sigma in [min, max] pixels. */
export const randomGaussianBlur = defineRandomOp({
  name: 'randomGaussianBlur',
  description: 'Gaussian blur with sigma in [min, max] pixels.',
  schema: z.strictObject({ p: probability(1), sigma: pair(z.number().positive()).default([0.1, 2]) }),
  sample: (rng, o) => ({ sigma: draw(rng, o.sigma) }),
  apply: [gaussianBlurOp],
});
