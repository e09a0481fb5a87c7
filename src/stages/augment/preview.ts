import sharp from 'sharp';
import { GanpipeError } from '../../core/errors.js';
import { Pipeline } from '../../core/pipeline.js';
import type { Image, Sample, TraceEntry } from '../../core/types.js';
import { escapeHtml } from '../../core/escapeHtml.js';
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

async function cell(image: Image, size: number): Promise<Buffer> {
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

async function firstSamples(p: Pipeline, count: number, epoch: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const s of p.samples({ epoch, shuffleBuffer: 0 })) {
    out.push(s);
    if (out.length === count) break;
  }
  return out;
}

/**
 * A PNG grid for checking an augmentation config: one row per sample, the image as it reaches
 * the first `augment` stage, then its augmented versions for epochs 0, 1, …, each labelled with
 * the ops applied.
 * @throws GanpipeError when the pipeline has no augment stage.
 */
export async function augmentPreview(pipeline: Pipeline, { count = 16, epochs = 3, cellSize = 128 }: { count?: number; epochs?: number; cellSize?: number } = {}): Promise<Buffer> {
  const at = pipeline.stages.findIndex((s) => s.type === 'augment');
  if (at < 0) throw new GanpipeError('preview: the pipeline has no augment stage');
  const options = { seed: pipeline.seed, concurrency: pipeline.concurrency };
  const before = new Pipeline(options, pipeline.source, pipeline.stages.slice(0, at));
  const through = new Pipeline(options, pipeline.source, pipeline.stages.slice(0, at + 1));
  const originals = await firstSamples(before, count, 0);
  const versions: Sample[][] = [];
  for (let e = 0; e < epochs; e++) versions.push(await firstSamples(through, count, e));
  const label = 14;
  const pad = 8;
  const colW = cellSize + pad;
  const rowH = cellSize + label * 3 + pad;
  const width = pad + (epochs + 1) * colW;
  const height = pad + 20 + originals.length * rowH;
  const composites: sharp.OverlayOptions[] = [];
  const texts: string[] = [`<text x="${pad}" y="16" font-weight="bold">original</text>`];
  for (let e = 0; e < epochs; e++) texts.push(`<text x="${pad + (e + 1) * colW}" y="16" font-weight="bold">epoch ${e}</text>`);
  for (const [r, original] of originals.entries()) {
    const top = pad + 20 + r * rowH;
    composites.push({ input: await cell(original.image, cellSize), left: pad, top });
    texts.push(`<text x="${pad}" y="${top + cellSize + label - 2}">${escapeHtml(original.id.slice(-22))}</text>`);
    for (let e = 0; e < epochs; e++) {
      const s = versions[e]!.find((v) => v.id === original.id);
      if (!s) continue;
      const left = pad + (e + 1) * colW;
      composites.push({ input: await cell(s.image, cellSize), left, top });
      const words = describeTrace((s.trace ?? []).filter((t) => t.stage === undefined || t.stage.startsWith('augment')));
      wrap(words, 21, 3).forEach((line, i) => texts.push(`<text x="${left}" y="${top + cellSize + (i + 1) * label - 2}">${escapeHtml(line)}</text>`));
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="10" fill="#222">${texts.join('')}</svg>`;
  composites.push({ input: Buffer.from(svg), left: 0, top: 0 });
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(composites).png().toBuffer();
}
