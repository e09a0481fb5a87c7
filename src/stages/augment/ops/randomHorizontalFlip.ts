import { z } from 'zod';
import { horizontalFlip } from '../../../ops/augment/flip.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { probability } from './options.js';

/** Trace op `horizontalFlip` (no params). */
export const horizontalFlipOp = defineTraceOp<Record<string, never>>({ name: 'horizontalFlip', apply: (image) => horizontalFlip(image), describe: () => 'hflip' });

/** `randomHorizontalFlip`: mirror left–right (torchvision RandomHorizontalFlip). */
export const randomHorizontalFlip = defineRandomOp({
  name: 'randomHorizontalFlip',
  description: 'Mirror left–right.',
  schema: z.strictObject({ p: probability(0.5) }),
  sample: () => ({}),
  apply: [horizontalFlipOp],
});
