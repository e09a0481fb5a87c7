import { z } from 'zod';
import { verticalFlip } from '../../../ops/augment/flip.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { probability } from './options.js';

/** Trace op `verticalFlip` (no params). */
export const verticalFlipOp = defineTraceOp<Record<string, never>>({ name: 'verticalFlip', apply: (image) => verticalFlip(image), describe: () => 'vflip' });

/** `randomVerticalFlip`: mirror top–bottom. */
export const randomVerticalFlip = defineRandomOp({
  name: 'randomVerticalFlip',
  description: 'Mirror top–bottom.',
  schema: z.strictObject({ p: probability(0.5) }),
  sample: () => ({}),
  apply: [verticalFlipOp],
});
