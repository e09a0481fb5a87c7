import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { finalize } from 'rxjs';
import { rngFor, type Rng } from '../../core/rng.js';
import { mapEachSample, type Stage } from '../../core/stage.js';
import { withSample, type Image, type TraceEntry } from '../../core/types.js';
import { parseAugmentOptions, type AugmentOptions, type ParsedNode } from './augmentOptions.js';
import { traceOf, type AnyRandomOp } from './randomOp.js';
import { replay } from './replay.js';

/** A validated node with its stable RNG key. */
interface Compiled {
  readonly key: string;
  readonly p: number;
  readonly op?: { def: AnyRandomOp; options: Record<string, unknown> };
  readonly oneOf?: { children: Compiled[]; weights: number[] };
  readonly someOf?: { children: Compiled[]; n: [number, number] };
  readonly sequence?: Compiled[];
}

/**
 * Composes random augmentations. Each entry has a probability `p`; `oneOf` picks one child
 * (weights normalised), `someOf` applies `n` distinct children (in listed order), `sequence`
 * applies all. Every node draws from its own RNG, seeded by (seed, stage, node key, epoch,
 * sample id); a node's key is its `id` or `name#n` under its parent, so inserting an op does
 * not change the draws of the others, and results do not depend on concurrency or order.
 * Each sample records the deterministic ops applied, in order, in `sample.trace`;
 * `replay(image, trace)` re-applies them exactly.
 *
 * @example JSON: `{ "type": "augment", "ops": [{ "op": "randomHorizontalFlip", "p": 0.5 }, { "oneOf": [{ "op": "randomRotate", "degrees": 15 }, { "op": "randomAffine", "shear": 10 }], "p": 0.7 }] }`
 * @example TS: `stages.augment({ ops: [{ op: 'randomHorizontalFlip' }, { op: 'randomBrightnessContrast', brightness: 0.2, p: 0.5 }] })`
 * @throws PipelineConfigError listing every bad entry with its path (e.g. `ops[1].oneOf[0].degrees`).
 */
export function augment(options: AugmentOptions): Stage<AugmentOptions> {
  const { ops: parsed, replayLog, id } = parseAugmentOptions(options);
  const ops = compileList(parsed, '');
  const frozen = Object.freeze({ ...options });
  return {
    type: 'augment',
    options: frozen,
    id,
    operator: (ctx) => {
      const log = replayLog ? openLog(replayLog) : undefined;
      const rngOf = (key: string, sampleId: string) => rngFor(ctx.seed, `${ctx.stageKey}/${key}`, ctx.epoch, sampleId);
      return (source) =>
        source.pipe(
          mapEachSample(ctx, (sample) => {
            const trace: TraceEntry[] = [];
            let image = sample.image;
            for (const node of ops) image = run(node, image, (k) => rngOf(k, sample.id), trace);
            log?.write(`${JSON.stringify({ id: sample.id, epoch: ctx.epoch, trace })}\n`);
            return withSample(sample, { image, trace: trace.map((t) => ({ ...t, stage: ctx.stageKey })) });
          }),
          finalize(() => log?.end()),
        );
    },
  };
}

// Lines are buffered and appended synchronously, so the log is complete when the pass ends.
function openLog(file: string) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) appendFileSync(file, lines.join(''));
    lines = [];
  };
  return {
    write(line: string) {
      lines.push(line);
      if (lines.length >= 64) flush();
    },
    end: flush,
  };
}

// Applies one node to an image, appending what it did to `trace`.
function run(node: Compiled, image: Image, rngOf: (key: string) => Rng, trace: TraceEntry[]): Image {
  const rng = rngOf(node.key);
  // The probability is always the node's first draw, so params do not depend on p.
  if (rng() >= node.p) return image;
  if (node.op) {
    const shape = { width: image.width, height: image.height, channels: image.channels, float: image.data instanceof Float32Array };
    const entries = traceOf(node.op.def, node.op.def.sample(rng, node.op.options, shape));
    trace.push(...entries);
    return replay(image, entries);
  }
  if (node.oneOf) {
    const { children, weights } = node.oneOf;
    let u = rng();
    const i = weights.findIndex((w) => (u -= w) < 0);
    return run(children[i < 0 ? children.length - 1 : i]!, image, rngOf, trace);
  }
  if (node.someOf) {
    const { children, n } = node.someOf;
    const count = n[0] + Math.floor(rng() * (n[1] - n[0] + 1));
    const order = children.map((_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rng() * (order.length - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const picked = order.slice(0, count).sort((a, b) => a - b);
    return picked.reduce((img, i) => run(children[i]!, img, rngOf, trace), image);
  }
  return (node.sequence ?? []).reduce((img, child) => run(child, img, rngOf, trace), image);
}

// Gives each node its RNG key: its `id`, or `name#n` (the n-th of that name) under its parent.
function compileList(list: readonly ParsedNode[], parent: string): Compiled[] {
  const seen = new Map<string, number>();
  return list.map((node) => {
    const name = 'def' in node ? node.def.name : node.combinator;
    const n = seen.get(name) ?? 0;
    if (!node.id) seen.set(name, n + 1);
    const key = node.id ? `${parent}${node.id}` : `${parent}${name}#${n}`;
    if ('def' in node) return { key, p: node.p, op: { def: node.def, options: node.options } };
    const children = compileList(node.children, `${key}/`);
    if (node.combinator === 'oneOf') {
      const weights = node.weights ?? children.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      return { key, p: node.p, oneOf: { children, weights: weights.map((w) => w / total) } };
    }
    if (node.combinator === 'someOf') {
      const n = node.n!;
      return { key, p: node.p, someOf: { children, n: typeof n === 'number' ? [n, n] : n } };
    }
    return { key, p: node.p, sequence: children };
  });
}
