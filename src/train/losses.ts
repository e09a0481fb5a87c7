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
 * Same values as `tf.losses.sigmoidCrossEntropy` / `tf.metrics.binaryCrossentropy`, written
 * with fewer kernels: a step evaluates it three times on [B, 1] tensors, where each kernel
 * (and its gradient) costs more in dispatch than in arithmetic.
 */
export function bceLoss(output: DiscriminatorOutput, realTarget = 1): GanLoss {
  const bce = (out: Tensor, target: number) =>
    tf.tidy(() => {
      if (output === 'logits') {
        // softplus(x) − t·x, which is softplus(x) for t = 0 and softplus(−x) for t = 1.
        const loss = target === 0 ? tf.softplus(out) : target === 1 ? tf.softplus(tf.neg(out)) : tf.sub(tf.softplus(out), tf.mul(out, target));
        return tf.mean(loss) as Scalar;
      }
      const eps = tf.backend().epsilon();
      const p = tf.clipByValue(out, eps, 1 - eps);
      // t·log p + (1 − t)·log(1 − p), negated
      const logLikelihood = target === 1 ? tf.log(p) : target === 0 ? tf.log1p(tf.neg(p)) : tf.add(tf.mul(tf.log(p), target), tf.mul(tf.log1p(tf.neg(p)), 1 - target));
      return tf.neg(tf.mean(logLikelihood)) as Scalar;
    });
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
