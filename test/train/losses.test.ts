import { describe, expect, it } from 'vitest';
import type * as T from '@tensorflow/tfjs';
import { bceLoss, tf } from '../../src/index.js';

// bceLoss is written with fewer kernels than tfjs' own cross-entropies; it must keep their values and gradients.
describe('bceLoss', () => {
  const reference = {
    logits: (y: T.Tensor, t: number) => tf.losses.sigmoidCrossEntropy(tf.fill(y.shape, t), y),
    probability: (y: T.Tensor, t: number) => tf.mean(tf.metrics.binaryCrossentropy(tf.fill(y.shape, t), y)),
  };
  const inputs = {
    logits: [[-30], [-3], [-0.5], [0], [0.7], [4], [40]],
    probability: [[0], [1e-9], [0.1], [0.5], [0.9], [0.99], [1]],
  };
  for (const output of ['logits', 'probability'] as const) {
    for (const realTarget of [1, 0.9]) {
      it(`${output}, real target ${realTarget}: the values and gradients of tfjs' cross-entropy`, () => {
        const x = tf.tensor2d(inputs[output]);
        const fake = tf.reverse(x);
        const loss = bceLoss(output, realTarget);
        const ref = reference[output];
        const dLoss = (r: T.Tensor) => loss.discriminator(r, fake);
        const dRef = (r: T.Tensor) => tf.add(ref(r, realTarget), ref(fake, 0)) as T.Scalar;
        expect(dLoss(x).dataSync()[0]).toBeCloseTo(dRef(x).dataSync()[0]!, 5);
        expect(loss.generator(x).dataSync()[0]).toBeCloseTo(ref(x, 1).dataSync()[0]!, 5);
        for (const [mine, theirs] of [[dLoss, dRef], [loss.generator, (y: T.Tensor) => ref(y, 1) as T.Scalar]] as const) {
          const [a, b] = [tf.grad(mine)(x).dataSync(), tf.grad(theirs)(x).dataSync()];
          a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 4));
        }
        tf.dispose([x, fake]);
      });
    }
  }
});
