import { readFile } from 'node:fs/promises';
import { traceOp, traceOpNames } from '../../config/registry.js';
import { GanpipeError } from '../../core/errors.js';
import type { Image, TraceEntry } from '../../core/types.js';
// The built-in random ops register the trace ops they apply.
import './ops/index.js';

/**
 * Re-applies a trace (`sample.trace`, or a replay-log line) to an image, op by op. Every op is
 * deterministic in (image, params), so the result equals the original augmentation byte for byte.
 * The ops are those the registered random ops apply (`registerRandomOp`).
 *
 * @example const again = replay(original.image, augmented.trace);
 * @throws GanpipeError for an op name it does not know.
 */
export function replay(image: Image, trace: readonly TraceEntry[]): Image {
  return trace.reduce((img, { op, params }) => {
    const found = traceOp(op);
    if (!found) throw new GanpipeError(`replay: unknown op ${JSON.stringify(op)}; known: ${traceOpNames().join(', ')}`);
    return found.apply(img, params as never);
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
