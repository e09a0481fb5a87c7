import type { Tensor2D } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';

/**
 * Classifier-based Inception Score: exp(E_x KL(p(y|x) ‖ p(y))) from class probabilities
 * `[N, K]`. 1 is worst; K (the class count) is best.
 */
export function inceptionScore(probs: Tensor2D): number {
  return tf.tidy(() => {
    const p = tf.clipByValue(probs, 1e-12, 1);
    const marginal = tf.mean(p, 0, true);
    const kl = tf.sum(tf.mul(p, tf.sub(tf.log(p), tf.log(marginal))), 1);
    return Math.exp(tf.mean(kl).dataSync()[0]!);
  });
}

// Squared Euclidean distances between rows of a [N, D] and b [M, D].
function squaredDistances(a: Tensor2D, b: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const aa = tf.sum(tf.square(a), 1, true);
    const bb = tf.sum(tf.square(b), 1, true).transpose();
    return tf.relu(tf.add(tf.sub(aa, tf.mul(2, tf.matMul(a, b, false, true))), bb)) as Tensor2D;
  });
}

// Each row's distance to its k-th nearest neighbour in the same set (itself excluded).
function kthNeighbourRadius(x: Tensor2D, k: number): Tensor2D {
  return tf.tidy(() => {
    const d = squaredDistances(x, x);
    // topk of −d: the k+1 smallest distances, the first being the point itself.
    const { values } = tf.topk(tf.neg(d), k + 1);
    return tf.neg(values.slice([0, k], [-1, 1])) as Tensor2D;
  });
}

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019): a sample is inside a set's manifold
 * when it lies within some member's k-NN radius. Precision: share of generated samples inside
 * the real manifold (fidelity). Recall: share of real samples inside the generated one (diversity).
 */
export function precisionRecall(real: Tensor2D, fake: Tensor2D, k = 3): { precision: number; recall: number } {
  const inside = (points: Tensor2D, set: Tensor2D) =>
    tf.tidy(() => {
      const radius = kthNeighbourRadius(set, k).transpose(); // [1, M]
      const within = tf.lessEqual(squaredDistances(points, set), radius); // [N, M]
      return tf.mean(tf.cast(tf.any(within, 1), 'float32')).dataSync()[0]!;
    });
  return { precision: inside(fake, real), recall: inside(real, fake) };
}
