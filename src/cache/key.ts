import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import sharp from 'sharp';
import type { Stage } from '../core/stage.js';
import type { SourceItem } from '../sources/source.js';
import { scaledJpegAddon } from '../sources/jpeg/addon.js';
import { ownPackage } from '../backend/packageRoot.js';

/** What decides the samples reaching a cache: change any of it and the cache is rebuilt. */
export interface CacheKeyInput {
  /** `source.describe()`: the source's type, folder, patterns and options. */
  readonly source: unknown;
  /** The source's items, in listing order. */
  readonly items: readonly SourceItem[];
  /** The stages before the cache. */
  readonly upstream: readonly Stage[];
  readonly seed: number | string;
  /** The split a pass selects: items of other splits are not read, so not cached. */
  readonly split: string | undefined;
}

/**
 * A hash of everything upstream of a cache: source description, each file's id, size and
 * modification time, the upstream stages with their options, the seed, and the code that
 * produces the samples (ganpipe's own files and the decoder's versions). tf.data's `cache()`
 * keys on a file name only, so a changed stage or a code update silently serves stale pixels.
 */
export async function cacheKey(input: CacheKeyInput): Promise<string> {
  const hash = createHash('sha256');
  const add = (part: unknown) => hash.update(`${JSON.stringify(part)}\n`);
  add({ format: 1, code: codeFingerprint(), decoders: { ...sharp.versions, jpegAddon: scaledJpegAddon() !== undefined } });
  add({ source: input.source, seed: input.seed, split: input.split ?? null });
  add(input.upstream.map((s) => ({ type: s.type, id: s.id ?? null, options: s.options })));
  // Files: id, then size and mtime of the file behind it (one stat per distinct file).
  const stats = new Map<string, Promise<string>>();
  const fileState = (file: string) =>
    stat(file).then(
      (s) => `${s.size}:${s.mtimeMs}`,
      () => 'missing',
    );
  for (const item of input.items) if (item.source && !stats.has(item.source)) stats.set(item.source, fileState(item.source));
  const states = new Map(await Promise.all([...stats].map(async ([file, state]) => [file, await state] as const)));
  for (const item of input.items) hash.update(`${item.id}\u001f${item.source ? states.get(item.source) : ''}\n`);
  return hash.digest('hex').slice(0, 32);
}

let code: string | undefined;

/**
 * A hash of the ganpipe code that is running: every file of `dist/` (installed) or `src/`
 * (development), so editing a stage invalidates caches built by the old code.
 */
export function codeFingerprint(): string {
  if (code) return code;
  const { dir } = ownPackage();
  const built = fileURLToPath(import.meta.url).startsWith(path.join(dir, 'dist') + path.sep);
  const codeDir = path.join(dir, built ? 'dist' : 'src');
  const hash = createHash('sha256');
  for (const file of fg.sync(['**/*.{js,ts,mjs,cjs}'], { cwd: codeDir, ignore: ['**/*.d.ts', '**/*.map'] }).sort()) {
    hash.update(`${file}\n`).update(readFileSync(path.join(codeDir, file)));
  }
  return (code = hash.digest('hex'));
}
