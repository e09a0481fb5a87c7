import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { finalize } from 'rxjs';
import { checkWith } from '../../config/parse.js';
import { didYouMean } from '../../config/didYouMean.js';
import { describeValue, formatPath, throwConfigIssues } from '../../config/issues.js';
import type { ConfigIssue } from '../../core/errors.js';
import { rngFor, type Rng } from '../../core/rng.js';
import { mapEachSample, type Stage } from '../../core/stage.js';
import { withSample, type Image, type TraceEntry } from '../../core/types.js';
import { stageBaseShape } from '../common.js';
import { randomOp, randomOps, type RandomOpDefinition } from './randomOps.js';
import { replay } from './replay.js';

/** One entry of an `augment` stage's `ops`: a random op or a combinator of entries. */
export type AugmentNode =
  | ({ op: string; p?: number; id?: string } & Record<string, unknown>)
  | { oneOf: AugmentNode[]; weights?: number[]; p?: number; id?: string }
  | { someOf: AugmentNode[]; n: number | [number, number]; p?: number; id?: string }
  | { sequence: AugmentNode[]; p?: number; id?: string };

/** Options of `stages.augment`. */
export interface AugmentOptions {
  readonly ops: AugmentNode[];
  /** Append `{ id, epoch, trace }` per sample to this JSONL file, to replay later. */
  readonly replayLog?: string;
  readonly id?: string;
}

/** A validated node with its stable RNG key. */
interface Compiled {
  readonly key: string;
  readonly p: number;
  readonly op?: { def: RandomOpDefinition; options: Record<string, unknown> };
  readonly oneOf?: { children: Compiled[]; weights: number[] };
  readonly someOf?: { children: Compiled[]; n: [number, number] };
  readonly sequence?: Compiled[];
}

const probability = z.number().min(0, { error: 'Expected a probability in [0, 1]' }).max(1, { error: 'Expected a probability in [0, 1]' });
const COMBINATORS = ['oneOf', 'someOf', 'sequence'] as const;

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
  const { ops, replayLog, id } = checkAugmentOptions(options);
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
    const entries = node.op.def.sample(rng, node.op.options, shape);
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

/** Validates the whole `ops` tree at once; every problem is reported with its path. */
function checkAugmentOptions(options: AugmentOptions): { ops: Compiled[]; replayLog: string | undefined; id: string | undefined } {
  const issues: ConfigIssue[] = [];
  const raw = (options ?? {}) as unknown as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!['ops', 'replayLog', 'id'].includes(key)) {
      const hint = didYouMean(key, ['ops', 'replayLog', 'id']);
      issues.push({ path: key, message: `Unknown key ${JSON.stringify(key)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''}` });
    }
  }
  if (!Array.isArray(raw['ops']) || raw['ops'].length === 0) issues.push({ path: 'ops', message: `Expected a non-empty array of ops, received ${describeValue(raw['ops'])}` });
  const ops = Array.isArray(raw['ops']) ? compileList(raw['ops'], ['ops'], '', issues) : [];
  if (raw['replayLog'] !== undefined && typeof raw['replayLog'] !== 'string') issues.push({ path: 'replayLog', message: `Expected a file path, received ${describeValue(raw['replayLog'])}` });
  if (issues.length) throwConfigIssues('augment options', issues);
  return { ops, replayLog: raw['replayLog'] as string | undefined, id: raw['id'] as string | undefined };
}

function compileList(list: unknown[], at: (string | number)[], parent: string, issues: ConfigIssue[]): Compiled[] {
  const seen = new Map<string, number>();
  const out: Compiled[] = [];
  list.forEach((entry, i) => {
    const node = compile(entry, [...at, i], issues, (name, id) => {
      if (id) return `${parent}${id}`;
      const n = seen.get(name) ?? 0;
      seen.set(name, n + 1);
      return `${parent}${name}#${n}`;
    });
    if (node) out.push(node);
  });
  return out;
}

function compile(entry: unknown, at: (string | number)[], issues: ConfigIssue[], keyFor: (name: string, id?: string) => string): Compiled | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    issues.push({ path: formatPath(at), message: `Expected an op or a combinator object, received ${describeValue(entry)}` });
    return undefined;
  }
  const { p, id, ...rest } = entry as Record<string, unknown>;
  const idValue = typeof id === 'string' ? id : undefined;
  const combinator = COMBINATORS.find((c) => c in rest);
  if (combinator) {
    const checkedP = checkWith(probability.default(1), p, [...at, 'p']);
    if (!checkedP.ok) issues.push(...checkedP.issues);
    const key = keyFor(combinator, idValue);
    const childrenRaw = rest[combinator];
    if (!Array.isArray(childrenRaw) || childrenRaw.length === 0) {
      issues.push({ path: formatPath([...at, combinator]), message: `Expected a non-empty array of ops, received ${describeValue(childrenRaw)}` });
      return undefined;
    }
    const children = compileList(childrenRaw, [...at, combinator], `${key}/`, issues);
    const allowed = combinator === 'oneOf' ? ['weights'] : combinator === 'someOf' ? ['n'] : [];
    for (const k of Object.keys(rest)) if (k !== combinator && !allowed.includes(k)) issues.push({ path: formatPath([...at, k]), message: `Unknown key ${JSON.stringify(k)} in ${combinator}` });
    const base = { key, p: checkedP.ok ? (checkedP.value as number) : 1 };
    if (combinator === 'oneOf') {
      const weights = rest['weights'] ?? childrenRaw.map(() => 1);
      if (!Array.isArray(weights) || weights.length !== childrenRaw.length || weights.some((w) => typeof w !== 'number' || w < 0) || weights.reduce((a: number, b) => a + (b as number), 0) <= 0) {
        issues.push({ path: formatPath([...at, 'weights']), message: `Expected ${childrenRaw.length} non-negative weights, not all 0, received ${describeValue(weights)}` });
        return undefined;
      }
      const total = (weights as number[]).reduce((a, b) => a + b, 0);
      return { ...base, oneOf: { children, weights: (weights as number[]).map((w) => w / total) } };
    }
    if (combinator === 'someOf') {
      const n = rest['n'];
      const range = typeof n === 'number' ? [n, n] : n;
      if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isInteger(v) && v >= 0 && v <= childrenRaw.length) || range[0] > range[1]) {
        issues.push({ path: formatPath([...at, 'n']), message: `Expected an integer or [min, max] between 0 and ${childrenRaw.length}, received ${describeValue(n)}` });
        return undefined;
      }
      return { ...base, someOf: { children, n: range as [number, number] } };
    }
    return { ...base, sequence: children };
  }
  const name = rest['op'];
  const def = typeof name === 'string' ? randomOp(name) : undefined;
  if (!def) {
    const known = randomOps.map((o) => o.name);
    const hint = typeof name === 'string' ? didYouMean(name, known) : undefined;
    issues.push({
      path: formatPath([...at, 'op']),
      message: `Unknown op, received ${describeValue(name)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''} Allowed: ${known.join(', ')}; or a combinator (oneOf, someOf, sequence)`,
    });
    return undefined;
  }
  const { op: _op, ...opts } = rest;
  const checked = checkWith(def.schema, p === undefined ? opts : { ...opts, p }, at);
  if (!checked.ok) {
    issues.push(...checked.issues);
    return undefined;
  }
  const { p: prob, ...options } = checked.value as Record<string, unknown> & { p: number };
  return { key: keyFor(def.name, idValue), p: prob, op: { def, options } };
}

/** The JSON Schema of an augment stage's options (for pipeline files). */
export function augmentOptionsSchema(): z.ZodObject {
  const node: z.ZodType = z.lazy(() =>
    z.union([
      ...randomOps.map((o) => o.schema.extend({ op: z.literal(o.name), id: z.string().optional() }).describe(o.description)),
      z.strictObject({ oneOf: z.array(node), weights: z.array(z.number().min(0)).optional(), p: probability.optional(), id: z.string().optional() }),
      z.strictObject({ someOf: z.array(node), n: z.union([z.number().int().min(0), z.tuple([z.number().int(), z.number().int()])]), p: probability.optional(), id: z.string().optional() }),
      z.strictObject({ sequence: z.array(node), p: probability.optional(), id: z.string().optional() }),
    ] as unknown as [z.ZodObject, z.ZodObject]),
  );
  return z.strictObject({ ...stageBaseShape, ops: z.array(node).min(1), replayLog: z.string().optional() });
}
