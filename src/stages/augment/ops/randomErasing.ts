import { z } from 'zod';
import { erase, type EraseParams } from '../../../ops/augment/erase.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { pair, probability, randomBox } from './options.js';

/** Trace op `erase`: `{ x, y, width, height, value }`. */
export const eraseOp = defineTraceOp<EraseParams>({ name: 'erase', apply: erase });

/** `randomErasing`: cutout / random erasing (Zhong et al. 2017), torchvision RandomErasing. */
export const randomErasing = defineRandomOp({
  name: 'randomErasing',
  description: 'Cutout / random erasing (Zhong et al. 2017): fill a random box of random area and aspect.',
  schema: z.strictObject({
    p: probability(0.5),
    scale: pair(z.number().positive().max(1)).default([0.02, 0.33]),
    ratio: pair(z.number().positive()).default([0.3, 3.3]),
    value: z.number().default(0),
  }),
  sample: (rng, o, image) => {
    const box = randomBox(rng, image.width, image.height, o.scale, o.ratio, false);
    // No box fitted in 10 attempts: erase nothing, as torchvision does.
    return box && { ...box, value: o.value };
  },
  apply: [eraseOp],
});
