import type { Tensor4D } from '@tensorflow/tfjs';
import { z } from 'zod';
import { AdaController, adaAugment, sampleAdaParams, type AdaOptions } from './ada.js';
import { augmentRng, diffAugment, sampleDiffAugmentParams, type DiffAugmentOp } from './diffAugment.js';

/**
 * Augmentation applied inside GAN training, to real and generated images alike and
 * differentiably, so D sees augmented data in both updates and G's gradient passes through.
 */
export interface DiscriminatorAugment {
  readonly name: string;
  /** A new, augmented batch (the caller owns it). `role` draws independent params per use. */
  apply(x: Tensor4D, step: number, role: 'real' | 'fake' | 'generator'): Tensor4D;
  /** Feedback from each D step: Σ sign(D(real) − ½) over the batch, and the batch size (ADA). */
  observe?(signSum: number, batch: number): void;
  /** Numbers for metrics.jsonl. */
  metrics?(): Record<string, number>;
}

const DIFF_OPS = ['color', 'translation', 'cutout'] as const;

/** DiffAugment (Zhao et al. 2020) with a policy such as `color,translation,cutout`. */
export function diffAugmentation(policy: readonly DiffAugmentOp[], seed: number | string): DiscriminatorAugment {
  return {
    name: `diffaugment(${policy.join(',')})`,
    apply: (x, step, role) => diffAugment(x, sampleDiffAugmentParams(augmentRng(seed, step, role), policy, [x.shape[0], x.shape[1], x.shape[2]])),
  };
}

/** ADA (Karras et al. 2020): the probability p of each op adapts to D's overfitting signal r_t. */
export function adaptiveAugmentation(options: AdaOptions, seed: number | string): DiscriminatorAugment & { readonly controller: AdaController } {
  const controller = new AdaController(options);
  return {
    name: 'ada',
    controller,
    apply: (x, step, role) => adaAugment(x, sampleAdaParams(augmentRng(seed, step, role), controller.p, x.shape)),
    observe: (signSum, batch) => controller.observe(signSum, batch),
    metrics: () => ({ augment_p: controller.p, ...(Number.isNaN(controller.rt) ? {} : { augment_rt: controller.rt }) }),
  };
}

/** The `augment` option of a `train` section. */
export const trainAugmentSchema = z.union([
  z.strictObject({
    /** DiffAugment ops, comma-separated: color, translation, cutout. */
    policy: z
      .string()
      .refine((s) => s.split(',').every((op) => (DIFF_OPS as readonly string[]).includes(op.trim())), { error: `Expected a comma-separated list of ${DIFF_OPS.join(', ')}` }),
  }),
  z.strictObject({
    /** ADA: adapt the augmentation probability to D's overfitting. */
    adaptive: z.literal(true),
    /** @default 0.6 */
    target: z.number().min(0).max(1).default(0.6),
    /** @default 4 */
    interval: z.number().int().min(1).default(4),
    /** Thousands of images for p to go 0 → 1 (paper: 500, for 100k-image datasets). @default 20 */
    speed: z.number().positive().default(20),
    /** @default 0 */
    initial: z.number().min(0).max(1).default(0),
  }),
]);
export type TrainAugmentOptions = z.output<typeof trainAugmentSchema>;

/** Builds the augmentation a `train.augment` option describes. */
export function trainAugment(o: TrainAugmentOptions | undefined, seed: number | string): DiscriminatorAugment | undefined {
  if (!o) return undefined;
  if ('policy' in o) return diffAugmentation(o.policy.split(',').map((s) => s.trim() as DiffAugmentOp), seed);
  return adaptiveAugmentation(o, seed);
}

export { AdaController, adaAugment, sampleAdaParams, type AdaOptions, type AdaParams } from './ada.js';
export { diffAugment, sampleDiffAugmentParams, type DiffAugmentOp, type DiffAugmentParams } from './diffAugment.js';
