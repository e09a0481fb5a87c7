import type { Image } from '../core/types.js';
import type { Source, SourceItem } from './source.js';

/** One input of `sources.iterable`. */
export interface IterableItem {
  readonly id: string;
  readonly image: Image;
  readonly label?: string | undefined;
}

/** Options of `sources.iterable`. */
export interface IterableOptions {
  /** Every class name, if known; otherwise classes are not known before the data is read. */
  readonly classes?: readonly string[];
}

/**
 * Samples from any (async) iterable of `{ id, image, label? }`. It is pulled only as fast as
 * the pipeline consumes. Pass a function returning a fresh iterable to run several epochs.
 *
 * @example TS: `sources.iterable(async function* () { yield { id: 'a', image } })`
 */
export function iterable(
  input: AsyncIterable<IterableItem> | Iterable<IterableItem> | (() => AsyncIterable<IterableItem> | Iterable<IterableItem>),
  options: IterableOptions = {},
): Source {
  let used = false;
  return {
    type: 'iterable',
    async list() {
      if (typeof input !== 'function' && used) {
        throw new Error('sources.iterable: this iterable was already consumed; pass a function returning a fresh one to run more epochs');
      }
      used = true;
      const it = typeof input === 'function' ? input() : input;
      return { items: toItems(it), classes: options.classes };
    },
  };
}

async function* toItems(it: AsyncIterable<IterableItem> | Iterable<IterableItem>): AsyncGenerator<SourceItem> {
  for await (const item of it) {
    yield { id: item.id, label: item.label, source: 'iterable', load: async () => item.image };
  }
}
