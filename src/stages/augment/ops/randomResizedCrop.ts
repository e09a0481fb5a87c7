import { z } from 'zod';
import { resizedCrop, type ResizedCropParams } from '../../../ops/augment/crop.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { interpolation, pair, probability, randomBox } from './options.js';

/** Trace op `resizedCrop`: `{ x, y, width, height, outWidth, outHeight, interpolation }`. */
export const resizedCropOp = defineTraceOp<ResizedCropParams>({ name: 'resizedCrop', apply: resizedCrop });

/** `randomResizedCrop`: a crop of random area and aspect, resized (torchvision RandomResizedCrop). */
export const randomResizedCrop = defineRandomOp({
  name: 'randomResizedCrop',
  description: 'A crop of random area (scale) and aspect (ratio) resized to width×height (torchvision RandomResizedCrop).',
  schema: z.strictObject({
    p: probability(1),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    scale: pair(z.number().positive().max(1)).default([0.08, 1]),
    ratio: pair(z.number().positive()).default([3 / 4, 4 / 3]),
    interpolation,
  }),
  example: { width: 12, height: 12 },
  sample: (rng, o, image) => {
    const box = randomBox(rng, image.width, image.height, o.scale, o.ratio, true)!;
    return { ...box, outWidth: o.width, outHeight: o.height, interpolation: o.interpolation };
  },
  apply: [resizedCropOp],
});
