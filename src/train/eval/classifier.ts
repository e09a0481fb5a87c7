import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot } from '../../backend/cacheRoot.js';
import { deriveRng } from '../../core/rng.js';
import { shuffleInPlace } from '../../core/shuffle.js';
import { ownPackage } from '../../backend/packageRoot.js';
import type { LayersModel, Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
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

/** Where `featureClassifier` looks for a classifier of the same data before training one. */
export interface ClassifierPlaces {
  /** The run's own copy (`<run>/classifier`), read first and always written. */
  readonly runDir: string;
  /** Read-only folders of shipped classifiers, each holding `<dataKey>/` (ganpipe ships one for its built-in MNIST). */
  readonly shipped: readonly string[];
  /** The user's cache of trained classifiers, `<dataKey>/` each. */
  readonly cacheDir: string;
}

/** The run's classifier folder, then the classifiers ganpipe ships (its built-in MNIST), then the user's cache. */
export function classifierPlaces(runDir: string): ClassifierPlaces {
  return { runDir, shipped: [path.join(ownPackage().dir, 'fixtures', 'eval-classifiers')], cacheDir: path.join(cacheRoot(), 'classifiers') };
}

/**
 * A small CNN for the training images: conv 32 → pool → conv 64 → pool → dense 128 (the feature
 * layer) → softmax. It stands in for Inception, whose weights cannot be downloaded here.
 *
 * It is keyed by a hash of its training data (images, labels, shape, classes, architecture and
 * epochs), and taken from the first of `places` holding that key: the run folder, the shipped
 * classifiers (so eval on the built-in MNIST trains nothing), the user's cache. Otherwise it is
 * trained (seeded order, so the same every run) and stored in the run folder and the cache.
 * Its accuracy on the held-out `test` images is measured every time, never trusted from a file.
 */
export async function featureClassifier(places: ClassifierPlaces, train: ImageSet, test: ImageSet, numClasses: number, log: (msg: string) => void): Promise<FeatureClassifier> {
  const key = dataKey(train, numClasses);
  const found = [places.runDir, ...places.shipped.map((d) => path.join(d, key)), path.join(places.cacheDir, key)].find((dir) => storedKey(dir) === key);
  let model: LayersModel;
  if (found) {
    model = await tf.loadLayersModel(`file://${path.join(found, 'model.json')}`);
    log(`classifier: reusing the one trained on the same data (${found})`);
  } else {
    model = await trainClassifier(train, numClasses, log);
  }
  const accuracy = await evaluate(model, test);
  log(`classifier: test accuracy ${(accuracy * 100).toFixed(2)}% on ${test.count} held-out images`);
  const info = { dataKey: key, accuracy, trainImages: train.count, testImages: test.count, epochs: EPOCHS };
  for (const dir of found === places.runDir ? [] : found ? [places.runDir] : [places.runDir, path.join(places.cacheDir, key)]) {
    await mkdir(dir, { recursive: true });
    await model.save(`file://${dir}`);
    await writeJson(path.join(dir, 'classifier.json'), info);
  }
  const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('features').output as never });
  return { model, features, accuracy };
}

async function trainClassifier(train: ImageSet, numClasses: number, log: (msg: string) => void): Promise<LayersModel> {
  const [h, w, c] = train.shape;
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
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
  const order = shuffleInPlace(Int32Array.from({ length: train.count }, (_, i) => i), deriveRng('ganpipe-eval-classifier'));
  const xs = tf.tidy(() => tf.gather(imagesTensor(train), order));
  const ys = tf.tidy(() => tf.gather(tf.tensor1d(train.labels!, 'float32'), order));
  log(`classifier: training on ${train.count} images (${EPOCHS} epochs; done once per dataset, then reused)…`);
  const started = Date.now();
  await model.fit(xs, ys, {
    epochs: EPOCHS,
    batchSize: 64,
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: async (epoch) => log(`classifier: epoch ${epoch + 1}/${EPOCHS} (${((Date.now() - started) / 1000).toFixed(0)} s)`) },
  });
  tf.dispose([xs, ys]);
  return model;
}

// Enough for a comfortable margin over 97% on the 8k MNIST training digits (measured: see the note).
const EPOCHS = 8;
// Bump when the architecture or training changes: stored classifiers of other versions are not reused.
const ARCHITECTURE = 'cnn32-64-128/v1';

/** A hash of everything that decides the trained classifier. */
function dataKey(train: ImageSet, numClasses: number): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ architecture: ARCHITECTURE, epochs: EPOCHS, shape: train.shape, count: train.count, numClasses }));
  hash.update(new Uint8Array(train.images.buffer, train.images.byteOffset, train.images.byteLength));
  if (train.labels) hash.update(new Uint8Array(train.labels.buffer, train.labels.byteOffset, train.labels.byteLength));
  return hash.digest('hex').slice(0, 32);
}

/** The data key a stored classifier folder was trained for, if it holds a complete one. */
function storedKey(dir: string): string | undefined {
  if (!existsSync(path.join(dir, 'model.json'))) return undefined;
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'classifier.json'), 'utf8')) as { dataKey?: string }).dataKey;
  } catch {
    return undefined;
  }
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
