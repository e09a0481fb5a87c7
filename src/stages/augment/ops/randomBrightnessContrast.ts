import { z } from 'zod';
import type { BrightnessParams, ContrastParams } from '../../../ops/augment/color.js';
import { defineRandomOp, step } from '../randomOp.js';
import { aroundOne, draw, probability, span } from './options.js';
import { brightnessOp } from './randomBrightness.js';
import { contrastOp } from './randomContrast.js';

/** One draw: a factor for each op, brightness first. */
export interface BrightnessContrastParams {
  readonly brightness: BrightnessParams;
  readonly contrast: ContrastParams;
}

/** `randomBrightnessContrast`: brightness, then contrast, each by a factor in 1 ± v (albumentations RandomBrightnessContrast). */
export const randomBrightnessContrast = defineRandomOp({
  name: 'randomBrightnessContrast',
  description: 'Brightness and contrast factors in 1 ± v (or [min, max]).',
  schema: z.strictObject({ p: probability(1), brightness: span.default(0.2), contrast: span.default(0.2) }),
  sample: (rng, o): BrightnessContrastParams => ({ brightness: { factor: draw(rng, aroundOne(o.brightness)) }, contrast: { factor: draw(rng, aroundOne(o.contrast)) } }),
  // Two trace entries, as the two ops alone write them, so replay logs name only those.
  apply: [step(brightnessOp, (p: BrightnessContrastParams) => p.brightness), step(contrastOp, (p: BrightnessContrastParams) => p.contrast)],
});
