import { z } from 'zod';
import { grayscale } from '../../../ops/augment/color.js';
import { defineRandomOp, defineTraceOp } from '../randomOp.js';
import { probability } from './options.js';

/** Trace op `grayscale` (no params). */
export const grayscaleOp = defineTraceOp<Record<string, never>>({ name: 'grayscale', apply: (image) => grayscale(image) });

/** `randomGrayscale`: convert to gray, keeping the channel count (torchvision RandomGrayscale). */
export const randomGrayscale = defineRandomOp({
  name: 'randomGrayscale',
  description: 'Convert to gray (channel count kept).',
  schema: z.strictObject({ p: probability(0.1) }),
  sample: () => ({}),
  apply: [grayscaleOp],
});
