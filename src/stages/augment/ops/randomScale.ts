import { z } from 'zod';
import { scale, type ScaleParams } from '../../../ops/augment/affine.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, geometry, pair, probability, samplingOf } from './options.js';

/** Trace op `scale`: `{ factor, interpolation, border, fillValue }`. */
export const scaleOp = defineTraceOp<ScaleParams>({ name: 'scale', apply: scale, describe: (p) => `zoom ×${decimals(p.factor)}` });

/** `randomScale`: zoom about the centre by a factor in [min, max]. */
export const randomScale = defineRandomOp({
  name: 'randomScale',
  description: 'Zoom about the centre by a factor in [min, max], same output size.',
  schema: z.strictObject({ p: probability(1), scale: pair(z.number().positive()).default([0.9, 1.1]), ...geometry }),
  sample: (rng, o) => ({ factor: draw(rng, o.scale), ...samplingOf(o) }),
  apply: [scaleOp],
});
