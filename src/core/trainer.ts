import type { LayersModel, Tensor, Tensor4D } from '@tensorflow/tfjs';
import type { Batch } from './batch.js';

/** What one training step reports (plain numbers: no tensors leave a step). */
export interface StepMetrics {
  d_loss: number;
  g_loss: number;
  /** Mean discriminator probability on real images. */
  d_real: number;
  /** Mean discriminator probability on generated images (D step). */
  d_fake: number;
  /** ADA's augmentation probability p, when adaptive augmentation is on. */
  augment_p?: number;
  /** ADA's overfitting signal r_t = E[sign(D(real))], at its last update. */
  augment_rt?: number;
}

/**
 * A GAN that the training loop can drive: it owns the generator, the discriminator, the losses
 * and the optimizers. `train()` pulls batches and calls `step`; it never looks inside.
 */
export interface GanTrainer {
  readonly name: string;
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  readonly latentDim: number;
  /** Number of classes for conditional models (labels are required in batches), else 0. */
  readonly numClasses: number;
  /** Output image shape `[H, W, C]`. */
  readonly imageShape: readonly [number, number, number];
  /** One D update and one G update on `batch`. `step` is the global step number (seeds the noise). */
  step(batch: Batch, step: number): Promise<StepMetrics>;
  /** `n` generated images in [-1, 1], for `labels` (conditional models) or random classes. Caller disposes. */
  sample(n: number, options?: { labels?: number[] | Tensor; seed?: number; latents?: Tensor }): Tensor4D;
  /** Writes G, D and optimizer state to `dir` (tfjs `file://` saves). */
  save(dir: string): Promise<void>;
  /** Restores what `save` wrote. */
  load(dir: string): Promise<void>;
  dispose(): void;
}
