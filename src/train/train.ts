import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';
import { GanpipeError } from '../core/errors.js';
import { stableHash } from '../core/rng.js';
import type { BatchStream, Pipeline } from '../core/pipeline.js';
import type { Batch } from '../core/batch.js';
import { gridPixels, imageGrid } from './grid.js';
import { appendMetrics, readMetrics, readState, runPaths, writeJson, type MetricsLine, type TrainState } from './runFiles.js';
import type { GanTrainer } from '../core/trainer.js';
import { isSplitter } from '../core/capabilities.js';
import { writeRunReport } from './report.js';

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

/** An epoch's batch stream, already started. */
interface OpenEpoch {
  readonly epoch: number;
  readonly stream: BatchStream;
  readonly iterator: AsyncIterator<Batch>;
  readonly first: Promise<IteratorResult<Batch>>;
}

/** Fixed latents (and labels) of the progress grids: the same images, better over time. */
function gridInputs(trainer: GanTrainer, seed: number | string) {
  const conditional = trainer.numClasses > 0;
  const n = conditional ? trainer.numClasses * 8 : 64;
  const latents = tf.randomNormal([n, trainer.latentDim], 0, 1, 'float32', stableHash(`${seed}/grid`));
  const labels = conditional ? Array.from({ length: n }, (_, i) => i % trainer.numClasses) : undefined;
  return { latents, labels, columns: conditional ? trainer.numClasses : 8 };
}

/**
 * Trains `trainer` on `pipeline`'s batches. The trainer sets the pace: batches are pulled one
 * at a time, so the pipeline never runs more than its in-flight bound ahead. Every step is
 * logged to metrics.jsonl; grids and checkpoints are written as it goes.
 */
export async function train(pipeline: Pipeline, trainer: GanTrainer, options: TrainOptions): Promise<TrainResult> {
  const paths = runPaths(options.out);
  const sampleEvery = options.sampleEvery ?? 250;
  // Test data must not leak into training: with a split stage, train on "train".
  const split = options.split ?? (pipeline.stages.some(isSplitter) ? 'train' : undefined);
  const checkpointEvery = options.checkpointEvery ?? 500;
  await pipeline.prepare();
  if (trainer.numClasses > 0 && pipeline.classes.size !== trainer.numClasses) {
    throw new GanpipeError(`${trainer.name} was built for ${trainer.numClasses} classes; the pipeline has ${pipeline.classes.size}`);
  }
  let state: TrainState = { step: 0, epoch: 0, cursor: 0, seed: pipeline.seed, model: trainer.name };
  if (options.resume) {
    const saved = await readState(paths);
    if (!saved) throw new GanpipeError(`--resume: no checkpoint in ${paths.checkpoints}; run without --resume to start`);
    if (saved.seed !== pipeline.seed) throw new GanpipeError(`--resume: the checkpoint used seed ${saved.seed}, the pipeline has ${pipeline.seed}`);
    await trainer.load(paths.latest);
    state = saved;
    // Steps logged after the checkpoint are redone: drop them so each step appears once.
    const kept = (await readMetrics(paths)).filter((m) => m.step <= saved.step);
    await writeFile(paths.metrics, '');
    await appendMetrics(paths, kept);
  } else {
    await rm(paths.metrics, { force: true });
    await rm(paths.checkpoints, { recursive: true, force: true });
    await rm(paths.samples, { recursive: true, force: true });
  }
  await mkdir(paths.samples, { recursive: true });
  await writeJson(paths.config, options.config ?? { seed: pipeline.seed, model: trainer.name });

  const batchSize = pipeline.batchOptions?.size ?? 1;
  const perEpoch = pipeline.size !== undefined ? Math.max(1, Math.floor(pipeline.size / batchSize)) : undefined;
  const total = options.steps ?? (perEpoch !== undefined ? perEpoch * (options.epochs ?? 1) : undefined);
  const done = () => (options.steps !== undefined ? state.step >= options.steps : state.epoch >= (options.epochs ?? 1));

  const grid = gridInputs(trainer, pipeline.seed);
  const toPixels = gridPixels(pipeline.stages);
  const started = performance.now();
  let waited = 0;
  let pipelineTurns = 0;
  let last: MetricsLine | undefined;
  const pending: MetricsLine[] = [];

  const writeGrid = async () => {
    const images = trainer.sample(grid.latents.shape[0]!, { latents: grid.latents, ...(grid.labels ? { labels: grid.labels } : {}) });
    const png = await imageGrid(images, { columns: grid.columns, toPixels });
    images.dispose();
    await writeFile(path.join(paths.samples, `step-${String(state.step).padStart(6, '0')}.png`), png);
  };
  const checkpoint = async () => {
    await appendMetrics(paths, pending.splice(0));
    const tmp = path.join(paths.checkpoints, '.next');
    await rm(tmp, { recursive: true, force: true });
    await trainer.save(tmp);
    await writeJson(path.join(tmp, 'state.json'), state);
    // Swap in whole: a run killed mid-save still has its previous checkpoint.
    await rm(paths.latest, { recursive: true, force: true });
    await rename(tmp, paths.latest);
  };

  // The next epoch, opened while the current one's last batches train (see below).
  let upcoming: OpenEpoch | undefined;
  const open = (epoch: number, skip: number): OpenEpoch => {
    const stream = pipeline.batches({ epoch, skip, ...(split ? { split } : {}) });
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    first.catch(() => undefined); // surfaced when awaited
    return { epoch, stream, iterator, first };
  };

  try {
    while (!done()) {
      const epochStart = state.cursor;
      const current = upcoming?.epoch === state.epoch && epochStart === 0 ? upcoming : open(state.epoch, epochStart);
      upcoming = undefined;
      const { iterator } = current;
      let first: Promise<IteratorResult<Batch>> | undefined = current.first;
      let sawBatch = false;
      try {
        for (;;) {
          if (done()) break;
          const t0 = performance.now();
          const next = await (first ?? iterator.next());
          first = undefined;
          const t1 = performance.now();
          if (next.done) break;
          sawBatch = true;
          const batch = next.value;
          let metrics;
          try {
            metrics = await trainer.step(batch, state.step);
          } finally {
            tf.dispose([batch.xs, ...(batch.ys ? [batch.ys as Tensor] : [])]);
          }
          const t2 = performance.now();
          // TensorFlow runs synchronously on this thread and the next batch may be a microtask
          // away: give the pipeline a few event-loop turns, so reads that finished during the
          // step start their decodes, which then run on the thread pool during the next step.
          // (One turn per hop: read, then decode. Measured in bench/dataStall.ts.)
          for (let turn = 0; turn < PIPELINE_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
          const t3 = performance.now();
          waited += t1 - t0;
          pipelineTurns += t3 - t2;
          state = { ...state, step: state.step + 1, cursor: batch.cursor };
          last = { step: state.step, epoch: state.epoch, ...metrics, ms_step: t2 - t1, ms_wait: t1 - t0, ms_pipeline: t3 - t2, time: Date.now() };
          if (![metrics.d_loss, metrics.g_loss].every(Number.isFinite)) {
            throw new GanpipeError(`training diverged at step ${state.step}: d_loss ${metrics.d_loss}, g_loss ${metrics.g_loss}`);
          }
          // Every source item of this epoch is taken: open the next one now, so its listing,
          // cache check and first decodes overlap the last steps instead of stalling the first.
          if (!upcoming && current.stream.sourceDone && !done()) upcoming = open(state.epoch + 1, 0);
          pending.push(last);
          if (pending.length >= 50) await appendMetrics(paths, pending.splice(0));
          options.onStep?.({ step: state.step, total, epoch: state.epoch, metrics: last, elapsedMs: performance.now() - started });
          if (state.step % sampleEvery === 0) await writeGrid();
          if (state.step % checkpointEvery === 0) await checkpoint();
        }
      } finally {
        await iterator.return?.();
      }
      if (done()) break;
      if (!sawBatch && epochStart === 0) throw new GanpipeError('the pipeline produced no batch in a whole epoch: check the source and the report');
      state = { ...state, epoch: state.epoch + 1, cursor: 0 };
    }
    if (state.step % sampleEvery !== 0) await writeGrid();
    await checkpoint();
  } finally {
    await upcoming?.iterator.return?.();
    await appendMetrics(paths, pending.splice(0));
    grid.latents.dispose();
  }
  await writeRunReport(options.out);
  const seconds = (performance.now() - started) / 1000;
  return { steps: state.step, epoch: state.epoch, seconds, dataStall: waited / 1000 / seconds, pipelineShare: pipelineTurns / 1000 / seconds, last, outDir: options.out };
}
