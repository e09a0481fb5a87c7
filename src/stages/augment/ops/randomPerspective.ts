import { z } from 'zod';
import { randomInt } from '../../../core/rng.js';
import { perspective, type PerspectiveParams, type Quad } from '../../../ops/augment/perspective.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { geometry, probability, samplingOf } from './options.js';

/** Trace op `perspective`: `{ corners, interpolation, border, fillValue }`. */
export const perspectiveOp = defineTraceOp<PerspectiveParams>({ name: 'perspective', apply: perspective });

/** `randomPerspective`: move each corner inwards at random (torchvision RandomPerspective). */
export const randomPerspective = defineRandomOp({
  name: 'randomPerspective',
  description: 'Move each corner inwards by up to distortion × half the side (torchvision RandomPerspective).',
  schema: z.strictObject({ p: probability(1), distortion: z.number().min(0).max(1).default(0.3), ...geometry }),
  sample: (rng, o, image) => {
    const [w, h] = [image.width - 1, image.height - 1];
    const hx = Math.floor((o.distortion * image.width) / 2);
    const hy = Math.floor((o.distortion * image.height) / 2);
    const corners: Quad = [
      [randomInt(rng, 0, hx), randomInt(rng, 0, hy)],
      [w - randomInt(rng, 0, hx), randomInt(rng, 0, hy)],
      [w - randomInt(rng, 0, hx), h - randomInt(rng, 0, hy)],
      [randomInt(rng, 0, hx), h - randomInt(rng, 0, hy)],
    ];
    return { corners, ...samplingOf(o) };
  },
  apply: [perspectiveOp],
});
