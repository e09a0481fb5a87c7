import { GanpipeError } from '../core/errors.js';
import type { Pipeline } from '../core/pipeline.js';
import type { Channels } from '../core/types.js';
import type { GanTrainer } from '../core/trainer.js';
import { modelDefinition } from '../config/registry.js';
import type { TrainSection } from '../config/trainSection.js';
// Registers the built-in models, so that every name a run or pipeline file uses resolves.
import './models/index.js';

/** The shape of the pipeline's images, from its first sample. */
export async function imageShapeOf(p: Pipeline): Promise<[number, number, Channels]> {
  for await (const s of p.samples({ shuffleBuffer: 0 })) return [s.image.height, s.image.width, s.image.channels];
  throw new GanpipeError('the pipeline produced no sample: check the source and its report (ganpipe run)');
}

/**
 * Builds the trainer of a registered model, sized for the pipeline's images and classes.
 * @throws GanpipeError when no model is registered under that name.
 */
export async function createTrainer(section: Pick<TrainSection, 'model' | 'options'>, p: Pipeline, imageShape?: readonly [number, number, number]): Promise<GanTrainer> {
  await p.prepare();
  return modelDefinitionOf(section.model).create(section.options as never, {
    imageShape: imageShape ?? (await imageShapeOf(p)),
    numClasses: p.classes.size,
    seed: p.seed,
  });
}

/**
 * The registered model `type` (built-ins, or one a script registered with `registerModel`).
 * @throws GanpipeError naming `where` when none is.
 */
export function modelDefinitionOf(type: string, where = 'train.model') {
  const def = modelDefinition(type);
  if (!def) throw new GanpipeError(`${where}: unknown model ${JSON.stringify(type)}; register it with registerModel() before loading the pipeline or run`);
  return def;
}
