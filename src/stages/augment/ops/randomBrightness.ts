import { z } from 'zod';
import { brightness, type BrightnessParams } from '../../../ops/augment/color.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { aroundOne, draw, probability, span } from './options.js';

/** Trace op `brightness`: `{ factor }`. */
export const brightnessOp = defineTraceOp<BrightnessParams>({ name: 'brightness', apply: brightness, describe: (p) => `brightness ×${decimals(p.factor)}` });

/** `randomBrightness`: multiply by a factor in 1 ± v. */
export const randomBrightness = defineRandomOp({
  name: 'randomBrightness',
  description: 'Multiply by a factor in 1 ± v.',
  schema: z.strictObject({ p: probability(1), brightness: span.default(0.2) }),
  sample: (rng, o) => ({ factor: draw(rng, aroundOne(o.brightness)) }),
  apply: [brightnessOp],
});
