import { z } from 'zod';
import type { ConfigIssue } from '../core/errors.js';
import { checkWith } from './parse.js';
import { didYouMean } from './didYouMean.js';
import { describeValue, formatPath } from './issues.js';
import { modelDefinition, modelTypes } from './registry.js';

/** Options of the training loop, beside the model's own options in a `train` section. */
export const trainLoopShape = {
  /** Steps to train (one D and one G update each). Overrides `epochs`. */
  steps: z.number().int().min(1).optional(),
  /** Epochs to train when `steps` is not set. @default 1 */
  epochs: z.number().int().min(1).optional(),
  /** Write a sample grid every this many steps. @default 250 */
  sampleEvery: z.number().int().min(1).default(250),
  /** Save a checkpoint every this many steps. @default 500 */
  checkpointEvery: z.number().int().min(1).default(500),
};

/** A validated `train` section: the model's name, its options and the loop's. */
export interface TrainSection {
  readonly model: string;
  readonly options: Record<string, unknown>;
  readonly loop: { steps?: number | undefined; epochs?: number | undefined; sampleEvery: number; checkpointEvery: number };
}

const LOOP_KEYS = new Set(Object.keys(trainLoopShape));

/**
 * Checks a `train` section against its registered model's schema plus the loop options;
 * collects issues. The models are those registered with `registerModel` (the built-ins are
 * registered by src/train/models, which the package entry imports).
 */
export function checkTrainSection(value: unknown, issues: ConfigIssue[]): TrainSection | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path: 'train', message: `Expected object, received ${describeValue(value)}` });
    return undefined;
  }
  const { model, ...rest } = value as Record<string, unknown>;
  const known = modelTypes();
  const def = typeof model === 'string' ? modelDefinition(model) : undefined;
  if (!def) {
    const hint = typeof model === 'string' ? didYouMean(model, known) : undefined;
    issues.push({
      path: formatPath(['train', 'model']),
      message: `Unknown model, received ${describeValue(model)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''} Allowed: ${known.map((k) => JSON.stringify(k)).join(', ')}`,
    });
    return undefined;
  }
  const checked = checkWith(def.schema.extend(trainLoopShape), rest, ['train']);
  if (!checked.ok) {
    issues.push(...checked.issues);
    return undefined;
  }
  const all = checked.value as Record<string, unknown>;
  const options = Object.fromEntries(Object.entries(all).filter(([k]) => !LOOP_KEYS.has(k)));
  const loop = Object.fromEntries(Object.entries(all).filter(([k]) => LOOP_KEYS.has(k))) as TrainSection['loop'];
  return { model: def.type, options, loop };
}

/** The JSON Schema variants of `train` sections, one per registered model. */
export function trainSectionSchema(): z.ZodType {
  const variants = modelTypes().map((type) => {
    const m = modelDefinition(type)!;
    return m.schema.extend({ model: z.literal(m.type), ...trainLoopShape }).describe(m.description);
  });
  return z.union(variants as unknown as [z.ZodObject, z.ZodObject]);
}
