import type { LayersModel } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';
import { initializers } from './init.js';

/**
 * The book's reference GAN (after the Keras GAN the book is based on).
 * Generator: Dense 256 → LeakyReLU 0.2 → BatchNorm (momentum 0.8) → Dense 512 → … → Dense 1024 → …
 * → Dense H·W·C tanh → Reshape. Discriminator: Flatten → Dense 1024 → LeakyReLU 0.2 → Dense 512
 * → LeakyReLU → Dense 256 → LeakyReLU → Dense 1 sigmoid.
 */
export function buildMlpGan(imageShape: readonly [number, number, number], latentDim: number, seed: number | string): {
  generator: LayersModel;
  discriminator: LayersModel;
} {
  const init = initializers(seed, 'mlp-gan');
  const size = imageShape[0] * imageShape[1] * imageShape[2];
  const generator = tf.sequential({ name: 'generator' });
  [256, 512, 1024].forEach((units, i) => {
    generator.add(tf.layers.dense({ units, kernelInitializer: init(), ...(i === 0 ? { inputShape: [latentDim] } : {}) }));
    generator.add(tf.layers.leakyReLU({ alpha: 0.2 }));
    generator.add(tf.layers.batchNormalization({ momentum: 0.8 }));
  });
  generator.add(tf.layers.dense({ units: size, activation: 'tanh', kernelInitializer: init() }));
  generator.add(tf.layers.reshape({ targetShape: [...imageShape] }));

  const discriminator = tf.sequential({ name: 'discriminator' });
  discriminator.add(tf.layers.flatten({ inputShape: [...imageShape] }));
  for (const units of [1024, 512, 256]) {
    discriminator.add(tf.layers.dense({ units, kernelInitializer: init() }));
    discriminator.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  }
  discriminator.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init() }));
  return { generator, discriminator };
}
