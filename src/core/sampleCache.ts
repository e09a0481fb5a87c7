import { PipelineConfigError } from './errors.js';
import type { Stage } from './stage.js';
import type { Image, Rejection, Sample } from './types.js';
import type { Source, SourceItem } from '../sources/source.js';

// The contract between a pass over the data and a sample cache: the flow stores the samples
// reaching a `CachePoint` stage during a full pass and reads them back in later passes. The
// storage itself (src/cache) implements these interfaces; core only drives them.

/** The header of a finished cache entry. */
export interface CacheHeader {
  readonly format: string;
  readonly key: string;
  readonly samples: number;
  readonly rejected: number;
  readonly otherSplit: number;
  /** Size of the pixels stored. */
  readonly bytes: number;
  /** Time from the first sample to the entry being written. */
  readonly buildSeconds: number;
  readonly createdAt: string;
}

/** What became of one source item upstream of the cache: a stored sample, a rejection, or an item of another split. */
export type CacheEntry =
  | {
      readonly id: string;
      readonly offset: number;
      readonly bytes: number;
      readonly width: number;
      readonly height: number;
      readonly channels: Image['channels'];
      readonly dtype: 'uint8' | 'float32';
      readonly label?: string | undefined;
      readonly split?: string | undefined;
      readonly meta: Sample['meta'];
      readonly trace?: Sample['trace'];
    }
  | { readonly id: string; readonly rejected: Omit<Rejection, 'id'> }
  | { readonly id: string; readonly otherSplit: true };

/** A finished entry, read during a pass. */
export interface SampleCacheReader {
  readonly header: CacheHeader;
  readonly dir: string;
  /** What became of the item `id`, or undefined when it is not in the entry. */
  entry(id: string): CacheEntry | undefined;
  /** The stored pixels of a sample entry. */
  image(entry: Extract<CacheEntry, { offset: number }>): Promise<Image>;
  close(): Promise<void>;
}

/** An entry being built by a full pass; nothing is visible to other passes before `finish`. */
export interface SampleCacheWriter {
  /** Stores a sample, in arrival order. */
  add(sample: Sample): void;
  /** Records an item that left the stream upstream of the cache. */
  reject(rejection: Rejection): void;
  /** Records an item of another split, skipped unread. */
  otherSplit(id: string): void;
  /** Publishes the entry in listing order; undefined (nothing published) when an item of `ids` was never accounted for. */
  finish(ids: readonly string[]): Promise<CacheHeader | undefined>;
  /** Drops the unfinished entry (an interrupted or partial pass). */
  abort(): Promise<void>;
}

/** What a pass over the data tells the cache. */
export interface CachePass {
  readonly source: Source;
  readonly items: Iterable<SourceItem> | AsyncIterable<SourceItem>;
  /** The stages before the cache point. */
  readonly upstream: readonly Stage[];
  readonly seed: number | string;
  /** The split the pass selects: items of other splits are not read, so not cached. */
  readonly split: string | undefined;
  /** Items skipped at the start (resuming): such a pass cannot build the entry. */
  readonly skip: number;
}

/** The entry of a cache point for one pass: a finished one to read, or one this pass builds. */
export interface CacheOpening {
  readonly key: string;
  readonly dir: string;
  /** A finished entry: the stages up to the cache point are not run. */
  readonly reader?: SampleCacheReader | undefined;
  /** Builds the entry during this pass (a full pass that found none). */
  readonly writer?: SampleCacheWriter | undefined;
}

/** A stage where the flow caches the stream (the `cache` stage); on its own it passes samples through. */
export interface CachePoint {
  /**
   * Opens the entry for this pass: a reader when it is finished, else a writer when the pass can build it.
   * @throws PipelineConfigError when the source cannot be keyed.
   */
  openCache(pass: CachePass): Promise<CacheOpening>;
  /** True when a finished entry exists for this pass. */
  hasFinishedCache(pass: CachePass): Promise<boolean>;
}

/** True when `stage` is a cache point. */
export const isCachePoint = (stage: Stage): stage is Stage & CachePoint => typeof (stage as Partial<CachePoint>).openCache === 'function';

/**
 * The pipeline's cache point and its index, if it has one.
 * @throws PipelineConfigError on a second cache point.
 */
export function findCachePoint(stages: readonly Stage[]): { at: number; point: CachePoint } | undefined {
  const at = stages.findIndex(isCachePoint);
  if (at < 0) return undefined;
  if (stages.some((s, i) => i > at && isCachePoint(s))) throw new PipelineConfigError('a pipeline can have one cache stage; remove the others');
  return { at, point: stages[at] as Stage & CachePoint };
}
