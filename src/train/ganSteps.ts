import type { LayersModel, NamedTensorMap, Optimizer, Scalar, Tensor, Tensor4D, Variable } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';
import { installTfjsPatches } from '../backend/tfjsPatches.js';
import { GanpipeError } from '../core/errors.js';
import type { Batch } from '../core/batch.js';
import type { StepMetrics } from '../core/trainer.js';
import type { GanLoss } from './losses.js';
import type { DiscriminatorAugment } from './augment/index.js';

/** What a GAN's update steps work on: the models, loss, optimizers and noise of one trainer. */
export interface GanSetup {
  readonly name: string;
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  readonly loss: GanLoss;
  readonly latentDim: number;
  /** > 0 for conditional models: G and D then take `[input, label]`. */
  readonly numClasses: number;
  readonly generatorOptimizer: Optimizer;
  readonly discriminatorOptimizer: Optimizer;
  readonly augment: DiscriminatorAugment | undefined;
  /** The seed of the noise drawn for `role` at `step`: a resumed run draws the same noise. */
  noiseSeed(step: number, role: string): number;
}

/** D's half of a step: its loss and probabilities. */
export type DiscriminatorMetrics = Omit<StepMetrics, 'g_loss'>;

const trainable = (model: LayersModel) => model.trainableWeights.map((w) => w.read() as Variable);

/** A conditional model's inputs are `[x, labels]`. */
export const withLabels = (x: Tensor, labels: Tensor | undefined) => (labels ? [x, labels] : x);

const applyTraining = (model: LayersModel, input: Tensor | Tensor[]) => model.apply(input, { training: true }) as Tensor;

/** The batch's labels as a `[B, 1]` column for a conditional model; undefined otherwise. Caller disposes. */
function labelsOf(gan: GanSetup, batch: Batch): Tensor | undefined {
  if (gan.numClasses === 0) return undefined;
  if (!batch.ys) throw new GanpipeError(`${gan.name} is conditional: its batches need labels (ys); the source gives none`);
  return batch.ys.reshape([-1, 1]);
}

/** Fresh latent noise for `role` at `step`. */
const noise = (gan: GanSetup, n: number, step: number, role: string) => tf.randomNormal([n, gan.latentDim], 0, 1, 'float32', gan.noiseSeed(step, role));

/** DiffAugment or ADA on what D is about to see (identity without augmentation). */
const augmented = (gan: GanSetup, x: Tensor, step: number, role: 'real' | 'fake' | 'generator') => (gan.augment ? gan.augment.apply(x as Tensor4D, step, role) : x);

// λ·E[(‖∇ₓ D(x̂)‖₂ − 1)²] on random interpolates of real and fake (WGAN-GP).
function gradientPenalty(gan: GanSetup, real: Tensor, fake: Tensor, labels: Tensor | undefined, step: number): Scalar {
  const eps = tf.randomUniform([real.shape[0]!, 1, 1, 1], 0, 1, 'float32', gan.noiseSeed(step, 'gp'));
  const mixed = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
  const grad = tf.grad((x: Tensor) => tf.sum(applyTraining(gan.discriminator, withLabels(x, labels))))(mixed);
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(grad), [1, 2, 3]), 1e-12));
  return tf.mul(gan.loss.gradientPenalty, tf.mean(tf.square(tf.sub(norm, 1)))) as Scalar;
}

/**
 * D's outputs on real and fake and its loss, with the metrics D's update reports stacked in
 * one tensor (d_loss, d_real, d_fake[, Σ sign]) so that a step reads them back in one go.
 */
function discriminatorLoss(gan: GanSetup, real: Tensor, fake: Tensor, labels: Tensor | undefined, step: number) {
  const { discriminator: D, loss, augment } = gan;
  const outReal = applyTraining(D, withLabels(augmented(gan, real, step, 'real'), labels));
  const outFake = applyTraining(D, withLabels(augmented(gan, fake, step, 'fake'), labels));
  const base = loss.discriminator(outReal, outFake);
  const dLoss = loss.gradientPenalty > 0 ? (tf.add(base, gradientPenalty(gan, real, fake, labels, step)) as Scalar) : base;
  const pReal = loss.probability(outReal);
  const stats = [dLoss, tf.mean(pReal), tf.mean(loss.probability(outFake))];
  if (augment?.observe) stats.push(tf.sum(tf.sign(tf.sub(pReal, 0.5))));
  return { dLoss, outFake, stats: tf.stack(stats) };
}

/** Turns the stacked metrics into D's numbers, feeding ADA its sign sum. */
function discriminatorMetrics(gan: GanSetup, values: Float32Array | Int32Array | Uint8Array, n: number): DiscriminatorMetrics {
  const { augment } = gan;
  if (augment?.observe) augment.observe(values[3]!, n);
  return { d_loss: values[0]!, d_real: values[1]!, d_fake: values[2]!, ...(augment?.metrics?.() ?? {}) };
}

/** One discriminator update on real images and fresh fakes. */
export async function discriminatorStep(gan: GanSetup, batch: Batch, step: number): Promise<DiscriminatorMetrics> {
  installTfjsPatches();
  const real = batch.xs;
  const n = real.shape[0];
  const labels = labelsOf(gan, batch);
  // Fake images made outside D's tape: D's gradients must not reach G.
  const fake = tf.tidy(() => applyTraining(gan.generator, withLabels(noise(gan, n, step, 'd'), labels)));
  let stats: Tensor | undefined;
  gan.discriminatorOptimizer.minimize(
    () => {
      const d = discriminatorLoss(gan, real, fake, labels, step);
      stats = tf.keep(d.stats);
      return d.dLoss;
    },
    false,
    trainable(gan.discriminator),
  );
  const values = await stats!.data();
  tf.dispose([fake, stats!, ...(labels ? [labels] : [])]);
  return discriminatorMetrics(gan, values, n);
}

/** One generator update: G aims for D's "real" verdict on fresh fakes. Returns G's loss. */
export async function generatorStep(gan: GanSetup, batch: Batch, step: number): Promise<number> {
  installTfjsPatches();
  const n = batch.xs.shape[0];
  const labels = labelsOf(gan, batch);
  const gLoss = gan.generatorOptimizer.minimize(
    () => {
      const fake = applyTraining(gan.generator, withLabels(noise(gan, n, step, 'g'), labels));
      return gan.loss.generator(applyTraining(gan.discriminator, withLabels(augmented(gan, fake, step, 'generator'), labels)));
    },
    true,
    trainable(gan.generator),
  )!;
  const value = (await gLoss.data())[0]!;
  tf.dispose([gLoss, ...(labels ? [labels] : [])]);
  return value;
}

/** The 'alternating' step: D's update on fresh fakes, then G's on fresh noise against the updated D. */
export async function alternatingStep(gan: GanSetup, batch: Batch, step: number): Promise<StepMetrics> {
  return { ...(await discriminatorStep(gan, batch, step)), g_loss: await generatorStep(gan, batch, step) };
}

/**
 * The 'simultaneous' step: one D update and one G update from one forward pass, like Keras'
 * one-pass `train_step`. G makes the fakes once, inside G's tape; D's gradients come from a
 * tape nested in it (so G's backward pass is not part of D's update); G's loss reads D's
 * verdict on those fakes, and its gradient goes back through D's input path only (D's weights
 * are not on it). Both updates apply after both gradients exist.
 */
export async function simultaneousStep(gan: GanSetup, batch: Batch, step: number): Promise<StepMetrics> {
  installTfjsPatches();
  const real = batch.xs;
  const n = real.shape[0];
  const labels = labelsOf(gan, batch);
  const z = noise(gan, n, step, 'step');
  let dGrads: NamedTensorMap = {};
  let stats: Tensor | undefined;
  const g = tf.variableGrads(() => {
    const fake = applyTraining(gan.generator, withLabels(z, labels));
    let outFake: Tensor | undefined;
    const d = tf.variableGrads(() => {
      const r = discriminatorLoss(gan, real, fake, labels, step);
      outFake = tf.keep(r.outFake);
      stats = tf.keep(r.stats);
      return r.dLoss;
    }, trainable(gan.discriminator));
    dGrads = d.grads;
    Object.values(dGrads).forEach((t) => tf.keep(t));
    const gLoss = gan.loss.generator(outFake!);
    outFake!.dispose();
    return gLoss;
  }, trainable(gan.generator));
  gan.generatorOptimizer.applyGradients(g.grads);
  gan.discriminatorOptimizer.applyGradients(dGrads);
  const all = tf.tidy(() => tf.concat([stats!, tf.reshape(g.value, [1])]));
  const values = await all.data();
  tf.dispose([z, all, stats!, g.value, ...Object.values(g.grads), ...Object.values(dGrads), ...(labels ? [labels] : [])]);
  return { ...discriminatorMetrics(gan, values, n), g_loss: values[values.length - 1]! };
}
