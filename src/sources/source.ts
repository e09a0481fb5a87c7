import type { Image } from '../core/types.js';
import type { ResampleOptions } from '../ops/resample.js';
import type { ReasonCode } from '../core/types.js';
import { GanpipeError } from '../core/errors.js';

/** A not-yet-loaded input: cheap to list and shuffle; the pixels are read only by `load()`. */
export interface SourceItem {
  readonly id: string;
  readonly source?: string | undefined;
  readonly label?: string | undefined;
  /** Reads and decodes the item; a source may honour `hint` (see `LoadHint`) or ignore it. */
  load(hint?: LoadHint): Promise<Image>;
}

/**
 * What the first stage will do to every image, so a source can do it while decoding: a JPEG
 * that is resized anyway can be decoded at reduced scale. Set by stages (`Stage.loadHint`).
 */
export interface LoadHint {
  readonly resize?: ResampleOptions;
}

// Pixel arrays a source has already resized as the hint asked; the hinted stage takes them once.
const resizedOnLoad = new WeakSet<object>();

/** Marks pixels as resized by the source as `LoadHint.resize` asked. */
export function markResizedOnLoad(data: Image['data']): void {
  resizedOnLoad.add(data);
}

/** True (once) when the source already resized these pixels as the hint asked. */
export function takeResizedOnLoad(data: Image['data']): boolean {
  return resizedOnLoad.delete(data);
}

/** What a source offers for one epoch. */
export interface SourceListing {
  readonly items: Iterable<SourceItem> | AsyncIterable<SourceItem>;
  /** Every class name, when known before reading any pixels (folders, CSV, IDX labels). */
  readonly classes?: readonly string[] | undefined;
}

/** Where samples come from: `sources.glob`, `sources.idx`, `sources.iterable`, or your own. */
export interface Source {
  readonly type: string;
  list(): Promise<SourceListing>;
  /** A JSON-able description of what it reads (absolute paths, options), for fingerprints; absent when unknowable. */
  describe?(): unknown;
}

/** An input that cannot be turned into an image; costs that sample, with a reason. */
export class DecodeError extends GanpipeError {
  override name = 'DecodeError';
  constructor(
    readonly reason: ReasonCode,
    message: string,
  ) {
    super(message);
  }
}
