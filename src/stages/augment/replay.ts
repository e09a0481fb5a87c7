import { readFile } from 'node:fs/promises';
import { GanpipeError } from '../../core/errors.js';
import type { Image, TraceEntry } from '../../core/types.js';
import * as ops from '../../ops/augment/index.js';

type Op = (image: Image, params: never) => Image;

/** The deterministic ops a trace may name, by name. */
export const augmentOps: Readonly<Record<string, Op>> = Object.freeze({
  horizontalFlip: ops.horizontalFlip,
  verticalFlip: ops.verticalFlip,
  rotate: ops.rotate,
  translate: ops.translate,
  scale: ops.scale,
  affine: ops.affine,
  crop: ops.crop,
  resizedCrop: ops.resizedCrop,
  perspective: ops.perspective,
  elastic: ops.elastic,
  brightness: ops.brightness,
  contrast: ops.contrast,
  saturation: ops.saturation,
  hue: ops.hue,
  gamma: ops.gamma,
  grayscale: ops.grayscale,
  gaussianNoise: ops.gaussianNoise,
  saltPepper: ops.saltPepper,
  gaussianBlur: ops.gaussianBlur,
  erase: ops.erase,
} satisfies Record<string, Op>);

/**
 * Re-applies a trace (`sample.trace`, or a replay-log line) to an image, op by op. Every op is
 * deterministic in (image, params), so the result equals the original augmentation byte for byte.
 *
 * @example const again = replay(original.image, augmented.trace);
 * @throws GanpipeError for an op name it does not know.
 */
export function replay(image: Image, trace: readonly TraceEntry[]): Image {
  return trace.reduce((img, { op, params }) => {
    const fn = augmentOps[op];
    if (!fn) throw new GanpipeError(`replay: unknown op ${JSON.stringify(op)}; known: ${Object.keys(augmentOps).join(', ')}`);
    return fn(img, params as never);
  }, image);
}

/** One line of a replay log. */
export interface ReplayLogLine {
  readonly id: string;
  readonly epoch: number;
  readonly trace: TraceEntry[];
}

/** Reads a replay log (JSONL written by `augment({ replayLog })`), keyed by `id@epoch`. */
export async function readReplayLog(file: string): Promise<Map<string, ReplayLogLine>> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  return new Map(
    lines.map((line, i) => {
      try {
        const parsed = JSON.parse(line) as ReplayLogLine;
        return [`${parsed.id}@${parsed.epoch}`, parsed];
      } catch {
        throw new GanpipeError(`${file}:${i + 1}: not a JSON line`);
      }
    }),
  );
}
