import type { z } from 'zod';
import { registerStage, type StageDefinition } from '../config/registry.js';
import { resize, resizeOptionsSchema } from './preprocess/resize.js';
import { normalize, normalizeOptionsSchema } from './preprocess/normalize.js';
import { integrity, integrityOptionsSchema } from './quality/integrity.js';
import { dedup, dedupOptionsSchema } from './quality/dedup.js';
import { split, splitOptionsSchema } from './split/split.js';
import { augment } from './augment/augment.js';
import { augmentOptionsSchema } from './augment/augmentOptions.js';
import { cache, cacheOptionsSchema } from './cache/cache.js';
import { denoise, denoiseOptionsSchema, morphology, morphologyOptionsSchema, sharpen, sharpenOptionsSchema, threshold, thresholdOptionsSchema } from './cleanup/denoise.js';

export { resize, resizeImage, resizeOptionsSchema, type ResizeOptions, type ResolvedResizeOptions } from './preprocess/resize.js';
export { normalize, normalizeImage, normalizeOptionsSchema, type NormalizeOptions, type ResolvedNormalizeOptions } from './preprocess/normalize.js';
export { integrity, integrityOptionsSchema, type IntegrityOptions, type ResolvedIntegrityOptions } from './quality/integrity.js';
export { dedup, dedupOptionsSchema, type DedupOptions, type ResolvedDedupOptions, type DuplicateKind, type DuplicateInfo } from './quality/dedup.js';
export { split, splitOptionsSchema, largestRemainder, type SplitOptions, type ResolvedSplitOptions } from './split/split.js';
export { denoise, sharpen, morphology, threshold, type DenoiseOptions, type SharpenOptions, type MorphologyOptions, type ThresholdOptions } from './cleanup/denoise.js';
export { cache, defaultCacheRoot, type CacheOptions, type CacheStage } from './cache/cache.js';
export { augment } from './augment/augment.js';
export type { AugmentOptions, AugmentNode, AugmentOpSpec } from './augment/augmentOptions.js';
export type { RandomOpDefinition } from './augment/randomOp.js';
export { augmentPreview, describeTrace, previewRows, previewPng, type AugmentPreviewOptions, type PreviewRow } from './augment/preview.js';
export { previewHtml } from './augment/previewHtml.js';

/** The stages that ship with ganpipe, as the registry sees them. */
export const builtinStages: readonly StageDefinition[] = [
  { type: 'resize', schema: resizeOptionsSchema, description: 'Resize with sharp (cover, contain, fill, inside).', create: resize },
  { type: 'normalize', schema: normalizeOptionsSchema, description: 'Map pixel values linearly to a float range.', create: normalize },
  { type: 'integrity', schema: integrityOptionsSchema, description: 'Size, label and pixel checks, and CleanVision-style content flags.', create: integrity },
  { type: 'split', schema: splitOptionsSchema, description: 'Seeded train/test (or any named) split: exact or by hash, stratified, k-fold, group-aware.', create: split },
  { type: 'denoise', schema: denoiseOptionsSchema as unknown as z.ZodObject, description: 'Gaussian, median, bilateral, non-local means or total-variation denoising.', create: denoise },
  { type: 'sharpen', schema: sharpenOptionsSchema, description: 'Unsharp-mask sharpening.', create: sharpen },
  { type: 'morphology', schema: morphologyOptionsSchema, description: 'Erode, dilate, open or close with a structuring element.', create: morphology },
  { type: 'threshold', schema: thresholdOptionsSchema, description: 'Binary or Otsu threshold: a mask or a masked image.', create: threshold },
  {
    type: 'augment',
    schema: augmentOptionsSchema(),
    description: 'Seeded, replayable random augmentation: ops with probabilities, oneOf / someOf / sequence.',
    create: augment,
    validatesItself: true,
  },
  {
    type: 'cache',
    schema: cacheOptionsSchema,
    description: 'Store the samples reaching this point on disk (keyed by everything upstream); later epochs and runs read them back.',
    create: cache,
  },
  { type: 'dedup', schema: dedupOptionsSchema, description: 'Exact, same-pixel and near (perceptual hash) duplicates, first occurrence kept.', create: dedup },
];

for (const definition of builtinStages) registerStage(definition);
