import { z } from 'zod';
import { saturation, type SaturationParams } from '../../../ops/augment/color.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { aroundOne, draw, probability, span } from './options.js';

/** Trace op `saturation`: `{ factor }`. */
export const saturationOp = defineTraceOp<SaturationParams>({ name: 'saturation', apply: saturation, describe: (p) => `saturation ×${decimals(p.factor)}` });

/** `randomSaturation`: blend with the grayscale image by a factor in 1 ± v. */
export const randomSaturation = defineRandomOp({
  name: 'randomSaturation',
  description: 'Blend with the grayscale image by a factor in 1 ± v.',
  schema: z.strictObject({ p: probability(1), saturation: span.default(0.2) }),
  sample: (rng, o) => ({ factor: draw(rng, aroundOne(o.saturation)) }),
  apply: [saturationOp],
});
