import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as T from '@tensorflow/tfjs';
import { pipeline, sources, stages, tf } from '../../src/index.js';

const fixtures = path.resolve(__dirname, '../../fixtures');

describe('toTfDataset', () => {
  it('trains a tiny classifier on MNIST for one epoch to well above chance with model.fitDataset', async () => {
    const digits = sources.idx({ images: path.join(fixtures, 'mnist/images-idx3-ubyte.gz'), labels: path.join(fixtures, 'mnist/labels-idx1-ubyte.gz') });
    const train = pipeline({ seed: 1 }).from(digits).pipe(stages.normalize({ range: [0, 1] })).batch({ size: 64, shuffleBuffer: 10000 });
    await train.prepare();
    const ds = train.toTfDataset().map((b) => {
      const { xs, ys } = b as { xs: T.Tensor; ys: T.Tensor };
      return { xs, ys: tf.oneHot(ys as T.Tensor1D, 10) };
    });
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    model.compile({ optimizer: tf.train.adam(0.005), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const before = tf.memory().numTensors;
    const history = await model.fitDataset(ds, { epochs: 2, verbose: 0 });
    const acc = history.history['acc'] ?? history.history['accuracy'];
    expect(acc).toHaveLength(2);
    expect(acc![0] as number).toBeGreaterThan(0.7); // chance is 0.1
    // Epoch 2 ran a fresh pass and leaked nothing beyond epoch 1's (optimizer slots come on step 1).
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + model.getWeights().length * 3 + 2);
    model.dispose();
  });

  it('leaks no tensors across toTfDataset epochs', async () => {
    const digits = sources.idx({ images: path.join(fixtures, 'mnist-slice-images-idx3-ubyte'), labels: path.join(fixtures, 'mnist-slice-labels-idx1-ubyte') });
    const ds = pipeline({ seed: 1 }).from(digits).batch({ size: 10 }).toTfDataset();
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 3; epoch++) {
      let n = 0;
      await ds.forEachAsync((b) => {
        n++;
        tf.dispose(b as unknown as T.TensorContainer);
      });
      expect(n).toBe(10);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
