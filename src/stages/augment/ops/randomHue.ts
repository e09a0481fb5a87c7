import { z } from 'zod';
import { hue, type HueParams } from '../../../ops/augment/color.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, probability, symmetric } from './options.js';

/** Trace op `hue`: `{ shift }` in turns. */
export const hueOp = defineTraceOp<HueParams>({ name: 'hue', apply: hue, describe: (p) => `hue ${decimals(p.shift)}` });

/** `randomHue`: rotate the hue by up to ±hue of a turn. */
export const randomHue = defineRandomOp({
  name: 'randomHue',
  description: 'Shift the hue by up to ±hue of a turn.',
  schema: z.strictObject({ p: probability(1), hue: z.number().min(0).max(0.5).default(0.05) }),
  sample: (rng, o) => ({ shift: draw(rng, symmetric(o.hue)) }),
  apply: [hueOp],
});
