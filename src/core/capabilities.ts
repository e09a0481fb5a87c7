import type { Rejection, Sample } from './types.js';
import type { Stage, StageContext } from './stage.js';
import type { LoadHint } from '../sources/source.js';

// What a stage can do besides its operator. The pipeline finds a capability by its shape (these
// guards), never by a stage's `type`, so a user's stage can offer any of them.

/** A stage that can do its work while the source decodes, when it comes first (resize). */
export interface LoadHinted {
  /**
   * What this stage does to every image, offered to the source (a resize lets JPEGs decode at
   * reduced scale). The stage must then accept images the source already processed:
   * `takeResizedOnLoad` tells which.
   */
  readonly loadHint: LoadHint;
}

/** A stage that needs the source's listing before any sample flows (split's exact counts). */
export interface ListingAware {
  /**
   * Called once per pass before any sample flows, with the source's listing (ids and labels)
   * when the source lists its items up front (glob, idx), else undefined.
   */
  prepare(listing: readonly { id: string; label?: string | undefined }[] | undefined, ctx: StageContext): void;
}

/** A stage that assigns `sample.split` (the `split` stage). */
export interface Splitter {
  /**
   * The split of a source item when its id alone decides it (after `prepare`, for a splitter
   * that is also `ListingAware`), so that a pass over one split can skip reading the others.
   * Undefined when it depends on decoded content, e.g. groups made by a `Grouper` in `upstream`.
   */
  splitOfItem(id: string, upstream: readonly Stage[]): string | undefined;
}

/** A stage that groups samples by their decoded content (dedup's duplicate groups). */
export interface Grouper {
  /** The `meta` key holding each sample's group (`"group"` for dedup). */
  readonly groupKey: string;
}

/** What a fitting stage gets: its upstream samples and a fingerprint of them. */
export interface FitContext {
  /** The samples as they reach this stage (of the stage's `fitSplit` when a `Splitter` is upstream), epoch 0. */
  upstream(): AsyncIterable<Sample>;
  /** A hash of everything upstream (source and its file list, stages and options, seed, split); undefined when the source cannot be described. */
  readonly fingerprint: string | undefined;
}

/** A stage that fits statistics with a first pass over its upstream before any epoch runs (normalize's fitted modes). */
export interface Fittable {
  fit(ctx: FitContext): Promise<void>;
  /** The split `fit` sees when a `Splitter` is upstream. */
  readonly fitSplit: string;
}

/** A stage whose value map can be undone: generated images are mapped back to pixels through it (normalize). */
export interface Invertible {
  /** Maps this stage's output values (HWC interleaved, `channels` per pixel) back to its input units. */
  inverse(values: Float32Array, channels: number): Float32Array;
}

/** A stage that sees each item the source could not decode (integrity's `decode: "fail"` policy). */
export interface SourceRejectionObserver {
  /** Called for each source rejection; throwing ends the run. */
  onSourceRejection(rejection: Rejection): void;
}

const method = (stage: Stage, name: string) => typeof (stage as unknown as Record<string, unknown>)[name] === 'function';

/** True when `stage` offers the source a `LoadHint`. */
export const isLoadHinted = (stage: Stage): stage is Stage & LoadHinted => typeof (stage as Partial<LoadHinted>).loadHint === 'object';
/** True when `stage` wants the source's listing before each pass. */
export const isListingAware = (stage: Stage): stage is Stage & ListingAware => method(stage, 'prepare');
/** True when `stage` assigns splits. */
export const isSplitter = (stage: Stage): stage is Stage & Splitter => method(stage, 'splitOfItem');
/** True when `stage` groups samples by content. */
export const isGrouper = (stage: Stage): stage is Stage & Grouper => typeof (stage as Partial<Grouper>).groupKey === 'string';
/** True when `stage` fits statistics before the first pass. */
export const isFittable = (stage: Stage): stage is Stage & Fittable => method(stage, 'fit');
/** True when `stage` can map its outputs back to its inputs. */
export const isInvertible = (stage: Stage): stage is Stage & Invertible => method(stage, 'inverse');
/** True when `stage` observes source rejections. */
export const isSourceRejectionObserver = (stage: Stage): stage is Stage & SourceRejectionObserver => method(stage, 'onSourceRejection');
