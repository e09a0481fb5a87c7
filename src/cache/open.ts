import { existsSync } from 'node:fs';
import path from 'node:path';
import { PipelineConfigError } from '../core/errors.js';
import type { CacheOpening, CachePass } from '../core/sampleCache.js';
import type { SourceItem } from '../sources/source.js';
import { cacheKey } from './key.js';
import { CacheReader, CacheWriter } from './store.js';

/**
 * The key and folder of the entry under `root` for this pass.
 * @throws PipelineConfigError when the source cannot be keyed.
 */
async function locateEntry(root: string, pass: CachePass): Promise<{ key: string; dir: string }> {
  const described = pass.source.describe?.();
  if (described === undefined || !Array.isArray(pass.items)) {
    throw new PipelineConfigError(
      `cache stage: the ${pass.source.type} source cannot be keyed (it does not describe itself or list its items up front); use a glob or idx source, or remove the cache stage`,
    );
  }
  const key = await cacheKey({ source: described, items: pass.items as SourceItem[], upstream: pass.upstream, seed: pass.seed, split: pass.split });
  return { key, dir: path.join(root, key) };
}

/**
 * Opens the entry under `root` for this pass: a reader when it is finished, else a writer when
 * this pass can build it (a full pass).
 */
export async function openCache(root: string, pass: CachePass): Promise<CacheOpening> {
  const { key, dir } = await locateEntry(root, pass);
  const reader = await CacheReader.open(root, key);
  if (reader) return { key, dir, reader };
  return { key, dir, writer: pass.skip === 0 ? await CacheWriter.create(root, key) : undefined };
}

/** True when `root` holds a finished entry for this pass. */
export async function hasFinishedCache(root: string, pass: CachePass): Promise<boolean> {
  const { dir } = await locateEntry(root, pass);
  return existsSync(path.join(dir, 'index.jsonl'));
}
