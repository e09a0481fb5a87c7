import { z } from 'zod';
import { parseOptions } from '../../config/parse.js';
import type { Stage } from '../../core/stage.js';
import { withSample, type Image } from '../../core/types.js';
import { stageBaseShape } from '../common.js';
import { map } from 'rxjs';

const range = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo < hi, { error: 'Expected [low, high] with low < high' });

export const normalizeOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** Output range, `[0, 1]` or `[-1, 1]` (tanh generators) or any `[low, high]`. @default [-1, 1] */
  range: range.default([-1, 1]),
  /** Range of the input: uint8 images are `[0, 255]`; float images are assumed `[0, 1]` unless set. */
  inputRange: range.optional(),
});

export type NormalizeOptions = z.input<typeof normalizeOptionsSchema>;
export type ResolvedNormalizeOptions = z.output<typeof normalizeOptionsSchema>;

/**
 * Maps pixel values linearly to a float32 range.
 *
 * @example JSON: `{ "type": "normalize", "range": [-1, 1] }`
 * @example TS: `stages.normalize({ range: [-1, 1] })`
 * @throws PipelineConfigError on bad options.
 */
export function normalize(options: NormalizeOptions = {}): Stage<ResolvedNormalizeOptions> {
  const o = parseOptions(normalizeOptionsSchema, options, 'normalize');
  return {
    type: 'normalize',
    options: o,
    id: o.id,
    // Cheap and synchronous: a plain map keeps order and needs no concurrency.
    operator: () => map((sample) => withSample(sample, { image: normalizeImage(sample.image, o.range, o.inputRange) })),
  };
}

/** The op behind `normalize`: `low + (v - inLow) × (high - low) / (inHigh - inLow)`, as float32. */
export function normalizeImage(image: Image, [lo, hi]: readonly [number, number], inputRange?: readonly [number, number]): Image {
  const [inLo, inHi] = inputRange ?? (image.data instanceof Uint8Array ? [0, 255] : [0, 1]);
  const scale = (hi - lo) / (inHi - inLo);
  const src = image.data;
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = lo + (src[i]! - inLo) * scale;
  return { ...image, data: out };
}
