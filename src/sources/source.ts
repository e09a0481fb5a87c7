import type { Image } from '../core/types.js';
import type { ReasonCode } from '../core/types.js';
import { GanpipeError } from '../core/errors.js';

/** A not-yet-loaded input: cheap to list and shuffle; the pixels are read only by `load()`. */
export interface SourceItem {
  readonly id: string;
  readonly source?: string | undefined;
  readonly label?: string | undefined;
  load(): Promise<Image>;
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
