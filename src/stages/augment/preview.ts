import sharp from 'sharp';
import { GanpipeError } from '../../core/errors.js';
import { Pipeline } from '../../core/pipeline.js';
import type { Image, Sample, TraceEntry } from '../../core/types.js';
import { html } from '../../report/html.js';
import { iterable } from '../../sources/iterable.js';
import { traceOp } from '../../config/registry.js';
// The built-in random ops register the trace ops they apply.
import './ops/index.js';

/** Short text for a trace, from each trace op's `describe`: `rotate 12.3°, brightness ×1.12`. */
export function describeTrace(trace: readonly TraceEntry[]): string {
  if (trace.length === 0) return 'unchanged';
  return trace.map(({ op, params }) => traceOp(op)?.describe?.(params as never) ?? op).join(', ');
}

// 8-bit RGB pixels of an image; float images are shown from [-1, 1] when negative, else [0, 1].
function toRgb8(image: Image): Buffer {
  const { data, channels } = image;
  let lo = 0;
  let hi = 255;
  if (data instanceof Float32Array) {
    let min = Infinity;
    for (const v of data) min = Math.min(min, v);
    [lo, hi] = min < 0 ? [-1, 1] : [0, 1];
  }
  const n = image.width * image.height;
  const out = Buffer.alloc(n * 3);
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) {
      const v = data[p * channels + (channels >= 3 ? c : 0)]!;
      out[p * 3 + c] = Math.max(0, Math.min(255, Math.round(((v - lo) / (hi - lo)) * 255)));
    }
  }
  return out;
}

/** One cell of the preview: an image scaled into a `size`-pixel square (nearest when enlarged), as PNG. */
export async function previewCell(image: Image, size: number): Promise<Buffer> {
  const kernel = Math.max(image.width, image.height) < size ? 'nearest' : 'lanczos3';
  return sharp(toRgb8(image), { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(size, size, { fit: 'contain', background: '#ffffff', kernel })
    .png()
    .toBuffer();
}

// Greedy line packing of a comma-separated description; the last line ends with … when cut.
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  for (const part of text.split(', ')) {
    const last = out.at(-1);
    if (last !== undefined && last.length + part.length + 2 <= width) out[out.length - 1] = `${last}, ${part}`;
    else out.push(part);
  }
  return out.length <= lines ? out : [...out.slice(0, lines - 1), `${out[lines - 1]} …`];
}

/**
 * A sample id in at most `lines` lines of `width` characters, cut in the middle when longer:
 * the folder's start and the file name both stay readable.
 * @example wrapId('photos/cats/0001.jpg', 8, 2) // ['photos/…', '0001.jpg']
 */
export function wrapId(id: string, width: number, lines: number): string[] {
  const room = width * lines;
  const text = id.length <= room ? id : `${id.slice(0, width - 1)}…${id.slice(id.length - (room - width))}`;
  return Array.from({ length: Math.ceil(text.length / width) }, (_, i) => text.slice(i * width, (i + 1) * width));
}

/** Which samples a preview shows, and over how many epochs. */
export interface AugmentPreviewOptions {
  /** Samples (rows). @default 16 */
  readonly count?: number;
  /** Augmented versions per sample, for epochs 0, 1, … @default 3 */
  readonly epochs?: number;
  /** Edge of each image cell in pixels. @default 128 */
  readonly cellSize?: number;
  /**
   * A seeded random sample of the whole set (the pipeline's shuffle of epoch 0 over every item,
   * or over 10,000 when the source does not list up front), instead of the first in source order.
   * @default false
   */
  readonly random?: boolean;
  /** Only samples of this split (set by a `split` stage before the augment stage). */
  readonly split?: string | undefined;
}

/** One row of a preview: a sample as it reaches the augment stage, and its augmented versions per epoch. */
export interface PreviewRow {
  readonly original: Sample;
  /** Index = epoch; undefined when the augment stage rejected the sample in that epoch. */
  readonly versions: readonly (Sample | undefined)[];
}

/**
 * The samples of a preview: the first `count` (or a random `count`, of a split) as they reach
 * the first `augment` stage, each then augmented for epochs 0, 1, …, exactly as a run would
 * (same seed, stage key and sample id), without reading them again.
 * @throws GanpipeError when the pipeline has no augment stage, or no sample of `split` reaches it.
 */
export async function previewRows(pipeline: Pipeline, { count = 16, epochs = 3, random = false, split }: AugmentPreviewOptions = {}): Promise<PreviewRow[]> {
  const at = pipeline.stages.findIndex((s) => s.type === 'augment');
  if (at < 0) throw new GanpipeError('preview: the pipeline has no augment stage');
  const options = { seed: pipeline.seed, concurrency: pipeline.concurrency };
  const before = await new Pipeline(options, pipeline.source, pipeline.stages.slice(0, at)).prepare();
  const originals: Sample[] = [];
  for await (const s of before.samples({ epoch: 0, shuffleBuffer: random ? (before.size ?? 10_000) : 0, ...(split !== undefined ? { split } : {}) })) {
    originals.push(s);
    if (originals.length === count) break;
  }
  if (originals.length === 0 && split !== undefined) {
    throw new GanpipeError(`preview --split ${split}: no sample of that split reaches the augment stage (a split stage before it must name "${split}")`);
  }
  // The augment stage alone over the originals: its draws are keyed by (seed, stage key, epoch, id),
  // and it is the first augment stage, so its key is the same as in the whole pipeline.
  const again = new Pipeline(options, iterable(() => originals.map((s) => ({ id: s.id, image: s.image, label: s.label }))), [pipeline.stages[at]!]);
  const versions: Map<string, Sample>[] = [];
  for (let e = 0; e < epochs; e++) {
    const byId = new Map<string, Sample>();
    for await (const s of again.samples({ epoch: e, shuffleBuffer: 0 })) byId.set(s.id, s);
    versions.push(byId);
  }
  return originals.map((original) => ({ original, versions: versions.map((v) => v.get(original.id)) }));
}

/** The ops an augment stage applied to a sample, in words (`unchanged` when none). */
export function augmentWords(sample: Sample): string {
  return describeTrace((sample.trace ?? []).filter((t) => t.stage === undefined || t.stage.startsWith('augment')));
}

/**
 * A PNG grid for checking an augmentation config: one row per sample (see `previewRows`), the
 * image as it reaches the first `augment` stage with its id, then its augmented versions for
 * epochs 0, 1, …, each labelled with the ops applied.
 * @throws GanpipeError when the pipeline has no augment stage.
 */
export async function augmentPreview(pipeline: Pipeline, options: AugmentPreviewOptions = {}): Promise<Buffer> {
  return previewPng(await previewRows(pipeline, options), options.cellSize ?? 128);
}

/** The PNG grid of preview rows (see `augmentPreview`). */
export async function previewPng(rows: readonly PreviewRow[], cellSize = 128): Promise<Buffer> {
  const epochs = rows[0]?.versions.length ?? 0;
  const label = 14;
  const pad = 8;
  const colW = cellSize + pad;
  const rowH = cellSize + label * 3 + pad;
  const width = pad + (epochs + 1) * colW;
  const height = pad + 20 + rows.length * rowH;
  // About 6 px per character at font-size 10: the lines of a caption fit under their cell.
  const chars = Math.floor(cellSize / 6);
  const composites: sharp.OverlayOptions[] = [];
  const texts = [html`<text x="${pad}" y="16" font-weight="bold">original</text>`];
  for (let e = 0; e < epochs; e++) texts.push(html`<text x="${pad + (e + 1) * colW}" y="16" font-weight="bold">epoch ${e}</text>`);
  const caption = (lines: string[], left: number, top: number) =>
    lines.forEach((line, i) => texts.push(html`<text x="${left}" y="${top + cellSize + (i + 1) * label - 2}">${line}</text>`));
  for (const [r, { original, versions }] of rows.entries()) {
    const top = pad + 20 + r * rowH;
    composites.push({ input: await previewCell(original.image, cellSize), left: pad, top });
    caption(wrapId(original.id, chars, 3), pad, top);
    for (const [e, s] of versions.entries()) {
      if (!s) continue;
      const left = pad + (e + 1) * colW;
      composites.push({ input: await previewCell(s.image, cellSize), left, top });
      caption(wrap(augmentWords(s), chars, 3), left, top);
    }
  }
  const svg = html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="10" fill="#222">${texts}</svg>`;
  composites.push({ input: Buffer.from(svg.text), left: 0, top: 0 });
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(composites).png().toBuffer();
}
