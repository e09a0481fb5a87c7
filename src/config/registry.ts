import type { z } from 'zod';
import { GanpipeError } from '../core/errors.js';
import type { Stage } from '../core/stage.js';
import type { Source } from '../sources/source.js';
import type { GanTrainer } from '../core/trainer.js';
import type { AnyRandomOp, TraceOp } from '../stages/augment/randomOp.js';

/** What every registered kind shares: the JSON `"type"` a pipeline file names, the options schema, a summary. */
interface Definition {
  readonly type: string;
  /** A strict object schema of the options (without `type`); the JSON Schema and validation come from it. */
  readonly schema: z.ZodObject;
  /** One-line summary, shown in the JSON Schema and `--help`. */
  readonly description: string;
}

/** A stage known to pipeline files: its JSON `"type"`, its options schema and its factory. */
export interface StageDefinition extends Definition {
  /** Builds the stage; `baseDir` is the pipeline file's folder, for options that are paths. */
  readonly create: (options: never, context?: { baseDir: string }) => Stage;
  /**
   * The factory validates its raw options itself (recursive options such as augment's `ops`);
   * `schema` then only describes them for the JSON Schema.
   */
  readonly validatesItself?: boolean;
}

/** A source known to pipeline files (`"source": { "type": … }`). Relative paths resolve against `baseDir`. */
export interface SourceDefinition extends Definition {
  readonly create: (options: never, context: { baseDir: string }) => Source;
}

/** What a model factory gets besides its options. */
export interface ModelContext {
  readonly imageShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly seed: number | string;
}

/** A GAN a pipeline file's `train.model` can name: its options schema and its factory. */
export interface ModelDefinition<Trainer extends GanTrainer = GanTrainer> extends Definition {
  readonly create: (options: never, context: ModelContext) => Trainer;
}

/** One kind's definitions by type, in registration order. */
class Registry<D extends Definition> {
  private readonly byType = new Map<string, D>();
  constructor(private readonly kind: string) {}

  add(definition: D): void {
    if (this.byType.has(definition.type)) throw new GanpipeError(`${this.kind} type ${JSON.stringify(definition.type)} is already registered`);
    this.byType.set(definition.type, definition);
  }

  get(type: string): D | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}

const stageRegistry = new Registry<StageDefinition>('stage');
const sourceRegistry = new Registry<SourceDefinition>('source');
const modelRegistry = new Registry<ModelDefinition>('model');

/**
 * Makes a stage available to pipeline JSON files under `definition.type`.
 * @example registerStage({ type: 'invert', schema: z.strictObject({}), description: 'Invert 8-bit pixels.', create: invert })
 * @throws GanpipeError if the type is taken.
 */
export function registerStage(definition: StageDefinition): void {
  stageRegistry.add(definition);
}

/** The stage definition registered under `type`, if any. */
export function stageDefinition(type: string): StageDefinition | undefined {
  return stageRegistry.get(type);
}

/** Every registered stage type, in registration order. */
export function stageTypes(): string[] {
  return stageRegistry.types();
}

/**
 * Makes a source available to pipeline JSON files: `"source": { "type": definition.type, …options }`.
 * `create` gets the validated options and the pipeline file's folder, for relative paths.
 * @example registerSource({ type: 'tiles', schema: z.strictObject({ count: z.number().int() }), description: 'Synthetic tiles.', create: (o) => sources.iterable(() => tiles(o.count)) })
 * @throws GanpipeError if the type is taken.
 */
export function registerSource(definition: SourceDefinition): void {
  sourceRegistry.add(definition);
}

/** The source definition registered under `type`, if any. */
export function sourceDefinition(type: string): SourceDefinition | undefined {
  return sourceRegistry.get(type);
}

/** Every registered source type, in registration order. */
export function sourceTypes(): string[] {
  return sourceRegistry.types();
}

/**
 * Makes a model available to pipeline JSON files: `"train": { "model": definition.type, …options }`,
 * beside the loop's options (`steps`, `epochs`, `sampleEvery`, `checkpointEvery`). `create` gets
 * the validated options plus the image shape, class count and seed, and returns a `GanTrainer`
 * (`createGanTrainer` builds one from your models and loss). `ganpipe sample` and `eval`
 * rebuild the model from the run's config.json, so register it before `loadRun` too.
 * @example registerModel({ type: 'my-gan', schema: z.strictObject({ units: z.number().int().default(64) }), description: 'My GAN.', create: (o, ctx) => createGanTrainer({ name: 'my-gan', ...myModels(o.units, ctx.imageShape), latentDim: 32, loss: bceLoss('probability') }) })
 * @throws GanpipeError if the type is taken.
 */
export function registerModel<Trainer extends GanTrainer>(definition: ModelDefinition<Trainer>): void {
  modelRegistry.add(definition);
}

/** The model definition registered under `type`, if any. */
export function modelDefinition(type: string): ModelDefinition | undefined {
  return modelRegistry.get(type);
}

/** Every registered model type, in registration order (the built-ins are registered by src/train/models). */
export function modelTypes(): string[] {
  return modelRegistry.types();
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
