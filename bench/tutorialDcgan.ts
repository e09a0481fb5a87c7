/**
 * TensorFlow's DCGAN tutorial (tensorflow.org/tutorials/generative/dcgan) in tfjs layers, for
 * timing ganpipe's trainer against the same model in Keras (bench/peers/keras_gan.py builds the
 * twin). Plain tfjs layers, as a user would write them: tfjs' LeakyReLU (α 0.3, Keras' default),
 * BCE from logits, Adam 1e-4 (β1 0.9) for both networks: ganpipe's `adam`, tfjs' Adam with
 * TensorFlow's fused update, as ganpipe's trainer uses by default (`tf.train.adam` gives the
 * same weights to float rounding, about 8 ms per step slower).
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { tf } from '../src/backend/tf.js';
import { adam, bceLoss, createGanTrainer, type StepwiseGanTrainer } from '../src/index.js';

export const TUTORIAL_BATCH = 64;

export function tutorialDcgan(): { generator: LayersModel; discriminator: LayersModel } {
  const generator = tf.sequential({
    name: 'generator',
    layers: [
      tf.layers.dense({ inputShape: [100], units: 7 * 7 * 256, useBias: false }),
      tf.layers.batchNormalization(),
      tf.layers.leakyReLU(),
      tf.layers.reshape({ targetShape: [7, 7, 256] }),
      tf.layers.conv2dTranspose({ filters: 128, kernelSize: 5, strides: 1, padding: 'same', useBias: false }),
      tf.layers.batchNormalization(),
      tf.layers.leakyReLU(),
      tf.layers.conv2dTranspose({ filters: 64, kernelSize: 5, strides: 2, padding: 'same', useBias: false }),
      tf.layers.batchNormalization(),
      tf.layers.leakyReLU(),
      tf.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 2, padding: 'same', useBias: false, activation: 'tanh' }),
    ],
  });
  const discriminator = tf.sequential({
    name: 'discriminator',
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 64, kernelSize: 5, strides: 2, padding: 'same' }),
      tf.layers.leakyReLU(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.conv2d({ filters: 128, kernelSize: 5, strides: 2, padding: 'same' }),
      tf.layers.leakyReLU(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1 }),
    ],
  });
  return { generator, discriminator };
}

/** The tutorial's models with its loss and optimizers, in ganpipe's trainer. */
export function tutorialDcganTrainer(updates: 'alternating' | 'simultaneous' = 'simultaneous', seed = 1): StepwiseGanTrainer {
  return createGanTrainer({
    name: 'tutorial-dcgan',
    ...tutorialDcgan(),
    updates,
    loss: bceLoss('logits'),
    latentDim: 100,
    generatorOptimizer: adam(1e-4),
    discriminatorOptimizer: adam(1e-4),
    seed,
  });
}
