import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GanpipeError } from '../core/errors.js';
import type { LoadedPipelineFile } from '../config/pipelineFile.js';
import type { TrainSection } from '../config/trainSection.js';
import { runPaths } from './runFiles.js';
import { createTrainer, imageShapeOf, modelDefinitionOf } from './trainConfig.js';
import { train, type TrainOptions, type TrainResult } from './train.js';
import type { GanTrainer } from '../core/trainer.js';

/** What config.json records: enough to rebuild the trainer for `sample` and `eval`. */
export interface RunConfig {
  readonly pipelineFile: string;
  /** The pipeline file as run, with the seed actually used. */
  readonly pipeline: Record<string, unknown>;
  readonly seed: number | string;
  readonly model: string;
  readonly options: Record<string, unknown>;
  readonly loop: TrainSection['loop'];
  readonly imageShape: [number, number, number];
  readonly classes: string[];
}

/** Trains what a pipeline file's `train` section describes, into `out`. */
export async function trainFromFile(
  loaded: LoadedPipelineFile & { file: string },
  options: Omit<TrainOptions, 'config' | 'sampleEvery' | 'checkpointEvery'>,
): Promise<TrainResult & { trainer: GanTrainer }> {
  const section = loaded.train;
  if (!section) throw new GanpipeError(`${loaded.file} has no "train" section`);
  const p = loaded.pipeline;
  await p.prepare();
  const imageShape = await imageShapeOf(p);
  const trainer = await createTrainer(section, p, imageShape);
  const config: RunConfig = {
    pipelineFile: path.resolve(loaded.file),
    pipeline: { ...loaded.json, seed: p.seed },
    seed: p.seed,
    model: section.model,
    options: section.options,
    loop: section.loop,
    imageShape,
    classes: [...p.classes.keys()],
  };
  const steps = options.steps ?? (options.epochs === undefined ? section.loop.steps : undefined);
  const epochs = options.epochs ?? section.loop.epochs;
  const result = await train(p, trainer, {
    ...options,
    steps,
    epochs,
    sampleEvery: section.loop.sampleEvery,
    checkpointEvery: section.loop.checkpointEvery,
    config,
  });
  return { ...result, trainer };
}

/** Rebuilds a run's trainer from its config.json and loads its latest checkpoint. */
export async function loadRun(dir: string): Promise<{ config: RunConfig; trainer: GanTrainer }> {
  const paths = runPaths(dir);
  if (!existsSync(paths.config) || !existsSync(paths.latest)) {
    throw new GanpipeError(`${dir} is not a finished ganpipe run (no config.json or checkpoints/latest); train with \`ganpipe run <pipeline.json>\``);
  }
  const config = JSON.parse(await readFile(paths.config, 'utf8')) as RunConfig;
  const trainer = modelDefinitionOf(config.model, paths.config).create(config.options as never, { imageShape: config.imageShape, numClasses: config.classes.length, seed: config.seed });
  await trainer.load(paths.latest);
  return { config, trainer };
}

