import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayersModel, Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { tf } from '../../backend/tf.js';
import { writeJson } from '../runFiles.js';

/** Real images held in memory for evaluation: `[N, H, W, C]` in [-1, 1], with class indices. */
export interface ImageSet {
  readonly images: Float32Array;
  readonly labels: Int32Array | undefined;
  readonly shape: readonly [number, number, number];
  readonly count: number;
}

/** The images of `set` from `start` (count `n`) as a tensor. */
export function imagesTensor(set: ImageSet, start = 0, n = set.count - start): Tensor4D {
  const size = set.shape[0] * set.shape[1] * set.shape[2];
  return tf.tensor4d(set.images.subarray(start * size, (start + n) * size), [n, ...set.shape]);
}

/** A classifier and the model giving its penultimate-layer features. */
export interface FeatureClassifier {
  readonly model: LayersModel;
  readonly features: LayersModel;
  readonly accuracy: number;
}

/**
 * Trains (or loads from `dir`) a small CNN on the training images: conv 32 → pool → conv 64 →
 * pool → dense 128 (the feature layer) → softmax. It stands in for Inception, whose weights
 * cannot be downloaded here; its test accuracy is recorded next to it.
 */
export async function featureClassifier(dir: string, train: ImageSet, test: ImageSet, numClasses: number, log: (msg: string) => void): Promise<FeatureClassifier> {
  const modelFile = path.join(dir, 'model.json');
  const infoFile = path.join(dir, 'classifier.json');
  let model: LayersModel;
  let accuracy: number;
  if (existsSync(modelFile) && existsSync(infoFile)) {
    model = await tf.loadLayersModel(`file://${modelFile}`);
    accuracy = (JSON.parse(await readFile(infoFile, 'utf8')) as { accuracy: number }).accuracy;
    log(`classifier: cached (${dir}), test accuracy ${(accuracy * 100).toFixed(2)}%`);
  } else {
    const [h, w, c] = train.shape;
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [h, w, c], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 128, activation: 'relu', name: 'features', kernelInitializer: init(3) }),
        tf.layers.dropout({ rate: 0.3, seed: 4 }),
        tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(5) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    // A seeded order instead of fit's shuffle (Math.random): the same classifier every time.
    const order = seededPermutation(train.count);
    const xs = tf.tidy(() => tf.gather(imagesTensor(train), order));
    const ys = tf.tidy(() => tf.gather(tf.tensor1d(train.labels!, 'float32'), order));
    log(`classifier: training on ${train.count} images…`);
    await model.fit(xs, ys, { epochs: EPOCHS, batchSize: 64, shuffle: false, verbose: 0 });
    tf.dispose([xs, ys]);
    accuracy = await evaluate(model, test);
    await mkdir(dir, { recursive: true });
    await model.save(`file://${dir}`);
    await writeJson(infoFile, { accuracy, trainImages: train.count, testImages: test.count, epochs: EPOCHS });
    log(`classifier: test accuracy ${(accuracy * 100).toFixed(2)}% on ${test.count} held-out images`);
  }
  const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('features').output as never });
  return { model, features, accuracy };
}

// Enough for a comfortable margin over 97% on the 8k MNIST training digits (measured: see the note).
const EPOCHS = 8;

function seededPermutation(n: number): Int32Array {
  const rng = seedrandom('ganpipe-eval-classifier');
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

async function evaluate(model: LayersModel, test: ImageSet): Promise<number> {
  const probs = predictInChunks(model, test);
  const correct = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probs, 1), tf.tensor1d(test.labels!, 'int32')), 'float32')).dataSync()[0]!);
  probs.dispose();
  return correct / test.count;
}

/** `model.predict` over a set in chunks (bounded memory). */
export function predictInChunks(model: LayersModel, set: ImageSet | Tensor4D, chunk = 500): Tensor2D {
  const count = 'count' in set ? set.count : set.shape[0];
  const parts: Tensor[] = [];
  for (let i = 0; i < count; i += chunk) {
    const n = Math.min(chunk, count - i);
    parts.push(
      tf.tidy(() => {
        const x = 'count' in set ? imagesTensor(set, i, n) : set.slice([i, 0, 0, 0], [n, -1, -1, -1]);
        return model.predict(x) as Tensor;
      }),
    );
  }
  const out = tf.concat(parts) as Tensor2D;
  tf.dispose(parts);
  return out;
}
