import { z } from 'zod';
import { rotate, type RotateParams } from '../../../ops/augment/affine.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, geometry, probability, samplingOf, span, symmetric } from './options.js';

/** Trace op `rotate`: `{ angle, interpolation, border, fillValue }`. */
export const rotateOp = defineTraceOp<RotateParams>({ name: 'rotate', apply: rotate, describe: (p) => `rotate ${decimals(p.angle, 1)}°` });

/** `randomRotate`: rotate about the centre by an angle drawn in ±degrees (or [min, max]). */
export const randomRotate = defineRandomOp({
  name: 'randomRotate',
  description: 'Rotate about the centre by an angle in ±degrees (or [min, max]), counter-clockwise.',
  schema: z.strictObject({ p: probability(1), degrees: span.default(15), ...geometry }),
  sample: (rng, o) => ({ angle: draw(rng, symmetric(o.degrees)), ...samplingOf(o) }),
  apply: [rotateOp],
});
