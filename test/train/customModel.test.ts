import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as T from '@tensorflow/tfjs';
import { bceLoss, createGanTrainer, tf, train, type GanLoss } from '../../src/index.js';
import { mnistSlicePipeline } from '../helpers/train.js';

// The README's worked example: your own tf.LayersModel generator and discriminator, your own loss.
describe('plugging in user models and losses', () => {
  function userModels() {
    const generator = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [32], units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 28 * 28, activation: 'tanh' }),
        tf.layers.reshape({ targetShape: [28, 28, 1] }),
      ],
    });
    const discriminator = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
    });
    return { generator, discriminator };
  }

  it('trains user LayersModels with a built-in loss through train()', async () => {
    const trainer = createGanTrainer({ name: 'my-gan', ...userModels(), loss: bceLoss('probability', 0.9), latentDim: 32, seed: 7 });
    const out = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-custom-'));
    const result = await train(mnistSlicePipeline(), trainer, { out, steps: 5 });
    expect(result.steps).toBe(5);
    expect(existsSync(path.join(out, 'checkpoints/latest/generator/model.json'))).toBe(true);
    const images = trainer.sample(2);
    expect(images.shape).toEqual([2, 28, 28, 1]);
    images.dispose();
    trainer.dispose();
  });

  it('uses a user loss (least squares, LSGAN)', async () => {
    let calls = 0;
    const lsgan: GanLoss = {
      name: 'lsgan',
      discriminator: (real, fake) => {
        calls++;
        return tf.add(tf.mean(tf.square(tf.sub(real, 1))), tf.mean(tf.square(fake))) as T.Scalar;
      },
      generator: (fake) => tf.mean(tf.square(tf.sub(fake, 1))) as T.Scalar,
      probability: (out) => out,
      gradientPenalty: 0,
    };
    const trainer = createGanTrainer({ name: 'lsgan', ...userModels(), loss: lsgan, latentDim: 32 });
    await train(mnistSlicePipeline(), trainer, { out: mkdtempSync(path.join(os.tmpdir(), 'ganpipe-lsgan-')), steps: 3 });
    expect(calls).toBe(3);
    trainer.dispose();
  });
});
