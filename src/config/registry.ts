import type { z } from 'zod';
import { GanpipeError } from '../core/errors.js';
import type { Stage } from '../core/stage.js';
import type { AnyRandomOp, TraceOp } from '../stages/augment/randomOp.js';

/** A stage known to pipeline files: its JSON `"type"`, its options schema and its factory. */
export interface StageDefinition {
  readonly type: string;
  /** A strict object schema of the options (without `type`). */
  readonly schema: z.ZodObject;
  /** One-line summary, shown in the JSON Schema and `--help`. */
  readonly description: string;
  /** Builds the stage; `baseDir` is the pipeline file's folder, for options that are paths. */
  readonly create: (options: never, context?: { baseDir: string }) => Stage;
  /**
   * The factory validates its raw options itself (recursive options such as augment's `ops`);
   * `schema` then only describes them for the JSON Schema.
   */
  readonly validatesItself?: boolean;
}

const registry = new Map<string, StageDefinition>();

/**
 * Makes a stage available to pipeline JSON files under `definition.type`.
 * @throws GanpipeError if the type is taken.
 */
export function registerStage(definition: StageDefinition): void {
  if (registry.has(definition.type)) throw new GanpipeError(`stage type ${JSON.stringify(definition.type)} is already registered`);
  registry.set(definition.type, definition);
}

/** The definition registered under `type`, if any. */
export function stageDefinition(type: string): StageDefinition | undefined {
  return registry.get(type);
}

/** Every registered stage type, in registration order. */
export function stageTypes(): string[] {
  return [...registry.keys()];
}

const randomOps = new Map<string, AnyRandomOp>();
const traceOps = new Map<string, TraceOp<never>>();

/**
 * Makes a random op available to `augment` stages (`{ "op": name }`, in TS and pipeline files),
 * and the trace ops it applies to `replay` and the preview. Define it with `defineRandomOp`.
 * @example registerRandomOp(defineRandomOp({ name: 'randomInvert', description: 'Invert colours.', schema: z.strictObject({ p: z.number().min(0).max(1).default(0.5) }), sample: () => ({}), apply: [invertOp] }));
 * @throws GanpipeError if the name is taken, its schema has no `p`, or one of its trace op names belongs to another trace op.
 */
export function registerRandomOp(definition: AnyRandomOp): void {
  const { name } = definition;
  if (randomOps.has(name)) throw new GanpipeError(`random op ${JSON.stringify(name)} is already registered`);
  if (!('p' in definition.schema.shape)) throw new GanpipeError(`random op ${JSON.stringify(name)}: its schema needs a probability \`p\``);
  const applied = definition.apply.map((s) => ('op' in s ? s.op : s));
  for (const op of applied) {
    const known = traceOps.get(op.name);
    if (known && known !== op) throw new GanpipeError(`random op ${JSON.stringify(name)}: trace op ${JSON.stringify(op.name)} is already registered by another op`);
  }
  randomOps.set(name, definition);
  for (const op of applied) traceOps.set(op.name, op);
}

/** The random op registered under `name`, if any. */
export function randomOpDefinition(name: string): AnyRandomOp | undefined {
  return randomOps.get(name);
}

/** Every registered random op name, in registration order. */
export function randomOpNames(): string[] {
  return [...randomOps.keys()];
}

/** The trace op a trace entry names, if a registered random op applies it. */
export function traceOp(name: string): TraceOp<never> | undefined {
  return traceOps.get(name);
}

/** Every trace op name a replay can apply. */
export function traceOpNames(): string[] {
  return [...traceOps.keys()];
}
