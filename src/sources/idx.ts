import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { z } from 'zod';
import { parseOptions } from '../config/parse.js';
import { PipelineConfigError } from '../core/errors.js';
import type { Channels, Image } from '../core/types.js';
import type { Source, SourceItem } from './source.js';

export const idxOptionsSchema = z.strictObject({
  /** IDX images file (`[N, H, W]` or `[N, H, W, C]`), gzipped or plain. */
  images: z.string().min(1),
  /** IDX labels file (`[N]`), gzipped or plain. Labels become class names "0", "1", … */
  labels: z.string().min(1).optional(),
  /** Read only the first `limit` items. */
  limit: z.number().int().positive().optional(),
});

export type IdxOptions = z.input<typeof idxOptionsSchema>;
export type ResolvedIdxOptions = z.output<typeof idxOptionsSchema>;

/** A decoded IDX file: its dimensions and values. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array | Float32Array;
}

// IDX type byte → element size; other integer types are read into float32.
const TYPES: Record<number, { size: number; read: (v: DataView, o: number) => number; name: string }> = {
  0x08: { size: 1, read: (v, o) => v.getUint8(o), name: 'ubyte' },
  0x09: { size: 1, read: (v, o) => v.getInt8(o), name: 'byte' },
  0x0b: { size: 2, read: (v, o) => v.getInt16(o), name: 'short' },
  0x0c: { size: 4, read: (v, o) => v.getInt32(o), name: 'int' },
  0x0d: { size: 4, read: (v, o) => v.getFloat32(o), name: 'float' },
  0x0e: { size: 8, read: (v, o) => v.getFloat64(o), name: 'double' },
};

/**
 * Parses an IDX file (the MNIST format): big-endian header `0 0 type ndims`, then the dims.
 * @throws PipelineConfigError naming the file when the header or length is wrong.
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const type = TYPES[raw[2] ?? -1];
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0 || !type) {
    throw new PipelineConfigError(`${file}: not an IDX file (bad magic number)`);
  }
  const ndims = raw[3]!;
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * ndims;
  const count = dims.reduce((a, b) => a * b, 1);
  if (raw.length - offset < count * type.size) {
    throw new PipelineConfigError(
      `${file}: truncated IDX file: header says ${dims.join('×')} ${type.name}s, file holds ${raw.length - offset} bytes of data`,
    );
  }
  if (type.size === 1 && type.name === 'ubyte') return { dims, data: raw.slice(offset, offset + count) };
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = type.read(view, offset + i * type.size);
  return { dims, data };
}

/**
 * Images (and labels) from IDX files such as MNIST. Ids are `<images file name>:<index>`.
 *
 * @example JSON: `{ "type": "idx", "images": "mnist/images-idx3-ubyte.gz", "labels": "mnist/labels-idx1-ubyte.gz" }`
 * @example TS: `sources.idx({ images: 'mnist/images-idx3-ubyte.gz', labels: 'mnist/labels-idx1-ubyte.gz' })`
 * @throws PipelineConfigError on bad options, and when listing a malformed file.
 */
export function idx(options: IdxOptions, { baseDir = process.cwd() }: { baseDir?: string } = {}): Source & {
  readonly options: ResolvedIdxOptions;
} {
  const o = parseOptions(idxOptionsSchema, options, 'idx source');
  const imagesPath = path.resolve(baseDir, o.images);
  const labelsPath = o.labels === undefined ? undefined : path.resolve(baseDir, o.labels);
  let cache: Promise<{ images: IdxArray; labels: IdxArray | undefined }> | undefined;
  const read = () =>
    (cache ??= (async () => ({
      images: parseIdx(await readFile(imagesPath), imagesPath),
      labels: labelsPath ? parseIdx(await readFile(labelsPath), labelsPath) : undefined,
    }))());

  return {
    type: 'idx',
    options: o,
    describe: () => ({ ...o, images: imagesPath, labels: labelsPath }),
    async list() {
      const { images, labels } = await read();
      const [n = 0, height = 0, width = 0, c = 1] = images.dims;
      if (images.dims.length < 3 || ![1, 3, 4].includes(c)) {
        throw new PipelineConfigError(`${imagesPath}: expected dims [N, H, W] or [N, H, W, 1|3|4], got [${images.dims.join(', ')}]`);
      }
      if (labels && labels.dims[0] !== n) {
        throw new PipelineConfigError(`${labelsPath}: ${labels.dims[0]} labels for ${n} images in ${imagesPath}`);
      }
      const count = Math.min(n, o.limit ?? n);
      const name = path.basename(imagesPath);
      const size = height * width * c;
      const items: SourceItem[] = Array.from({ length: count }, (_, i) => ({
        id: `${name}:${i}`,
        source: imagesPath,
        label: labels ? String(labels.data[i]) : undefined,
        load: async (): Promise<Image> => ({
          data: images.data.slice(i * size, (i + 1) * size),
          width,
          height,
          channels: c as Channels,
        }),
      }));
      const classes = labels
        ? [...new Set(Array.from(labels.data.subarray(0, count)))].sort((a, b) => a - b).map(String)
        : undefined;
      return { items, classes };
    },
  };
}
