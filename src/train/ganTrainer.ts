import type { LayersModel, Optimizer, Tensor, Tensor4D } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';
import { GanpipeError } from '../core/errors.js';
import { deriveRng } from '../core/rng.js';
import type { Batch } from '../core/batch.js';
import type { GanTrainer, StepMetrics } from '../core/trainer.js';
import type { GanLoss } from './losses.js';
import type { DiscriminatorAugment } from './augment/index.js';
import { adam } from './adam.js';
import { loadGan, saveGan } from './ganCheckpoint.js';
import { alternatingStep, discriminatorStep, generatorStep, simultaneousStep, withLabels, type GanSetup } from './ganSteps.js';

/** A `GanTrainer` whose D and G halves can also be run on their own. */
export interface StepwiseGanTrainer extends GanTrainer {
  /** D's half of a step (tests, or schedules with several D steps per G step). */
  discriminatorStep(batch: Batch, step: number): Promise<Omit<StepMetrics, 'g_loss'>>;
  /** G's half of a step; returns G's loss. */
  generatorStep(batch: Batch, step: number): Promise<number>;
}

/** Everything a GAN trainer is made of; plug in your own models, loss or optimizers. */
export interface GanTrainerParts {
  readonly name: string;
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  readonly loss: GanLoss;
  readonly latentDim: number;
  /** > 0 for conditional models: G and D then take `[input, label]`. @default 0 */
  readonly numClasses?: number;
  /** @default adam(2e-4, β1 0.5): tfjs' Adam with TensorFlow's fused update (`adam`) */
  readonly generatorOptimizer?: Optimizer;
  /** @default adam(2e-4, β1 0.5) */
  readonly discriminatorOptimizer?: Optimizer;
  /** Seeds the latent noise of every step (with the step number). @default 0 */
  readonly seed?: number | string;
  /**
   * DiffAugment or ADA, inside the tapes: D sees augmented real and fake images, and G's
   * gradient flows back through the augmentation (in `step`, through the fakes D judged).
   */
  readonly augment?: DiscriminatorAugment | undefined;
  /**
   * How `step` makes its D and G updates. 'simultaneous': both updates from one forward pass of
   * G and of D, as in Keras' DCGAN tutorial (G's backward pass is not part of D's update).
   * 'alternating': D's update on fakes, then G's on fresh noise against the updated D (one more
   * G and D forward pass). Their speed and quality on MNIST: README "Performance" (`npm run bench:gan`).
   * @default 'simultaneous'
   */
  readonly updates?: 'alternating' | 'simultaneous';
}

/**
 * A `GanTrainer` from parts, training the layers models as they are (so user models work
 * unchanged). `step` runs `discriminatorStep` then `generatorStep` (each with its own fakes),
 * or, with `updates: 'simultaneous'`, both updates from one forward pass (ganSteps.ts).
 * Noise is drawn from seeds derived from (seed, step), so a resumed run draws the same noise.
 * Its first step installs ganpipe's tfjs speed-ups (`installTfjsPatches`).
 */
export function createGanTrainer(parts: GanTrainerParts): StepwiseGanTrainer {
  const seed = parts.seed ?? 0;
  const gan: GanSetup = {
    name: parts.name,
    generator: parts.generator,
    discriminator: parts.discriminator,
    loss: parts.loss,
    latentDim: parts.latentDim,
    numClasses: parts.numClasses ?? 0,
    generatorOptimizer: parts.generatorOptimizer ?? adam(2e-4, 0.5),
    discriminatorOptimizer: parts.discriminatorOptimizer ?? adam(2e-4, 0.5),
    augment: parts.augment,
    noiseSeed: (step, role) => deriveRng(seed, 'noise', step, role).int32(),
  };
  const imageShape = imageShapeOf(parts.name, gan.generator);
  const update = parts.updates === 'alternating' ? alternatingStep : simultaneousStep;
  return {
    name: gan.name,
    generator: gan.generator,
    discriminator: gan.discriminator,
    latentDim: gan.latentDim,
    numClasses: gan.numClasses,
    imageShape,
    discriminatorStep: (batch, step) => discriminatorStep(gan, batch, step),
    generatorStep: (batch, step) => generatorStep(gan, batch, step),
    step: (batch, step) => update(gan, batch, step),
    sample: (n, options = {}) => sample(gan, n, options),
    save: (dir) => saveGan(dir, gan),
    load: (dir) => loadGan(dir, gan),
    dispose() {
      gan.generator.dispose();
      gan.discriminator.dispose();
      gan.generatorOptimizer.dispose();
      gan.discriminatorOptimizer.dispose();
    },
  };
}

/** The generator's output shape `[H, W, C]`. */
function imageShapeOf(name: string, G: LayersModel): [number, number, number] {
  const shape = G.outputs[0]!.shape.slice(1) as [number, number, number];
  if (shape.length !== 3) throw new GanpipeError(`${name}: the generator must output [B, H, W, C], got ${JSON.stringify(G.outputs[0]!.shape)}`);
  return shape;
}

/** `n` generated images (G in inference mode) for given or cycling labels; see `GanTrainer.sample`. */
function sample(gan: GanSetup, n: number, options: NonNullable<Parameters<GanTrainer['sample']>[1]>): Tensor4D {
  const { numClasses } = gan;
  return tf.tidy(() => {
    const z = options.latents ?? tf.randomNormal([n, gan.latentDim], 0, 1, 'float32', options.seed ?? gan.noiseSeed(-1, 'sample'));
    let labels: Tensor | undefined;
    if (numClasses > 0) {
      labels = Array.isArray(options.labels)
        ? tf.tensor2d(options.labels, [options.labels.length, 1], 'int32')
        : options.labels
          ? options.labels.reshape([-1, 1])
          : tf.tensor2d(Array.from({ length: n }, (_, i) => i % numClasses), [n, 1], 'int32');
      if (labels.shape[0] !== z.shape[0]) throw new GanpipeError(`sample: ${labels.shape[0]} labels for ${z.shape[0]} latents`);
      const bad = (labels.dataSync() as Int32Array).find((l) => l < 0 || l >= numClasses);
      if (bad !== undefined) throw new GanpipeError(`sample: label ${bad} is outside 0..${numClasses - 1}`);
    }
    return gan.generator.apply(withLabels(z, labels), { training: false }) as Tensor4D;
  });
}
