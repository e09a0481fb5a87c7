import { createHash } from 'node:crypto';
import { z } from 'zod';
import type * as tfTypes from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';
import { parseOptions } from '../config/parse.js';
import { GanpipeError } from './errors.js';
import { SampleFlow, type FlowPlan } from './flow.js';
import { toBatch, type Batch } from './batch.js';
import { generateSeed } from './rng.js';
import type { RunReport } from './report.js';
import type { Stage } from './stage.js';
import { isFittable, isSplitter, type Fittable } from './capabilities.js';
import { findCachePoint } from './sampleCache.js';
import type { Sample } from './types.js';
import type { Source, SourceListing } from '../sources/source.js';

export const pipelineOptionsSchema = z.strictObject({
  /** Seed of every random decision. @default a generated seed, printed and recorded */
  seed: z.union([z.number().int(), z.string().min(1)]).optional(),
  /** Samples decoded and processed at once by each async stage. @default 4 */
  concurrency: z.number().int().min(1).max(256).default(4),
  /** A name for reports and run folders. */
  name: z.string().min(1).optional(),
});

export const batchOptionsSchema = z.strictObject({
  /** Samples per batch. */
  size: z.number().int().min(1).max(65536),
  /** Source items shuffled in a seeded buffer of this many (0: keep source order). @default 0 */
  shuffleBuffer: z.number().int().min(0).default(0),
  /** Batches prepared ahead of the consumer. @default 2 */
  prefetch: z.number().int().min(0).max(64).default(2),
  /** Drop a last, smaller batch. @default false */
  dropRemainder: z.boolean().default(false),
});

export type PipelineOptions = z.input<typeof pipelineOptionsSchema>;
export type BatchOptions = z.input<typeof batchOptionsSchema>;
export type ResolvedBatchOptions = z.output<typeof batchOptionsSchema>;

/** Which pass to run. */
export interface EpochOptions {
  /** Epoch number: part of every random seed, so each epoch shuffles and augments anew. @default 0 */
  readonly epoch?: number;
  /** Only samples of this split (`sample.split`, set by the `split` stage). */
  readonly split?: string;
  /**
   * Source items to pass over unread at the start of the epoch: a `Batch.cursor` from an earlier
   * run, to resume mid-epoch without seeing a sample twice. @default 0
   */
  readonly skip?: number;
}

/** The batches of one epoch; `report` fills in as it runs. */
export interface BatchStream extends AsyncIterable<Batch> {
  readonly report: RunReport;
  /** True once every source item has been taken: only the batches in flight remain (a consumer may open the next epoch). */
  readonly sourceDone: boolean;
}

/** The samples of one epoch, without tensors; `report` fills in as it runs. */
export interface SampleStream extends AsyncIterable<Sample> {
  readonly report: RunReport;
}

/**
 * A declarative, immutable pipeline: a source, stages, and batching. Each builder method
 * returns a new pipeline. Nothing is read until `batches()` or `samples()` is iterated.
 *
 * @example
 * const p = pipeline({ seed: 7 })
 *   .from(sources.idx({ images: 'mnist/images-idx3-ubyte.gz', labels: 'mnist/labels-idx1-ubyte.gz' }))
 *   .pipe(stages.normalize({ range: [-1, 1] }))
 *   .batch({ size: 64, shuffleBuffer: 10000 });
 * for await (const { xs, ys } of p.batches({ epoch: 0 })) { xs.dispose(); ys?.dispose(); }
 */
export class Pipeline {
  /** The seed in use (generated when none was given). */
  readonly seed: number | string;
  readonly concurrency: number;
  readonly name: string | undefined;
  private classMap: Map<string, number> | undefined;
  // Classes not declared by the source grow in order of first appearance.
  private classesOpen = false;
  private preparedListing: SourceListing | undefined;
  private sourceSize: number | undefined;
  private listingKey: string | undefined;

  constructor(
    options: PipelineOptions = {},
    readonly source?: Source,
    readonly stages: readonly Stage[] = [],
    readonly batchOptions?: ResolvedBatchOptions,
  ) {
    const o = parseOptions(pipelineOptionsSchema, options, 'pipeline');
    this.seed = o.seed ?? generateSeed();
    this.concurrency = o.concurrency;
    this.name = o.name;
  }

  private options(): PipelineOptions {
    return { seed: this.seed, concurrency: this.concurrency, ...(this.name ? { name: this.name } : {}) };
  }

  /** Sets the source. */
  from(source: Source): Pipeline {
    return new Pipeline(this.options(), source, this.stages, this.batchOptions);
  }

  /** Appends stages, in order. */
  pipe(...stages: Stage[]): Pipeline {
    return new Pipeline(this.options(), this.source, [...this.stages, ...stages], this.batchOptions);
  }

  /** Sets batching (size, seeded shuffle, prefetch, dropRemainder). */
  batch(options: BatchOptions): Pipeline {
    return new Pipeline(this.options(), this.source, this.stages, parseOptions(batchOptionsSchema, options, 'batch'));
  }

  /**
   * Class name → index in `Batch.ys`, known once the source has been listed
   * (after `await prepare()` or the first iteration).
   * @throws GanpipeError when read before that.
   */
  get classes(): ReadonlyMap<string, number> {
    if (!this.classMap) {
      throw new GanpipeError('pipeline.classes is known once the source is listed: call `await pipeline.prepare()` first');
    }
    return this.classMap;
  }

  /** Number of source items, when the source lists them up front (after `prepare()`). */
  get size(): number | undefined {
    return this.sourceSize;
  }

  /** Lists the source once, so `classes` is known. */
  async prepare(): Promise<this> {
    const listing = await this.requireSource().list();
    this.classMap = new Map((listing.classes ?? []).map((name, i) => [name, i]));
    this.classesOpen = listing.classes === undefined;
    this.preparedListing = listing;
    this.sourceSize = Array.isArray(listing.items) ? listing.items.length : undefined;
    // Only fitting stages need the file list's fingerprint.
    const fits = this.stages.some(isFittable);
    this.listingKey = fits && Array.isArray(listing.items) ? sha1((listing.items as { id: string }[]).map((i) => i.id).join('\n')) : undefined;
    return this;
  }

  /**
   * The batches of one epoch, pulled on demand: at most `concurrency + (prefetch + 1) × size`
   * samples are in flight however slow the consumer. Leaving the loop stops all reading.
   */
  batches(options: EpochOptions = {}): BatchStream {
    const b = this.batchOptions;
    if (!b) throw new GanpipeError('pipeline.batches(): call .batch({ size }) first');
    const limit = this.concurrency + (b.prefetch + 1) * b.size;
    const flow = this.flow(options, limit, b.shuffleBuffer);
    return this.stream(flow, async function* (self) {
      for (;;) {
        const samples: Sample[] = [];
        while (samples.length < b.size) {
          const sample = await flow.next();
          if (!sample) break;
          samples.push(sample);
        }
        if (samples.length === 0 || (b.dropRemainder && samples.length < b.size)) return;
        const batch = toBatch(samples, (label) => self.classIndex(label));
        flow.release(samples.length);
        flow.report.delivered += samples.length;
        yield batch;
      }
    });
  }

  /** The samples of one epoch, without tensors: for inspection, reports and previews. */
  samples(options: EpochOptions & { shuffleBuffer?: number; prefetch?: number } = {}): SampleStream {
    const limit = this.concurrency + (options.prefetch ?? 2) + 1;
    const flow = this.flow(options, limit, options.shuffleBuffer ?? this.batchOptions?.shuffleBuffer ?? 0);
    return this.stream(flow, async function* () {
      for (;;) {
        const sample = await flow.next();
        if (!sample) return;
        flow.report.delivered++;
        yield sample;
        flow.release(1);
      }
    });
  }

  // An iterable over one flow: starts it on first pull, closes it however the loop ends.
  private stream<T>(flow: SampleFlow, body: (self: this) => AsyncGenerator<T>): AsyncIterable<T> & { report: RunReport; sourceDone: boolean } {
    const self = this;
    return {
      report: flow.report,
      get sourceDone() {
        return flow.sourceDone;
      },
      async *[Symbol.asyncIterator]() {
        await self.startFlow(flow);
        try {
          yield* body(self);
        } finally {
          await flow.close();
        }
      },
    };
  }

  /**
   * A `tf.data.Dataset` of `{ xs, ys }` batches over `epochs` epochs (default 1), for
   * `model.fitDataset`. Each iteration of the dataset runs the next epoch.
   */
  toTfDataset(): tfTypes.data.Dataset<{ xs: tfTypes.Tensor; ys: tfTypes.Tensor }> {
    let epoch = 0;
    return tf.data.generator(() => {
      const it = this.batches({ epoch: epoch++ })[Symbol.asyncIterator]();
      // tf.data accepts an iterator whose next() returns a promise.
      return {
        next: async () => {
          const r = await it.next();
          if (r.done) return { done: true, value: undefined };
          const { xs, ys } = r.value;
          return { done: false, value: ys ? { xs, ys } : { xs, ys: xs } };
        },
      } as unknown as Iterator<{ xs: tfTypes.Tensor; ys: tfTypes.Tensor }>;
    }) as unknown as tfTypes.data.Dataset<{ xs: tfTypes.Tensor; ys: tfTypes.Tensor }>;
  }

  private requireSource(): Source {
    if (!this.source) throw new GanpipeError('pipeline has no source: call .from(source) first');
    return this.source;
  }

  private flow(options: EpochOptions, limit: number, shuffleBuffer: number): SampleFlow {
    const plan: FlowPlan = {
      source: this.requireSource(),
      stages: this.stages,
      seed: this.seed,
      concurrency: this.concurrency,
      shuffleBuffer,
    };
    const split = options.split;
    const keep = split === undefined ? undefined : (s: Sample) => s.split === split;
    return new SampleFlow(plan, options.epoch ?? 0, limit, keep, options.skip ?? 0, split);
  }

  private async startFlow(flow: SampleFlow): Promise<void> {
    if (!this.classMap) await this.prepare();
    await this.fitStages(flow.onlySplit);
    // The listing made by prepare() serves the first pass; later passes list afresh.
    const listing = this.preparedListing;
    this.preparedListing = undefined;
    await flow.start(listing);
  }

  /**
   * Runs the first pass of every stage that fits statistics (in order, each on the samples as
   * they reach it), unless it was fitted for the same upstream already.
   */
  private async fitStages(split: string | undefined): Promise<void> {
    const described = this.source?.describe?.();
    const cache = findCachePoint(this.stages);
    // Stages before a finished cache do not run, so they need no fitting.
    const cached = async () =>
      cache !== undefined &&
      this.source !== undefined &&
      this.preparedListing !== undefined &&
      (await cache.point.hasFinishedCache({ source: this.source, items: this.preparedListing.items, upstream: this.stages.slice(0, cache.at), seed: this.seed, split, skip: 0 }));
    for (const [i, stage] of this.stages.entries()) {
      if (!isFittable(stage)) continue;
      if (cache && i < cache.at && (await cached())) continue;
      const upstream = this.stages.slice(0, i);
      const split = upstream.some(isSplitter) ? stage.fitSplit : undefined;
      const fingerprint =
        described === undefined
          ? undefined
          : sha1(JSON.stringify({ source: described, files: this.listingKey, stages: upstream.map((s) => ({ type: s.type, options: s.options })), seed: this.seed, split }));
      // Fitted before for the same upstream (an undescribable source: fitted once per stage).
      if (fittedFor.has(stage) && (fingerprint === undefined || fittedFor.get(stage) === fingerprint)) continue;
      const before = new Pipeline(this.options(), this.source, upstream);
      await stage.fit({ fingerprint, upstream: () => before.samples({ epoch: 0, ...(split ? { split } : {}) }) });
      fittedFor.set(stage, fingerprint ?? '');
    }
  }

  private classIndex(label: string): number | undefined {
    const map = this.classMap!;
    if (!map.has(label) && this.classesOpen) map.set(label, map.size);
    return map.get(label);
  }
}

// Which upstream fingerprint each fitting stage was last fitted for.
const fittedFor = new WeakMap<Fittable, string>();

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Starts a pipeline: `pipeline({ seed, concurrency }).from(source).pipe(...stages).batch({ size })`. */
export function pipeline(options: PipelineOptions = {}): Pipeline {
  return new Pipeline(options);
}
