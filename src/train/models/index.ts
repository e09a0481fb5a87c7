import { z } from 'zod';
import { GanpipeError } from '../../core/errors.js';
import { registerModel, type ModelContext, type ModelDefinition } from '../../config/registry.js';
import { createGanTrainer, type StepwiseGanTrainer } from '../ganTrainer.js';
import { adam } from '../adam.js';
import { LOSS_NAMES, lossByName } from '../losses.js';
import { buildDcgan } from './dcgan.js';
import { buildMlpGan } from './mlpGan.js';
import { trainAugment, trainAugmentSchema } from '../augment/index.js';

const common = {
  /** Size of the latent noise vector. @default 100 */
  latentDim: z.number().int().min(1).max(4096).default(100),
  /** Adam learning rate of both networks. @default 0.0002 */
  learningRate: z.number().positive().max(1).default(2e-4),
  /** Adam β1 of both networks. @default 0.5 */
  beta1: z.number().min(0).max(1).default(0.5),
  /** GAN-aware augmentation: `{ "policy": "color,translation,cutout" }` (DiffAugment) or `{ "adaptive": true }` (ADA). */
  augment: trainAugmentSchema.optional(),
};

const updates = z.enum(['alternating', 'simultaneous']);

/** Options of `mlp-gan`, the book's GAN. */
export const mlpGanOptionsSchema = z.strictObject({
  ...common,
  /** Target for real images in D's loss: 0.9 is one-sided label smoothing. @default 0.9 */
  realLabel: z.number().min(0.5).max(1).default(0.9),
  /** `alternating` (the book's order: D's update, then G's on fresh noise) or `simultaneous` (one forward pass). @default "alternating" */
  updates: updates.default('alternating'),
});

/** Options of `dcgan` and `cgan`. */
export const dcganOptionsSchema = z.strictObject({
  ...common,
  /** `bce` (non-saturating), `hinge`, or `wgan-gp` (gradient penalty). @default "bce" */
  loss: z.enum(LOSS_NAMES).default('bce'),
  /** Target for real images with `bce`. @default 0.9 */
  realLabel: z.number().min(0.5).max(1).default(0.9),
  /** Feature maps of the widest layers. @default 64 */
  width: z.number().int().min(8).max(1024).default(64),
  /** Label embedding size (`cgan`). @default 50 */
  embedding: z.number().int().min(1).max(1024).default(50),
  /**
   * `simultaneous`: D's and G's updates from one forward pass (Keras' DCGAN tutorial), or
   * `alternating`: D's update, then G's on fresh noise against the updated D. @default "simultaneous"
   */
  updates: updates.default('simultaneous'),
});

type CommonOptions = z.output<z.ZodObject<typeof common>> & { updates: 'alternating' | 'simultaneous' };

/** The trainer parts every built-in model sets the same way from its options. */
const commonParts = (o: CommonOptions, ctx: ModelContext) => ({
  latentDim: o.latentDim,
  generatorOptimizer: adam(o.learningRate, o.beta1),
  discriminatorOptimizer: adam(o.learningRate, o.beta1),
  seed: ctx.seed,
  augment: trainAugment(o.augment, ctx.seed),
  updates: o.updates,
});

/** The built-in models (registered for pipeline files when this module loads). */
export const ganModels: readonly ModelDefinition<StepwiseGanTrainer>[] = [
  {
    type: 'mlp-gan',
    schema: mlpGanOptionsSchema,
    description: "The book's reference GAN: dense layers, BCE, label smoothing 0.9.",
    create: (o: z.output<typeof mlpGanOptionsSchema>, ctx: ModelContext) =>
      createGanTrainer({
        name: 'mlp-gan',
        ...buildMlpGan(ctx.imageShape, o.latentDim, ctx.seed),
        loss: lossByName('bce', 'probability', o.realLabel),
        ...commonParts(o, ctx),
      }),
  },
  {
    type: 'dcgan',
    schema: dcganOptionsSchema,
    description: 'A DCGAN sized from the image shape (28, 32, 64 px…).',
    create: (o: z.output<typeof dcganOptionsSchema>, ctx: ModelContext) =>
      createGanTrainer({
        name: 'dcgan',
        ...buildDcgan(ctx.imageShape, o.latentDim, ctx.seed, { width: o.width, numClasses: 0, embedding: o.embedding }),
        loss: lossByName(o.loss, 'logits', o.realLabel),
        ...commonParts(o, ctx),
      }),
  },
  {
    type: 'cgan',
    schema: dcganOptionsSchema,
    description: 'A conditional DCGAN: the label is embedded and joined to the noise in G and the image in D.',
    create: (o: z.output<typeof dcganOptionsSchema>, ctx: ModelContext) => {
      if (ctx.numClasses < 2) {
        throw new GanpipeError(`cgan needs a labelled source with at least 2 classes; this one has ${ctx.numClasses}`);
      }
      return createGanTrainer({
        name: 'cgan',
        ...buildDcgan(ctx.imageShape, o.latentDim, ctx.seed, { width: o.width, numClasses: ctx.numClasses, embedding: o.embedding }),
        loss: lossByName(o.loss, 'logits', o.realLabel),
        numClasses: ctx.numClasses,
        ...commonParts(o, ctx),
      });
    },
  },
];

for (const definition of ganModels) registerModel(definition);

/** The built-in model named `type` (its trainers can also run D's and G's halves alone). */
export function ganModel(type: string): ModelDefinition<StepwiseGanTrainer> | undefined {
  return ganModels.find((m) => m.type === type);
}
