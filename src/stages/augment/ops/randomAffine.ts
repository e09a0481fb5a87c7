import { z } from 'zod';
import { affine, type AffineParams } from '../../../ops/augment/affine.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { draw, geometry, pair, probability, samplingOf, span, symmetric } from './options.js';

/** Trace op `affine`: `{ angle, translate, scale, shear, interpolation, border, fillValue }`. */
export const affineOp = defineTraceOp<AffineParams>({ name: 'affine', apply: affine });

/** `randomAffine`: rotation, translation, scale and shear in one resampling (torchvision RandomAffine). */
export const randomAffine = defineRandomOp({
  name: 'randomAffine',
  description: 'Rotation, translation (fractions), scale and shear in degrees (x: ±s or [a, b]; [a, b, c, d] adds y), torchvision-style.',
  schema: z.strictObject({
    p: probability(1),
    degrees: span.default(0),
    translate: pair(z.number().min(0).max(1)).default([0, 0]),
    scale: pair(z.number().positive()).default([1, 1]),
    shear: z.union([z.number().min(0), z.array(z.number()).length(2), z.array(z.number()).length(4)]).default(0),
    ...geometry,
  }),
  example: { degrees: 10, shear: 5, translate: [0.1, 0.1], scale: [0.9, 1.1] },
  sample: (rng, o, image) => {
    const [tx, ty] = o.translate;
    const { shear } = o;
    const sx = typeof shear === 'number' ? symmetric(shear) : ([shear[0]!, shear[1]!] as const);
    const sy = Array.isArray(shear) && shear.length === 4 ? ([shear[2]!, shear[3]!] as const) : ([0, 0] as const);
    return {
      angle: draw(rng, symmetric(o.degrees)),
      translate: [Math.round(draw(rng, [-tx * image.width, tx * image.width])), Math.round(draw(rng, [-ty * image.height, ty * image.height]))] as [number, number],
      scale: draw(rng, o.scale),
      shear: [draw(rng, sx), draw(rng, sy)] as [number, number],
      ...samplingOf(o),
    };
  },
  apply: [affineOp],
});
