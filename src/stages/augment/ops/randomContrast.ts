import { z } from 'zod';
import { contrast, type ContrastParams } from '../../../ops/augment/color.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { aroundOne, draw, probability, span } from './options.js';

/** Trace op `contrast`: `{ factor }`. */
export const contrastOp = defineTraceOp<ContrastParams>({ name: 'contrast', apply: contrast, describe: (p) => `contrast ×${decimals(p.factor)}` });

/** `randomContrast`: blend with the mean gray level by a factor in 1 ± v. */
export const randomContrast = defineRandomOp({
  name: 'randomContrast',
  description: 'Blend with the mean gray level by a factor in 1 ± v.',
  schema: z.strictObject({ p: probability(1), contrast: span.default(0.2) }),
  sample: (rng, o) => ({ factor: draw(rng, aroundOne(o.contrast)) }),
  apply: [contrastOp],
});
