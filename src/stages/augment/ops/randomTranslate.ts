import { z } from 'zod';
import { randomInt } from '../../../core/rng.js';
import { translate, type TranslateParams } from '../../../ops/augment/affine.js';
import { decimals, defineRandomOp, defineTraceOp } from '../randomOp.js';
import { border, fillValue, pair, probability } from './options.js';

/** Trace op `translate`: `{ dx, dy, interpolation, border, fillValue }`. */
export const translateOp = defineTraceOp<TranslateParams>({ name: 'translate', apply: translate, describe: (p) => `shift ${decimals(p.dx, 0)},${decimals(p.dy, 0)}` });

/** `randomTranslate`: shift by whole pixels, up to a fraction of the size. */
export const randomTranslate = defineRandomOp({
  name: 'randomTranslate',
  description: 'Shift by whole pixels, up to a fraction of the width and height.',
  schema: z.strictObject({ p: probability(1), fraction: pair(z.number().min(0).max(1)).default([0.1, 0.1]), border, fillValue }),
  sample: (rng, o, image) => {
    const mx = Math.floor(o.fraction[0] * image.width);
    const my = Math.floor(o.fraction[1] * image.height);
    return { dx: randomInt(rng, -mx, mx), dy: randomInt(rng, -my, my), interpolation: 'nearest' as const, border: o.border, fillValue: o.fillValue };
  },
  apply: [translateOp],
});
