import { mergeMap, type OperatorFunction } from 'rxjs';
import { orderedMap } from './orderedMap.js';
import { GanpipeError } from './errors.js';
import type { Rng } from './rng.js';
import type { ReasonCode, Rejection, Sample } from './types.js';
import type { LoadHint } from '../sources/source.js';

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

/** What a stage that fits statistics gets: its upstream samples and a fingerprint of them. */
export interface FitContext {
  /** The samples as they reach this stage (of the stage's `fitSplit` when a split stage is upstream), epoch 0. */
  upstream(): AsyncIterable<Sample>;
  /** A hash of everything upstream (source and its file list, stages and options, seed, split); undefined when the source cannot be described. */
  readonly fingerprint: string | undefined;
}

/**
 * A pipeline step. Its factory (`stages.resize(options)`) validates the options once and
 * returns this; the pipeline calls `operator(context)` once per epoch.
 */
export interface Stage<Options = unknown> {
  /** Registry name, the same as the JSON `"type"`. */
  readonly type: string;
  /** The resolved, frozen options. */
  readonly options: Options;
  /** Optional stable id, so the stage's random draws survive inserting other stages. */
  readonly id?: string | undefined;
  operator(ctx: StageContext): OperatorFunction<Sample, Sample>;
  /**
   * What this stage does to every image, offered to the source when the stage comes first (a
   * resize lets JPEGs decode at reduced scale). The stage must then accept images the source
   * already processed: `takeResizedOnLoad` tells which.
   */
  readonly loadHint?: LoadHint;
  /**
   * Called once per pass before any sample flows, with the source's listing (ids and labels)
   * when the source lists its items up front (glob, idx), else undefined.
   */
  prepare?(listing: readonly { id: string; label?: string | undefined }[] | undefined, ctx: StageContext): void;
  /**
   * The split of a source item when its id alone decides it (after `prepare`), so that a pass
   * over one split can skip reading the others. Undefined when it depends on decoded content.
   */
  splitOfItem?(id: string, upstream: readonly Stage[]): string | undefined;
  /** Fits statistics with a first pass over the upstream data before any epoch runs (e.g. normalize). */
  fit?(ctx: FitContext): Promise<void>;
  /** The split `fit` uses when a split stage is upstream. */
  readonly fitSplit?: string;
  /** Sees each sample the source could not decode; throwing ends the run (a `fail` policy). */
  onSourceRejection?(rejection: Rejection): void;
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
