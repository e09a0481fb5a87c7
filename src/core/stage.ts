import { mergeMap, type OperatorFunction } from 'rxjs';
import { orderedMap } from './orderedMap.js';
import { GanpipeError } from './errors.js';
import type { Rng } from './rng.js';
import type { ReasonCode, Sample } from './types.js';

/** What a stage gets from the run it is part of. */
export interface StageContext {
  readonly seed: number | string;
  readonly epoch: number;
  /** How many samples an async stage may process at once. */
  readonly concurrency: number;
  /** Stable key of this stage in the pipeline (`id` option, or `type#n`); part of every RNG seed. */
  readonly stageKey: string;
  /** The RNG of one sample in this stage and epoch. */
  rng(sampleId: string): Rng;
  /** Takes a sample out of the stream, into the run's report. Never drop a sample without it. */
  reject(sample: Sample, reason: ReasonCode, message: string, details?: Record<string, unknown>): void;
}

/**
 * A pipeline step. Its factory (`stages.resize(options)`) validates the options once and
 * returns this; the pipeline calls `operator(context)` once per epoch. What a stage can do
 * besides (fit statistics, assign splits, be inverted…) are the capabilities in
 * `capabilities.ts`, which the pipeline recognises by shape, not by `type`.
 */
export interface Stage<Options = unknown> {
  /** Registry name, the same as the JSON `"type"`. */
  readonly type: string;
  /** The resolved, frozen options. */
  readonly options: Options;
  /** Optional stable id, so the stage's random draws survive inserting other stages. */
  readonly id?: string | undefined;
  operator(ctx: StageContext): OperatorFunction<Sample, Sample>;
}

/**
 * The operator of a stage that maps each sample on its own, `concurrency` at a time, in order.
 * A thrown `GanpipeError` ends the run (a `fail` policy); any other error costs that sample
 * only, recorded in the report with reason `stage_error`.
 */
export function mapEachSample(
  ctx: StageContext,
  fn: (sample: Sample) => Promise<Sample | undefined> | Sample | undefined,
): OperatorFunction<Sample, Sample> {
  return orderedMap(async (sample: Sample) => {
    try {
      return await fn(sample);
    } catch (error) {
      return stageError(ctx, sample, error);
    }
  }, ctx.concurrency);
}

/**
 * Like `mapEachSample`, but synchronous and strictly one sample after another, in input order:
 * for stages whose decision depends on every sample before (dedup).
 */
export function mapEachSampleInOrder(ctx: StageContext, fn: (sample: Sample) => Sample | undefined): OperatorFunction<Sample, Sample> {
  return mergeMap((sample: Sample) => {
    try {
      const out = fn(sample);
      return out ? [out] : [];
    } catch (error) {
      stageError(ctx, sample, error);
      return [];
    }
  });
}

// A GanpipeError ends the run; anything else costs this sample only.
function stageError(ctx: StageContext, sample: Sample, error: unknown): undefined {
  if (error instanceof GanpipeError) throw error;
  ctx.reject(sample, 'stage_error', `${ctx.stageKey}: ${(error as Error).message ?? String(error)}`);
  return undefined;
}
