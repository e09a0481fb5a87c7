import path from 'node:path';
import type { Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';
import { buildPipelineFile } from '../../config/pipelineFile.js';
import { GanpipeError } from '../../core/errors.js';
import { stableHash } from '../../core/rng.js';
import { runPaths, writeJson } from '../runFiles.js';
import { loadRun } from '../session.js';
import type { GanTrainer } from '../../core/trainer.js';
import { classifierPlaces, featureClassifier, imagesTensor, predictInChunks, type ImageSet } from './classifier.js';
import { frechetDistance, moments } from './frechet.js';
import { inceptionScore, precisionRecall } from './metrics.js';

/** The numbers `ganpipe eval` reports. */
export interface EvalResult {
  readonly classifierAccuracy: number;
  /** Real images held out from the classifier's training, split in two halves of `n`. */
  readonly n: number;
  /** Fréchet distance, generated vs held-out real, in the classifier's feature space. */
  readonly frechet: number;
  /** The same distance between the two real halves: the best a generator can expect. */
  readonly frechetRealFloor: number;
  readonly inceptionScore: number;
  readonly inceptionScoreReal: number;
  readonly precision: number;
  readonly recall: number;
  /** cgan: the classifier's accuracy on images generated for each requested class. */
  readonly perClassAccuracy?: Record<string, number> | undefined;
  readonly conditionalAccuracy?: number | undefined;
}

// A stable 1-in-5 test split by sample id: the same images are held out in every run.
const isTest = (id: string) => stableHash(id) % 5 === 0;

async function loadImages(config: Awaited<ReturnType<typeof loadRun>>['config'], limit: number): Promise<{ train: ImageSet; test: ImageSet }> {
  const { pipeline } = buildPipelineFile(config.pipeline, { baseDir: path.dirname(config.pipelineFile), where: config.pipelineFile });
  await pipeline.prepare();
  const [h, w, c] = config.imageShape;
  const size = h * w * c;
  const parts = { train: [] as { data: Float32Array; label: number | undefined }[], test: [] as { data: Float32Array; label: number | undefined }[] };
  for await (const s of pipeline.samples({ shuffleBuffer: 0 })) {
    const data = s.image.data instanceof Float32Array ? s.image.data : Float32Array.from(s.image.data, (v) => v / 127.5 - 1);
    (isTest(s.id) ? parts.test : parts.train).push({ data, label: s.label === undefined ? undefined : pipeline.classes.get(s.label) });
    if (parts.train.length + parts.test.length >= limit) break;
  }
  const toSet = (items: typeof parts.train): ImageSet => {
    const images = new Float32Array(items.length * size);
    items.forEach((it, i) => images.set(it.data, i * size));
    const labelled = items.every((it) => it.label !== undefined);
    return { images, labels: labelled ? Int32Array.from(items, (it) => it.label!) : undefined, shape: [h, w, c], count: items.length };
  };
  return { train: toSet(parts.train), test: toSet(parts.test) };
}

function generate(trainer: GanTrainer, n: number, labels?: number[]): Tensor4D {
  const chunks: Tensor4D[] = [];
  for (let i = 0; i < n; i += 250) {
    const m = Math.min(250, n - i);
    chunks.push(trainer.sample(m, { seed: 1000 + i, ...(labels ? { labels: labels.slice(i, i + m) } : {}) }));
  }
  const out = tf.concat(chunks) as Tensor4D;
  tf.dispose(chunks);
  return out;
}

/**
 * Evaluates a run's latest generator against held-out real images, in the feature space of a
 * classifier trained on the rest (cached in the run folder). Writes eval.json.
 */
export async function evaluateRun(dir: string, { limit = 20000, log = (_: string) => {} }: { limit?: number; log?: (msg: string) => void } = {}): Promise<EvalResult> {
  const paths = runPaths(dir);
  const { config, trainer } = await loadRun(dir);
  try {
    if (config.classes.length < 2) throw new GanpipeError('eval needs a labelled dataset (at least 2 classes) to train its feature classifier');
    const { train, test } = await loadImages(config, limit);
    if (test.count < 20) throw new GanpipeError(`eval: only ${test.count} held-out images; need at least 20`);
    const clf = await featureClassifier(classifierPlaces(paths.classifier), train, test, config.classes.length, log);
    const n = Math.floor(test.count / 2);
    const feats = (x: Tensor4D | ImageSet) => predictInChunks(clf.features, x);
    const realA = imagesTensor(test, 0, n);
    const realB = imagesTensor(test, n, n);
    const fake = generate(trainer, n);
    const [fA, fB, fG] = [feats(realA), feats(realB), feats(fake)];
    const m = (t: Tensor2D) => moments(t.dataSync() as Float32Array, t.shape[0], t.shape[1]);
    const [mA, mB, mG] = [m(fA), m(fB), m(fG)];
    const probsFake = predictInChunks(clf.model, fake);
    const probsReal = predictInChunks(clf.model, realB);
    const pr = precisionRecall(fA, fG, 3);
    const result: EvalResult = {
      classifierAccuracy: clf.accuracy,
      n,
      frechet: frechetDistance(mG, mA),
      frechetRealFloor: frechetDistance(mB, mA),
      inceptionScore: inceptionScore(probsFake),
      inceptionScoreReal: inceptionScore(probsReal),
      ...pr,
      ...(trainer.numClasses > 0 ? conditional(trainer, clf.model, config.classes) : {}),
    };
    tf.dispose([realA, realB, fake, fA, fB, fG, probsFake, probsReal] as Tensor[]);
    clf.model.dispose();
    await writeJson(paths.eval, result);
    return result;
  } finally {
    trainer.dispose();
  }
}

function conditional(trainer: GanTrainer, model: Parameters<typeof predictInChunks>[0], classes: string[]) {
  const per = 100;
  const labels = Array.from({ length: per * classes.length }, (_, i) => Math.floor(i / per));
  const images = generate(trainer, labels.length, labels);
  const probs = predictInChunks(model, images);
  const predicted = tf.tidy(() => tf.argMax(probs, 1).dataSync());
  tf.dispose([images, probs]);
  const perClassAccuracy: Record<string, number> = {};
  classes.forEach((name, k) => {
    let hit = 0;
    for (let i = k * per; i < (k + 1) * per; i++) if (predicted[i] === k) hit++;
    perClassAccuracy[name] = hit / per;
  });
  const conditionalAccuracy = Object.values(perClassAccuracy).reduce((a, b) => a + b, 0) / classes.length;
  return { perClassAccuracy, conditionalAccuracy };
}
