import path from 'node:path';
import { z } from 'zod';
import { cacheRoot } from '../../backend/cacheRoot.js';
import { parseOptions } from '../../config/parse.js';
import type { CachePoint } from '../../core/sampleCache.js';
import type { Stage } from '../../core/stage.js';
import { hasFinishedCache, openCache } from '../../cache/open.js';
import { stageBaseShape } from '../common.js';

export const cacheOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /**
   * Folder holding cache entries, one sub-folder per key; relative to the pipeline file (JSON) or
   * the working directory (TS). @default "$GANPIPE_CACHE_DIR/samples", else "$XDG_CACHE_HOME/ganpipe/samples", else "~/.cache/ganpipe/samples"
   */
  dir: z.string().min(1).optional(),
});

export type CacheOptions = z.input<typeof cacheOptionsSchema>;
export type ResolvedCacheOptions = z.output<typeof cacheOptionsSchema>;

/** A `cache` stage: the flow reads its samples from disk when a finished entry matches. */
export interface CacheStage extends Stage<ResolvedCacheOptions>, CachePoint {
  readonly type: 'cache';
  /** Absolute folder of this stage's entries. */
  readonly root: string;
}

/** Where sample caches live unless `dir` says otherwise: `samples/` in ganpipe's cache folder (see `cacheRoot`). */
export function defaultCacheRoot(): string {
  return path.join(cacheRoot(), 'samples');
}

/**
 * Stores the samples as they reach this point, on disk, during the first full pass; later passes
 * (epochs, runs, processes) read them back instead of decoding and preprocessing again. The entry
 * is keyed by a hash of everything upstream (source files with sizes and times, stages and
 * options, seed, ganpipe's code), so any upstream change builds a new one. Put random
 * augmentation after it: stages after the cache run every epoch, so epochs still differ.
 * Batches are byte-identical with and without the cache.
 *
 * @example JSON: `{ "type": "cache" }` between `resize` and `augment`
 * @example TS: `.pipe(stages.resize({ width: 64, height: 64 }), stages.cache(), stages.augment({ ops }))`
 */
export function cache(options: CacheOptions = {}, { baseDir = process.cwd() }: { baseDir?: string } = {}): CacheStage {
  const o = parseOptions(cacheOptionsSchema, options, 'cache stage');
  const root = o.dir ? path.resolve(baseDir, o.dir) : defaultCacheRoot();
  return {
    type: 'cache',
    options: Object.freeze(o),
    id: o.id,
    root,
    openCache: (pass) => openCache(root, pass),
    hasFinishedCache: (pass) => hasFinishedCache(root, pass),
    // The flow does the caching around this point; on its own the stage passes samples through.
    operator: () => (samples) => samples,
  };
}
