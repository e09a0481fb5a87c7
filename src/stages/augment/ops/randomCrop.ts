import { z } from 'zod';
import { randomInt } from '../../../core/rng.js';
import { crop, type CropParams } from '../../../ops/augment/crop.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { fillValue, probability } from './options.js';

/** Trace op `crop`: `{ x, y, width, height, padding, fillValue }`. */
export const cropOp = defineTraceOp<CropParams>({ name: 'crop', apply: crop });

/** `randomCrop`: a width×height crop at a random position, after optional padding (torchvision RandomCrop). */
export const randomCrop = defineRandomOp({
  name: 'randomCrop',
  description: 'A width×height crop at a random position, after optional padding.',
  schema: z.strictObject({ p: probability(1), width: z.number().int().min(1), height: z.number().int().min(1), padding: z.number().int().min(0).default(0), fillValue }),
  example: { width: 12, height: 10, padding: 2 },
  sample: (rng, o, image) => {
    const { padding, width, height } = o;
    const x = randomInt(rng, 0, Math.max(0, image.width + 2 * padding - width));
    const y = randomInt(rng, 0, Math.max(0, image.height + 2 * padding - height));
    return { x, y, width, height, padding, fillValue: o.fillValue };
  },
  apply: [cropOp],
});
