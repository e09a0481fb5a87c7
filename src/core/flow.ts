import { Subject, tap, type Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { orderedMap } from './orderedMap.js';
import { RunReport } from './report.js';
import { rngFor } from './rng.js';
import { shuffled } from './shuffle.js';
import { GanpipeError } from './errors.js';
import type { Stage, StageContext } from './stage.js';
import { isListingAware, isLoadHinted, isSourceRejectionObserver, isSplitter } from './capabilities.js';
import { findCachePoint, type CacheOpening, type SampleCacheReader, type SampleCacheWriter } from './sampleCache.js';
import { flagsOf, type Image, type Sample } from './types.js';
import { DecodeError, type LoadHint, type Source, type SourceItem, type SourceListing } from '../sources/source.js';

type PositionedItem = SourceItem & { readonly position: number };

/** Where a pass stands with the pipeline's cache point: its index and its entry for this pass. */
type CachePlan = CacheOpening & { readonly at: number };

/** Everything one pass over the data needs. */
export interface FlowPlan {
  readonly source: Source;
  readonly stages: readonly Stage[];
  readonly seed: number | string;
  readonly concurrency: number;
  readonly shuffleBuffer: number;
}

/** The stable key of each stage: its `id`, or `type#n` for the n-th stage of that type. */
export function stageKeys(stages: readonly Stage[]): string[] {
  const seen = new Map<string, number>();
  return stages.map((s) => {
    if (s.id) return s.id;
    const n = seen.get(s.type) ?? 0;
    seen.set(s.type, n + 1);
    return `${s.type}#${n}`;
  });
}

/**
 * One epoch of samples, pulled with credits: an item is taken from the source only while
 * fewer than `limit` samples are in flight (pulled, not yet released by the consumer or
 * rejected). RxJS has no backpressure of its own, so this gate is what bounds memory.
 */
export class SampleFlow {
  readonly report = new RunReport();
  private readonly queue: Sample[] = [];
  private inFlight = 0;
  private peakInFlight = 0;
  private iterator: AsyncIterator<SourceItem> | undefined;
  private input = new Subject<PositionedItem>();
  private subscription: Subscription | undefined;
  private pumping = false;
  private exhausted = false;
  private finished = false;
  private closed = false;
  private failure: unknown;
  private wake: (() => void) | undefined;
  // Index of the next item in this epoch's shuffled source order.
  private position = 0;
  // True for source items that belong to another split than the one selected.
  private elsewhere: (id: string) => boolean = () => false;
  private cache: CachePlan | undefined;
  // Publishing a cache entry built by this pass (awaited by close()).
  private cacheFinished: Promise<unknown> | undefined;

  constructor(
    private readonly plan: FlowPlan,
    private readonly epoch: number,
    private readonly limit: number,
    private readonly keep: (sample: Sample) => boolean = () => true,
    /** Source items (in this epoch's shuffled order) to pass over unread: resuming mid-epoch. */
    private readonly skip = 0,
    /** The split this pass selects, if any: items known to belong elsewhere are not read. */
    readonly onlySplit?: string,
  ) {}

  /** True once every source item has been taken: the pass ends with the samples in flight. */
  get sourceDone(): boolean {
    return this.exhausted;
  }

  /** The most samples that were in flight at once (for tests and reports). */
  get peak(): number {
    return this.peakInFlight;
  }

  /** Lists the source (unless given a listing) and starts pulling. */
  async start(given?: SourceListing): Promise<void> {
    const listing = given ?? (await this.plan.source.list());
    const { stages, seed, concurrency } = this.plan;
    this.cache = await this.openCache(listing);
    const reader = this.cache?.reader;
    const order = rngFor(seed, 'shuffle', this.epoch, '');
    this.iterator = shuffled(listing.items, this.plan.shuffleBuffer, order)[Symbol.asyncIterator]();
    this.position = 0;
    const keys = stageKeys(stages);
    // Reading a finished cache: the stages up to it are not run.
    const first = reader ? this.cache!.at + 1 : 0;
    const items = Array.isArray(listing.items) ? (listing.items as SourceItem[]) : undefined;
    for (let i = first; i < stages.length; i++) {
      const stage = stages[i]!;
      if (isListingAware(stage)) stage.prepare(items, this.context(keys[i]!));
    }
    if (this.onlySplit !== undefined) this.elsewhere = this.otherSplitTest(this.onlySplit, first, reader);
    // The first stage may offer the source a hint (a resize: JPEGs decode at reduced scale).
    const hint = first === 0 && stages[0] && isLoadHinted(stages[0]) ? stages[0].loadHint : undefined;
    const load = reader ? (item: PositionedItem) => this.loadCached(item, reader) : (item: PositionedItem) => this.load(item, hint);
    let stream: Observable<Sample> = this.input.pipe(orderedMap(load, concurrency));
    for (let i = first; i < stages.length; i++) {
      const writer = i === this.cache?.at ? this.cache.writer : undefined;
      stream = stream.pipe(writer ? this.cacheWriting(writer, keys.slice(0, i), items!) : stages[i]!.operator(this.context(keys[i]!)));
    }
    if (reader) this.report.cache = { state: 'read', dir: this.cache!.dir, ...reader.header };
    this.subscription = stream.subscribe({
      next: (sample) => {
        if (sample.split !== undefined) {
          const perClass = (this.report.splits[sample.split] ??= {});
          const cls = sample.label ?? '(none)';
          perClass[cls] = (perClass[cls] ?? 0) + 1;
        }
        for (const f of flagsOf(sample)) this.report.flagged[f] = (this.report.flagged[f] ?? 0) + 1;
        if (this.keep(sample)) this.queue.push(sample);
        else {
          this.report.otherSplit++;
          this.release(1);
        }
        this.notify();
      },
      error: (error: unknown) => {
        this.failure = error;
        this.notify();
      },
      complete: () => {
        this.finished = true;
        this.notify();
      },
    });
    void this.pump();
  }

  /** Resolves with the next sample in order, or undefined at the end of the epoch. */
  async next(): Promise<Sample | undefined> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const sample = this.queue.shift();
      if (sample) return sample;
      if (this.finished) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /**
   * Which source items belong to another split than `split`, known before reading them: from
   * the cache's record, or from a split stage that decides by id alone.
   */
  private otherSplitTest(split: string, first: number, reader: SampleCacheReader | undefined): (id: string) => boolean {
    const stages = this.plan.stages;
    const at = stages.findIndex((s, i) => i >= first && isSplitter(s));
    const splitter = at >= 0 && isSplitter(stages[at]!) ? stages[at] : undefined;
    const upstream = stages.slice(0, Math.max(at, 0));
    return (id) => {
      const cached = reader?.entry(id);
      if (cached && 'otherSplit' in cached) return true;
      const known = splitter?.splitOfItem(id, upstream);
      return known !== undefined && known !== split;
    };
  }

  /** The entry of the pipeline's cache point for this pass, if it has one. */
  private async openCache(listing: SourceListing): Promise<CachePlan | undefined> {
    const { source, stages, seed } = this.plan;
    const found = findCachePoint(stages);
    if (!found) return undefined;
    const opening = await found.point.openCache({ source, items: listing.items, upstream: stages.slice(0, found.at), seed, split: this.onlySplit, skip: this.skip });
    return { ...opening, at: found.at };
  }

  /** The consumer has taken `n` samples: let that many more in. */
  release(n: number): void {
    this.inFlight -= n;
    if (!this.pumping) void this.pump();
  }

  /** Stops reading: unsubscribes every stage and closes the source iterator. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.report.finishedAt = Date.now();
    this.subscription?.unsubscribe();
    this.input.complete();
    await this.iterator?.return?.();
    // An unfinished cache entry (loop left early, failure) is dropped; a finishing one is awaited.
    if (this.cacheFinished) await this.cacheFinished;
    else await this.cache?.writer?.abort();
    await this.cache?.reader?.close();
  }

  /**
   * At the cache stage of a pass that builds the entry: stores each sample, and when the
   * upstream completes, the upstream rejections too, then publishes the entry.
   */
  private cacheWriting(writer: SampleCacheWriter, upstreamKeys: readonly string[], items: readonly SourceItem[]): OperatorFunction<Sample, Sample> {
    const upstream = new Set(['source', ...upstreamKeys]);
    return tap({
      next: (sample) => writer.add(sample),
      complete: () => {
        for (const r of this.report.rejected) if (upstream.has(r.stage)) writer.reject(r);
        const dir = this.cache!.dir;
        this.cacheFinished = writer.finish(items.map((i) => i.id)).then((header) => {
          this.report.cache = header ? { state: 'built', dir, ...header } : { state: 'incomplete', dir };
        });
      },
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (!this.closed && !this.exhausted && this.inFlight < this.limit) {
        const next = await this.iterator!.next();
        if (this.closed) return;
        if (next.done) {
          this.exhausted = true;
          this.input.complete();
          return;
        }
        const position = this.position++;
        if (position < this.skip) continue; // seen before the checkpoint this run resumes from
        if (this.elsewhere(next.value.id)) {
          this.cache?.writer?.otherSplit(next.value.id);
          this.report.otherSplit++;
          continue;
        }
        this.inFlight++;
        this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
        this.report.seen++;
        this.input.next({ ...next.value, position });
      }
    } catch (error) {
      this.failure = error;
      this.notify();
    } finally {
      this.pumping = false;
    }
  }

  private async load(item: PositionedItem, hint: LoadHint | undefined): Promise<Sample | undefined> {
    const sample: Sample = { id: item.id, source: item.source, label: item.label, meta: { position: item.position }, image: undefined! };
    try {
      // A decoder may say what the file was (format, colour mode, bytes hash): it goes to meta.source.
      const { info, ...image } = (await item.load(hint)) as Image & { info?: unknown };
      return { ...sample, image, meta: info === undefined ? sample.meta : { ...sample.meta, source: info } };
    } catch (error) {
      if (error instanceof GanpipeError && !(error instanceof DecodeError)) throw error;
      const reason = error instanceof DecodeError ? error.reason : 'corrupt';
      const message = (error as Error).message ?? String(error);
      // A stage may make decode problems fatal (integrity's `fail` policy).
      for (const stage of this.plan.stages) {
        if (isSourceRejectionObserver(stage)) stage.onSourceRejection({ id: sample.id, source: sample.source, stage: 'source', reason, message });
      }
      this.reject(sample, 'source', reason, message);
      return undefined;
    }
  }

  /** A sample as the cache stored it; an item rejected upstream is rejected again, as it was. */
  private async loadCached(item: PositionedItem, reader: SampleCacheReader): Promise<Sample | undefined> {
    const entry = reader.entry(item.id);
    if (!entry || 'otherSplit' in entry) {
      throw new GanpipeError(`sample cache ${reader.dir} has no sample for ${JSON.stringify(item.id)}; delete the folder to rebuild it`);
    }
    if ('rejected' in entry) {
      this.report.rejected.push({ id: item.id, ...entry.rejected });
      this.release(1);
      return undefined;
    }
    const { label, split, meta, trace } = entry;
    return { id: item.id, source: item.source, label, meta: { ...meta, position: item.position }, image: await reader.image(entry), ...(trace ? { trace } : {}), ...(split !== undefined ? { split } : {}) };
  }

  private reject(sample: Sample, stage: string, reason: string, message: string, details?: Record<string, unknown>): void {
    this.report.rejected.push({ id: sample.id, source: sample.source, stage, reason, message, ...(details ? { details } : {}) });
    this.release(1);
  }

  private context(stageKey: string): StageContext {
    const { seed, concurrency } = this.plan;
    const epoch = this.epoch;
    return {
      seed,
      epoch,
      concurrency,
      stageKey,
      rng: (sampleId) => rngFor(seed, stageKey, epoch, sampleId),
      reject: (sample, reason, message, details) => this.reject(sample, stageKey, reason, message, details),
    };
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
