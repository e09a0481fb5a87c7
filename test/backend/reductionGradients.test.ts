import { describe, expect, it } from 'vitest';
import type { Tensor } from '@tensorflow/tfjs';
import { tf } from '../../src/backend/tf.js';
import { installTfjsPatches } from '../../src/backend/tfjsPatches.js';

// ganpipe's trainer installs them at its first step; these tests call the ops directly.
installTfjsPatches();

const values = (t: Tensor) => Array.from(t.dataSync());

describe('Mean and Sum gradients', () => {
  const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
  // Upstream gradients that differ per output element, so a wrong broadcast shows.
  const weighted = (f: (t: Tensor) => Tensor) => (t: Tensor) => tf.sum(tf.mul(f(t), tf.range(1, f(t).size + 1).reshape(f(t).shape)));

  it.each([
    { axis: [0, 1], keepDims: false, mean: [1 / 6, 2 / 6], sum: [1, 2] },
    { axis: 1, keepDims: true, mean: [1 / 3, 2 / 3, 3 / 3, 4 / 3], sum: [1, 2, 3, 4] },
    { axis: -1, keepDims: false, mean: [1 / 2, 2 / 2, 3 / 2, 4 / 2, 5 / 2, 6 / 2], sum: [1, 2, 3, 4, 5, 6] },
  ])('axis $axis (keepDims $keepDims): dy broadcast back to x, divided by the count for the mean', ({ axis, keepDims, mean, sum }) => {
    const gMean = tf.grad(weighted((t) => tf.mean(t, axis, keepDims)))(x);
    const gSum = tf.grad(weighted((t) => tf.sum(t, axis, keepDims)))(x);
    expect(gMean.shape).toEqual(x.shape);
    // Each x element's gradient is the weight of the output it reduces into (÷ count for the mean).
    const outIndex = (i: number) => {
      const [a, b, c] = [Math.floor(i / 6), Math.floor(i / 2) % 3, i % 2];
      return axis === -1 ? a * 3 + b : axis === 1 ? a * 2 + c : c;
    };
    values(gMean).forEach((v, i) => expect(v).toBeCloseTo(mean[outIndex(i)]!, 6));
    expect(values(gSum)).toEqual(values(x).map((_, i) => sum[outIndex(i)]!));
  });

  it('are differentiable again (a gradient penalty differentiates through them)', () => {
    // d/dx of ‖∇ₓ mean(x²)‖² = d/dx Σ(2x/n)² = 8x/n²
    const inner = (t: Tensor) => tf.grad((u: Tensor) => tf.mean(tf.square(u)))(t);
    const g = tf.grad((t: Tensor) => tf.sum(tf.square(inner(t))))(x);
    values(g).forEach((v, i) => expect(v).toBeCloseTo((8 * (i + 1)) / 144, 5));
  });

  it('broadcast dy instead of multiplying it by a ones tensor the size of x', async () => {
    const big = tf.zeros([64, 8, 8, 16]);
    const kernels = (await tf.profile(() => tf.grad((t: Tensor) => tf.mean(t, [0, 1, 2]))(big))).kernels.map((k) => k.name);
    expect(kernels).toContain('Tile');
    expect(kernels).not.toContain('Multiply');
  });
});
