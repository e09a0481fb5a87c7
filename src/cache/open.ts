import { existsSync } from 'node:fs';
import path from 'node:path';
import { PipelineConfigError } from '../core/errors.js';
import type { Stage } from '../core/stage.js';
import type { Source, SourceItem } from '../sources/source.js';
import { isCacheStage, type CacheStage } from '../stages/cache/cache.js';
import { cacheKey } from './key.js';
import { CacheReader, CacheWriter } from './store.js';

/** Where a pass stands with the pipeline's cache stage. */
export interface CachePlan {
  /** Index of the cache stage in the pipeline's stages. */
  readonly at: number;
  readonly key: string;
  readonly dir: string;
  /** A finished entry to read from: the stages up to the cache are not run. */
  readonly reader?: CacheReader | undefined;
  /** Builds the entry during this pass (a full pass that found none). */
  readonly writer?: CacheWriter | undefined;
}

/** What a pass over the data tells the cache. */
export interface CachePass {
  readonly source: Source;
  readonly items: Iterable<SourceItem> | AsyncIterable<SourceItem>;
  readonly stages: readonly Stage[];
  readonly seed: number | string;
  readonly split: string | undefined;
  /** Items skipped at the start (resuming): such a pass cannot build the cache. */
  readonly skip: number;
}

/**
 * The pipeline's cache stage and the folder of its entry for this pass; undefined without one.
 * @throws PipelineConfigError on a second cache stage or a source that cannot be keyed.
 */
async function locateCache(pass: CachePass): Promise<{ at: number; root: string; key: string; dir: string } | undefined> {
  const at = pass.stages.findIndex(isCacheStage);
  if (at < 0) return undefined;
  if (pass.stages.some((s, i) => i > at && isCacheStage(s))) {
    throw new PipelineConfigError('a pipeline can have one cache stage; remove the others');
  }
  const { root } = pass.stages[at] as CacheStage;
  const described = pass.source.describe?.();
  if (described === undefined || !Array.isArray(pass.items)) {
    throw new PipelineConfigError(
      `cache stage: the ${pass.source.type} source cannot be keyed (it does not describe itself or list its items up front); use a glob or idx source, or remove the cache stage`,
    );
  }
  const upstream = pass.stages.slice(0, at);
  const key = await cacheKey({ source: described, items: pass.items as SourceItem[], upstream, seed: pass.seed, split: pass.split });
  return { at, root, key, dir: path.join(root, key) };
}

/**
 * Opens the entry of the pipeline's cache stage for this pass: a reader when it is finished, else
 * a writer when this pass can build it (a full pass). Undefined without a cache stage.
 */
export async function planCache(pass: CachePass): Promise<CachePlan | undefined> {
  const found = await locateCache(pass);
  if (!found) return undefined;
  const { at, root, key, dir } = found;
  const reader = await CacheReader.open(root, key);
  if (reader) return { at, key, dir, reader };
  return { at, key, dir, writer: pass.skip === 0 ? await CacheWriter.create(root, key) : undefined };
}

/** True when the pipeline has a cache stage with a finished entry for this pass. */
export async function cacheIsReady(pass: CachePass): Promise<boolean> {
  const found = await locateCache(pass);
  return found !== undefined && existsSync(path.join(found.dir, 'index.jsonl'));
}
