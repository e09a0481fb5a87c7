import { z } from 'zod';
import { parseOptions } from '../../config/parse.js';
import { mapEachSample, type Stage } from '../../core/stage.js';
import { withSample } from '../../core/types.js';
import * as dn from '../../ops/denoise/index.js';
import { denoiseGaussian } from './gaussian.js';
import { stageBaseShape } from '../common.js';

const positive = z.number().positive();
const odd = z.number().int().min(1).refine((v) => v % 2 === 1, { error: 'Expected an odd integer' });

/** Which parameters each method takes (every other key is refused, naming the method). */
const METHOD_PARAMS = {
  gaussian: ['sigma', 'size'],
  median: ['radius'],
  bilateral: ['sigmaColor', 'sigmaSpace', 'radius'],
  nlm: ['h', 'hColor', 'templateWindowSize', 'searchWindowSize'],
  tv: ['weight', 'eps', 'maxIterations'],
} as const;

export const denoiseOptionsSchema = z
  .strictObject({
    ...stageBaseShape,
    /**
     * `gaussian` (sigma or kernel size), `median` (radius), `bilateral` (edge-preserving),
     * `nlm` (non-local means, OpenCV's fastNlMeansDenoising), `tv` (scikit-image's
     * denoise_tv_chambolle). Defaults suit 8-bit photos with noise σ ≈ 10–25. @default "nlm"
     */
    method: z.enum(['gaussian', 'median', 'bilateral', 'nlm', 'tv']).default('nlm'),
    /** gaussian: standard deviation in pixels. @default 1 */
    sigma: positive.optional(),
    /** gaussian: odd kernel size. @default round(6σ + 1) made odd */
    size: odd.optional(),
    /** median: window radius (1 → 3×3); bilateral: neighbourhood radius. */
    radius: z.number().int().min(0).max(100).optional(),
    /** bilateral: range sigma in levels. @default 50 */
    sigmaColor: positive.optional(),
    /** bilateral: spatial sigma in pixels. @default 2 */
    sigmaSpace: positive.optional(),
    /** nlm: filter strength (luminance). @default 18 */
    h: positive.optional(),
    /** nlm: filter strength of colour components. @default 15 */
    hColor: positive.optional(),
    /** nlm: odd patch size. @default 7 */
    templateWindowSize: odd.optional(),
    /** nlm: odd search window size. @default 21 */
    searchWindowSize: odd.optional(),
    /** tv: regularisation weight (on a 0..1 scale). @default 0.07 */
    weight: positive.optional(),
    /** tv: stopping tolerance. @default 0.0002 */
    eps: positive.optional(),
    /** tv: iteration limit. @default 200 */
    maxIterations: z.number().int().min(1).optional(),
  })
  .superRefine((o, ctx) => {
    const allowed: readonly string[] = METHOD_PARAMS[o.method];
    for (const key of Object.keys(o)) {
      if (key === 'method' || key === 'id' || allowed.includes(key)) continue;
      ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" does not apply to method "${o.method}"; it takes ${allowed.map((k) => `"${k}"`).join(', ')}` });
    }
  });

export type DenoiseOptions = z.input<typeof denoiseOptionsSchema>;
export type ResolvedDenoiseOptions = z.output<typeof denoiseOptionsSchema>;

const pick = <K extends string>(o: Record<string, unknown>, keys: readonly K[]) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Record<K, never>>;

/**
 * Denoises each image with one of the classic filters the source book uses before training
 * (OpenCV / scikit-image as references). What the defaults gain on a noisy photo, and their
 * speed: README "Denoising and cleanup" (`npx tsx bench/denoise.ts`).
 *
 * @example JSON: `{ "type": "denoise", "method": "nlm" }` or `{ "type": "denoise", "method": "median", "radius": 2 }`
 * @example TS: `stages.denoise({ method: 'tv', weight: 0.1 })`
 * @throws PipelineConfigError on bad options, naming parameters that do not apply to the method.
 */
export function denoise(options: DenoiseOptions = {}): Stage<ResolvedDenoiseOptions> {
  const o = parseOptions(denoiseOptionsSchema, options, 'denoise');
  const params = pick(o, METHOD_PARAMS[o.method]);
  const run = {
    gaussian: (img: Parameters<typeof dn.nlm>[0]) => denoiseGaussian(img, params),
    median: (img: Parameters<typeof dn.nlm>[0]) => dn.medianFilter(img, params),
    bilateral: (img: Parameters<typeof dn.nlm>[0]) => dn.bilateralFilter(img, params),
    nlm: (img: Parameters<typeof dn.nlm>[0]) => dn.nlm(img, params),
    tv: (img: Parameters<typeof dn.nlm>[0]) => dn.tvDenoise(img, params),
  }[o.method];
  return {
    type: 'denoise',
    options: o,
    id: o.id,
    operator: (ctx) =>
      mapEachSample(ctx, async (sample) =>
        withSample(sample, { image: await run(sample.image), trace: [{ op: `denoise.${o.method}`, params, stage: ctx.stageKey }] }),
      ),
  };
}

export const sharpenOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** Blur sigma of the unsharp mask. @default 1 */
  sigma: positive.default(1),
  /** How much of the detail to add back. @default 1 */
  amount: z.number().min(0).default(1),
  /** Detail below this (levels) is left unchanged. @default 0 */
  threshold: z.number().min(0).default(0),
});
export type SharpenOptions = z.input<typeof sharpenOptionsSchema>;

/**
 * Unsharp-mask sharpening (scikit-image's unsharp_mask): `image + amount × (image − blur)`.
 * @example JSON: `{ "type": "sharpen", "sigma": 1, "amount": 0.8 }`
 * @example TS: `stages.sharpen({ amount: 0.8 })`
 */
export function sharpen(options: SharpenOptions = {}): Stage<z.output<typeof sharpenOptionsSchema>> {
  const o = parseOptions(sharpenOptionsSchema, options, 'sharpen');
  const { id: _id, ...params } = o;
  return { type: 'sharpen', options: o, id: o.id, operator: (ctx) => mapEachSample(ctx, (s) => withSample(s, { image: dn.unsharpMask(s.image, params) })) };
}

export const morphologyOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** erode, dilate, open (erode then dilate: removes specks) or close (fills holes). */
  operation: z.enum(['erode', 'dilate', 'open', 'close']),
  /** Structuring element shape. @default "square" */
  shape: z.enum(['square', 'cross', 'ellipse']).default('square'),
  /** Odd structuring element size. @default 3 */
  size: odd.default(3),
});
export type MorphologyOptions = z.input<typeof morphologyOptionsSchema>;

/**
 * Grey-level morphology (OpenCV's erode/dilate/morphologyEx).
 * @example JSON: `{ "type": "morphology", "operation": "open", "size": 3 }`
 * @example TS: `stages.morphology({ operation: 'close', shape: 'ellipse', size: 5 })`
 */
export function morphology(options: MorphologyOptions): Stage<z.output<typeof morphologyOptionsSchema>> {
  const o = parseOptions(morphologyOptionsSchema, options, 'morphology');
  const { id: _id, ...params } = o;
  return { type: 'morphology', options: o, id: o.id, operator: (ctx) => mapEachSample(ctx, (s) => withSample(s, { image: dn.morphology(s.image, params) })) };
}

export const thresholdOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** A level in the image's units, or "otsu" (Otsu's method per image). @default "otsu" */
  level: z.union([z.number(), z.literal('otsu')]).default('otsu'),
  /** `mask`: a 1-channel 0/255 image; `masked`: the image with the background set to 0. @default "mask" */
  output: z.enum(['mask', 'masked']).default('mask'),
  /** Keep what is below the level instead. @default false */
  invert: z.boolean().default(false),
});
export type ThresholdOptions = z.input<typeof thresholdOptionsSchema>;

/**
 * Binary or Otsu thresholding (OpenCV's threshold), giving a mask or a masked image.
 * @example JSON: `{ "type": "threshold", "level": "otsu", "output": "masked" }`
 * @example TS: `stages.threshold({ level: 128 })`
 */
export function threshold(options: ThresholdOptions = {}): Stage<z.output<typeof thresholdOptionsSchema>> {
  const o = parseOptions(thresholdOptionsSchema, options, 'threshold');
  const { id: _id, ...params } = o;
  return { type: 'threshold', options: o, id: o.id, operator: (ctx) => mapEachSample(ctx, (s) => withSample(s, { image: dn.threshold(s.image, params) })) };
}
