import type { Scalar, Tensor } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';

/** Loss names a pipeline file can pick. `bce` is the non-saturating GAN loss. */
export const LOSS_NAMES = ['bce', 'hinge', 'wgan-gp'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** How a discriminator's output is read: probabilities (the book's sigmoid) or raw scores. */
export type DiscriminatorOutput = 'probability' | 'logits';

/** A GAN loss: D's loss from its outputs on real and fake, G's from D's output on fake. */
export interface GanLoss {
  readonly name: string;
  /** `realTarget` < 1 is one-sided label smoothing (bce only). */
  discriminator(real: Tensor, fake: Tensor): Scalar;
  generator(fake: Tensor): Scalar;
  /** D's outputs as probabilities, for the D(x) and D(G(z)) metrics. */
  probability(out: Tensor): Tensor;
  /** Gradient-penalty weight; > 0 makes the trainer add λ·(‖∇D(x̂)‖ − 1)². */
  readonly gradientPenalty: number;
}

/**
 * Binary cross-entropy. With probabilities (the book's sigmoid D) values are clipped away from
 * 0 and 1; with logits it uses the stable sigmoid cross-entropy. G aims for the "real" label
 * (non-saturating loss); real targets are `realTarget` (0.9: one-sided label smoothing).
 */
export function bceLoss(output: DiscriminatorOutput, realTarget = 1): GanLoss {
  const bce = (out: Tensor, target: number): Scalar =>
    output === 'logits'
      ? (tf.losses.sigmoidCrossEntropy(tf.fill(out.shape, target), out) as Scalar)
      : (tf.mean(tf.metrics.binaryCrossentropy(tf.fill(out.shape, target), out)) as Scalar);
  return {
    name: 'bce',
    discriminator: (real, fake) => tf.add(bce(real, realTarget), bce(fake, 0)) as Scalar,
    generator: (fake) => bce(fake, 1),
    probability: (out) => (output === 'logits' ? tf.sigmoid(out) : out),
    gradientPenalty: 0,
  };
}

/** Hinge loss (SAGAN, BigGAN): D pushes real scores above 1 and fake below −1; G raises fake scores. */
export function hingeLoss(): GanLoss {
  return {
    name: 'hinge',
    discriminator: (real, fake) => tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))) as Scalar,
    generator: (fake) => tf.neg(tf.mean(fake)) as Scalar,
    probability: (out) => tf.sigmoid(out),
    gradientPenalty: 0,
  };
}

/** WGAN-GP (Gulrajani et al. 2017): critic loss E[D(fake)] − E[D(real)] plus a gradient penalty of weight λ. */
export function wganGpLoss(lambda = 10): GanLoss {
  return {
    name: 'wgan-gp',
    discriminator: (real, fake) => tf.sub(tf.mean(fake), tf.mean(real)) as Scalar,
    generator: (fake) => tf.neg(tf.mean(fake)) as Scalar,
    probability: (out) => tf.sigmoid(out),
    gradientPenalty: lambda,
  };
}

/** The loss registered under `name`. */
export function lossByName(name: LossName, output: DiscriminatorOutput, realTarget?: number): GanLoss {
  switch (name) {
    case 'bce':
      return bceLoss(output, realTarget);
    case 'hinge':
      return hingeLoss();
    case 'wgan-gp':
      return wganGpLoss();
  }
}
