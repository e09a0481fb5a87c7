import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type * as T from '@tensorflow/tfjs';
import { tf } from '../../src/index.js';
import { frechetDistance, moments } from '../../src/train/eval/frechet.js';
import { inceptionScore, precisionRecall } from '../../src/train/eval/metrics.js';

const gaussian = (mean: number[], cov: number[][]) => ({ mean: Float64Array.from(mean), cov: new Matrix(cov) });

describe('Fréchet distance', () => {
  it('matches the closed form: ‖μ₁−μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½)', () => {
    // 1-D: N(0, 1) vs N(0, 4): 1 + 4 − 2·2 = 1.
    expect(frechetDistance(gaussian([0], [[1]]), gaussian([0], [[4]]))).toBeCloseTo(1, 10);
    // Diagonal 2-D with shifted means: (1² + 2²) + (1 + 9 − 2·3) + (4 + 1 − 2·2) = 5 + 4 + 1.
    expect(frechetDistance(gaussian([0, 0], [[1, 0], [0, 4]]), gaussian([1, 2], [[9, 0], [0, 1]]))).toBeCloseTo(10, 8);
    // Non-commuting covariances: symmetric in its arguments and 0 for identical inputs.
    const a = gaussian([0.5, -1], [[2, 0.8], [0.8, 1]]);
    const b = gaussian([0, 0], [[1, -0.3], [-0.3, 3]]);
    expect(frechetDistance(a, b)).toBeCloseTo(frechetDistance(b, a), 8);
    expect(frechetDistance(a, a)).toBeCloseTo(0, 8);
  });

  it('moments are the sample mean and unbiased covariance', () => {
    const m = moments(Float32Array.from([1, 2, 3, 4, 5, 9]), 3, 2);
    expect(Array.from(m.mean)).toEqual([3, 5]);
    expect(m.cov.to2DArray()).toEqual([
      [4, 7],
      [7, 13],
    ]);
  });
});

describe('Inception Score and precision/recall', () => {
  it('IS is the class count for confident, balanced predictions and 1 for a single class', () => {
    const balanced = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4).cast('float32') as T.Tensor2D;
    const single = tf.oneHot(tf.tensor1d([2, 2, 2, 2], 'int32'), 4).cast('float32') as T.Tensor2D;
    expect(inceptionScore(balanced)).toBeCloseTo(4, 4);
    expect(inceptionScore(single)).toBeCloseTo(1, 4);
    tf.dispose([balanced, single]);
  });

  it('precision and recall are 1 for the same set, 0 for far-apart sets, and split for a collapsed generator', () => {
    const real = tf.randomNormal([200, 8], 0, 1, 'float32', 1) as T.Tensor2D;
    const far = tf.add(real, 100) as T.Tensor2D;
    expect(precisionRecall(real, real)).toEqual({ precision: 1, recall: 1 });
    expect(precisionRecall(real, far)).toEqual({ precision: 0, recall: 0 });
    // Mode collapse: every fake is one real point. High precision, low recall.
    const collapsed = tf.tile(real.slice([0, 0], [1, 8]), [200, 1]) as T.Tensor2D;
    const pr = precisionRecall(real, collapsed);
    expect(pr.precision).toBe(1);
    expect(pr.recall).toBeLessThan(0.1);
    tf.dispose([real, far, collapsed]);
  });
});
