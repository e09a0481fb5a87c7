import type { Tensor } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';
import { GanpipeError } from '../core/errors.js';
import type { Pipeline } from '../core/pipeline.js';
import type { Batch } from '../core/batch.js';
import { isSplitter } from '../core/capabilities.js';
import type { GanTrainer, StepMetrics } from '../core/trainer.js';
import { BatchFeed } from './batchFeed.js';
import { progressGrid } from './grid.js';
import { RunFolder } from './runFolder.js';
import type { MetricsLine, TrainState } from './runFiles.js';

/** How long to train and where to write. */
export interface TrainOptions {
  /** The run directory (config.json, metrics.jsonl, samples/, checkpoints/, report.html). */
  readonly out: string;
  /** Stop after this many steps (a step is one D and one G update). */
  readonly steps?: number | undefined;
  /** Stop after this many epochs (when `steps` is not set). @default 1 */
  readonly epochs?: number | undefined;
  /** Write a sample grid every this many steps. @default 250 */
  readonly sampleEvery?: number | undefined;
  /** Save a checkpoint every this many steps. @default 500 */
  readonly checkpointEvery?: number | undefined;
  /** Continue from the run's last checkpoint: same step count, noise and data position. */
  readonly resume?: boolean | undefined;
  /** Written to config.json (the resolved pipeline file, with the seed in use). */
  readonly config?: unknown;
  /** Train on this split only (`sample.split`); default: `train` when the pipeline has a split stage. */
  readonly split?: string | undefined;
  /** Called after every step, for progress displays. */
  readonly onStep?: ((progress: TrainProgress) => void) | undefined;
}

/** What `onStep` receives. */
export interface TrainProgress {
  readonly step: number;
  /** Total steps, when known. */
  readonly total: number | undefined;
  readonly epoch: number;
  readonly metrics: MetricsLine;
  readonly elapsedMs: number;
}

/** Summary of a finished `train()`. */
export interface TrainResult {
  readonly steps: number;
  readonly epoch: number;
  readonly seconds: number;
  /** Fraction of wall time spent waiting for the next batch (none was ready). */
  readonly dataStall: number;
  /** Fraction of wall time the pipeline's own JS work took on the training thread, between steps. */
  readonly pipelineShare: number;
  readonly last: MetricsLine | undefined;
  readonly outDir: string;
}

// Event-loop turns the pipeline gets after each step.
const PIPELINE_TURNS = 4;

/**
 * Trains `trainer` on `pipeline`'s batches. The trainer sets the pace: batches are pulled one
 * at a time, so the pipeline never runs more than its in-flight bound ahead. Every step is
 * logged to metrics.jsonl; grids and checkpoints are written as it goes.
 */
export async function train(pipeline: Pipeline, trainer: GanTrainer, options: TrainOptions): Promise<TrainResult> {
  const sampleEvery = options.sampleEvery ?? 250;
  const checkpointEvery = options.checkpointEvery ?? 500;
  // Test data must not leak into training: with a split stage, train on "train".
  const split = options.split ?? (pipeline.stages.some(isSplitter) ? 'train' : undefined);
  await pipeline.prepare();
  if (trainer.numClasses > 0 && pipeline.classes.size !== trainer.numClasses) {
    throw new GanpipeError(`${trainer.name} was built for ${trainer.numClasses} classes; the pipeline has ${pipeline.classes.size}`);
  }
  const config = options.config ?? { seed: pipeline.seed, model: trainer.name };
  const run = options.resume
    ? await RunFolder.resume(options.out, trainer, pipeline.seed, config)
    : { folder: await RunFolder.start(options.out, config), state: { step: 0, epoch: 0, cursor: 0, seed: pipeline.seed, model: trainer.name } };
  const folder = run.folder;
  let state: TrainState = run.state;
  const total = plannedSteps(pipeline, options);
  const done = () => (options.steps !== undefined ? state.step >= options.steps : state.epoch >= (options.epochs ?? 1));

  const grid = progressGrid(trainer, pipeline.seed, pipeline.stages);
  const feed = new BatchFeed(pipeline, split);
  const started = performance.now();
  let waited = 0;
  let pipelineTurns = 0;
  let last: MetricsLine | undefined;
  try {
    while (!done()) {
      const epochStart = state.cursor;
      const batches = feed.open(state.epoch, epochStart);
      let sawBatch = false;
      try {
        while (!done()) {
          const t0 = performance.now();
          const batch = await batches.next();
          const waitMs = performance.now() - t0;
          if (!batch) break;
          sawBatch = true;
          const { metrics, stepMs, pipelineMs } = await timedStep(trainer, batch, state.step);
          waited += waitMs;
          pipelineTurns += pipelineMs;
          state = { ...state, step: state.step + 1, cursor: batch.cursor };
          last = { step: state.step, epoch: state.epoch, ...metrics, ms_step: stepMs, ms_wait: waitMs, ms_pipeline: pipelineMs, time: Date.now() };
          if (![metrics.d_loss, metrics.g_loss].every(Number.isFinite)) {
            throw new GanpipeError(`training diverged at step ${state.step}: d_loss ${metrics.d_loss}, g_loss ${metrics.g_loss}`);
          }
          // Every source item of this epoch is taken: open the next one now, so its listing,
          // cache check and first decodes overlap the last steps instead of stalling the first.
          if (batches.sourceDone && !done()) feed.openAhead(state.epoch + 1);
          await folder.log(last);
          options.onStep?.({ step: state.step, total, epoch: state.epoch, metrics: last, elapsedMs: performance.now() - started });
          if (state.step % sampleEvery === 0) await folder.writeGrid(state.step, await grid.png());
          if (state.step % checkpointEvery === 0) await folder.checkpoint(trainer, state);
        }
      } finally {
        await batches.close();
      }
      if (done()) break;
      if (!sawBatch && epochStart === 0) throw new GanpipeError('the pipeline produced no batch in a whole epoch: check the source and the report');
      state = { ...state, epoch: state.epoch + 1, cursor: 0 };
    }
    if (state.step % sampleEvery !== 0) await folder.writeGrid(state.step, await grid.png());
    await folder.checkpoint(trainer, state);
  } finally {
    await feed.close();
    await folder.flush();
    grid.dispose();
  }
  await folder.writeReport();
  const seconds = (performance.now() - started) / 1000;
  return { steps: state.step, epoch: state.epoch, seconds, dataStall: waited / 1000 / seconds, pipelineShare: pipelineTurns / 1000 / seconds, last, outDir: options.out };
}

/** Steps the run will take: `steps`, else whole batches per epoch × `epochs` when the source's size is known. */
function plannedSteps(pipeline: Pipeline, options: TrainOptions): number | undefined {
  const batchSize = pipeline.batchOptions?.size ?? 1;
  const perEpoch = pipeline.size !== undefined ? Math.max(1, Math.floor(pipeline.size / batchSize)) : undefined;
  return options.steps ?? (perEpoch !== undefined ? perEpoch * (options.epochs ?? 1) : undefined);
}

/**
 * One training step on `batch`, which it disposes, then the pipeline's turns on the event loop.
 * TensorFlow runs synchronously on this thread and the next batch may be a microtask away: a
 * few turns let reads that finished during the step start their decodes, which then run on the
 * thread pool during the next step. (One turn per hop: read, then decode. Measured in
 * bench/dataStall.ts.)
 */
async function timedStep(trainer: GanTrainer, batch: Batch, step: number): Promise<{ metrics: StepMetrics; stepMs: number; pipelineMs: number }> {
  const t0 = performance.now();
  let metrics: StepMetrics;
  try {
    metrics = await trainer.step(batch, step);
  } finally {
    tf.dispose([batch.xs, ...(batch.ys ? [batch.ys as Tensor] : [])]);
  }
  const t1 = performance.now();
  for (let turn = 0; turn < PIPELINE_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
  return { metrics, stepMs: t1 - t0, pipelineMs: performance.now() - t1 };
}
