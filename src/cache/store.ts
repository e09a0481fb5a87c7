import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { GanpipeError } from '../core/errors.js';
import type { CacheEntry, CacheHeader, SampleCacheReader, SampleCacheWriter } from '../core/sampleCache.js';
import type { Image, Rejection, Sample } from '../core/types.js';

/**
 * On-disk layout of one cache entry, `<dir>/<key>/`:
 * - `pixels.bin`: every cached sample's pixels back to back, raw (uint8, or float32 little-endian
 *   at 4-byte-aligned offsets), so it can be read sequentially or memory-mapped.
 * - `index.jsonl`: a header line (`CacheHeader`), then one line per source item in listing order: a sample
 *   (`offset`, `bytes`, shape, dtype, label, split, meta, trace), an upstream rejection, or an
 *   item of another split. Written last: an entry without it is incomplete and ignored.
 */
export const CACHE_FORMAT = 'ganpipe-sample-cache/1';

/** Builds one cache entry in a private folder; `finish` publishes it with one rename. */
export class CacheWriter implements SampleCacheWriter {
  private readonly entries = new Map<string, CacheEntry>();
  private offset = 0;
  private writes: Promise<unknown> = Promise.resolve();
  private failure: unknown;
  private readonly started = performance.now();
  private readonly tmp: string;

  private constructor(
    private readonly finalDir: string,
    private readonly key: string,
    private readonly file: FileHandle,
    tmp: string,
  ) {
    this.tmp = tmp;
  }

  static async create(root: string, key: string): Promise<CacheWriter> {
    const tmp = path.join(root, `${key}.building-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(tmp, { recursive: true });
    return new CacheWriter(path.join(root, key), key, await open(path.join(tmp, 'pixels.bin'), 'w'), tmp);
  }

  /** Appends a sample's pixels (in arrival order) and remembers where they are. */
  add(sample: Sample): void {
    const { data, width, height, channels } = sample.image;
    const dtype = data instanceof Uint8Array ? 'uint8' : 'float32';
    const padding = dtype === 'float32' ? (4 - (this.offset % 4)) % 4 : 0;
    const offset = this.offset + padding;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.offset = offset + bytes.byteLength;
    this.entries.set(sample.id, {
      id: sample.id,
      offset,
      bytes: bytes.byteLength,
      width,
      height,
      channels,
      dtype,
      label: sample.label,
      split: sample.split,
      meta: sample.meta,
      trace: sample.trace,
    });
    // Writes are chained: positions are fixed now, the file grows in order.
    this.writes = this.writes.then(() => this.file.write(bytes, 0, bytes.byteLength, offset)).catch((error: unknown) => (this.failure ??= error));
  }

  /** Records an item that left the stream upstream of the cache. */
  reject(rejection: Rejection): void {
    const { id, ...rest } = rejection;
    this.entries.set(id, { id, rejected: rest });
  }

  /** Records an item of another split, skipped unread. */
  otherSplit(id: string): void {
    this.entries.set(id, { id, otherSplit: true });
  }

  /**
   * Writes the index in listing order and publishes the entry. Returns undefined (and leaves
   * nothing behind) when an item of the listing was never accounted for.
   */
  async finish(ids: readonly string[]): Promise<CacheHeader | undefined> {
    await this.writes;
    await this.file.close();
    if (this.failure) throw this.failure;
    const lines: string[] = [];
    let samples = 0;
    let rejected = 0;
    let otherSplit = 0;
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) return this.abort().then(() => undefined);
      if ('rejected' in entry) rejected++;
      else if ('otherSplit' in entry) otherSplit++;
      else samples++;
      lines.push(JSON.stringify(entry));
    }
    const header: CacheHeader = {
      format: CACHE_FORMAT,
      key: this.key,
      samples,
      rejected,
      otherSplit,
      bytes: this.offset,
      buildSeconds: (performance.now() - this.started) / 1000,
      createdAt: new Date().toISOString(),
    };
    await writeFile(path.join(this.tmp, 'index.jsonl'), `${JSON.stringify(header)}\n${lines.join('\n')}\n`);
    // Another process may have published the same key meanwhile: both are equal, keep theirs.
    if (existsSync(this.finalDir)) await this.abort();
    else await rename(this.tmp, this.finalDir).catch(() => this.abort());
    return header;
  }

  /** Drops the unfinished entry (an interrupted or partial pass). */
  async abort(): Promise<void> {
    await this.writes;
    await this.file.close().catch(() => undefined);
    await rm(this.tmp, { recursive: true, force: true });
  }
}

/** A finished cache entry: the index in memory, pixels read on demand with positioned reads. */
export class CacheReader implements SampleCacheReader {
  private constructor(
    readonly header: CacheHeader,
    private readonly entries: Map<string, CacheEntry>,
    private readonly file: FileHandle,
    readonly dir: string,
  ) {}

  /** Opens `<root>/<key>` when it holds a finished entry; undefined otherwise. */
  static async open(root: string, key: string): Promise<CacheReader | undefined> {
    const dir = path.join(root, key);
    const indexFile = path.join(dir, 'index.jsonl');
    if (!existsSync(indexFile)) return undefined;
    let header: CacheHeader | undefined;
    const entries = new Map<string, CacheEntry>();
    const lines = createInterface({ input: createReadStream(indexFile), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      if (!header) header = JSON.parse(line) as CacheHeader;
      else {
        const entry = JSON.parse(line) as CacheEntry;
        entries.set(entry.id, entry);
      }
    }
    if (header?.format !== CACHE_FORMAT || header.key !== key) {
      throw new GanpipeError(`sample cache ${dir}: not a ${CACHE_FORMAT} entry for this key; delete the folder to rebuild it`);
    }
    const pixels = path.join(dir, 'pixels.bin');
    if ((await stat(pixels)).size !== header.bytes) {
      throw new GanpipeError(`sample cache ${dir}: pixels.bin is ${(await stat(pixels)).size} bytes, the index says ${header.bytes}; delete the folder to rebuild it`);
    }
    return new CacheReader(header, entries, await open(pixels, 'r'), dir);
  }

  /** What became of the item `id`, or undefined when it is not in the cache. */
  entry(id: string): CacheEntry | undefined {
    return this.entries.get(id);
  }

  /** The cached pixels of a sample entry. */
  async image(entry: Extract<CacheEntry, { offset: number }>): Promise<Image> {
    const buffer = new ArrayBuffer(entry.bytes);
    const { bytesRead } = await this.file.read(new Uint8Array(buffer), 0, entry.bytes, entry.offset);
    if (bytesRead !== entry.bytes) throw new GanpipeError(`sample cache ${this.dir}: ${entry.id} is cut short (${bytesRead} of ${entry.bytes} bytes)`);
    const data = entry.dtype === 'uint8' ? new Uint8Array(buffer) : new Float32Array(buffer);
    return { data, width: entry.width, height: entry.height, channels: entry.channels };
  }

  async close(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}
