import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { pipeline, pipelineOptionsSchema, batchOptionsSchema, type Pipeline } from '../core/pipeline.js';
import { PipelineConfigError, type ConfigIssue } from '../core/errors.js';
import type { Stage } from '../core/stage.js';
import type { Source } from '../sources/source.js';
import { checkWith } from './parse.js';
import { didYouMean } from './didYouMean.js';
import { formatPath, describeValue, throwConfigIssues } from './issues.js';
import { sourceDefinition, sourceTypes, stageDefinition, stageTypes } from './registry.js';
import { checkTrainSection, trainSectionSchema, type TrainSection } from './trainSection.js';
// The built-in sources and stages register themselves; the built-in models are registered by
// src/train/models (config must not import train), which the package entry and the CLI load.
import './sources.js';
import '../stages/index.js';

const withType = z.looseObject({ type: z.string() });

/** The top level of a pipeline file; `source` and each stage are checked against their own schema. */
const fileShape = z.strictObject({
  $schema: z.string().optional(),
  ...pipelineOptionsSchema.shape,
  source: withType,
  stages: z.array(withType).default([]),
  batch: batchOptionsSchema,
  train: z.unknown().optional(),
});

/**
 * Checks a pipeline description and builds it. Validation only: nothing in it can run code.
 * Relative paths resolve against `baseDir` (the file's folder).
 * @throws PipelineConfigError listing every problem, each with its JSON path.
 */
export function buildPipeline(json: unknown, context: { baseDir: string; where: string; name?: string }): Pipeline {
  return buildPipelineFile(json, context).pipeline;
}

/** A built pipeline file: the pipeline, its optional `train` section, and the JSON it came from. */
export interface LoadedPipelineFile {
  readonly pipeline: Pipeline;
  readonly train: TrainSection | undefined;
  readonly json: Record<string, unknown>;
}

/** Like `buildPipeline`, also checking and returning the `train` section. */
export function buildPipelineFile(json: unknown, { baseDir, where, name }: { baseDir: string; where: string; name?: string }): LoadedPipelineFile {
  const issues: ConfigIssue[] = [];
  const top = checkWith(fileShape, json);
  if (!top.ok) issues.push(...top.issues);
  const raw = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;

  let source: Source | undefined;
  const sourceDef = typed(raw['source'], ['source'], sourceTypes(), issues, 'source');
  if (sourceDef) {
    const def = sourceDefinition(sourceDef.type)!;
    const checked = checkWith(def.schema, sourceDef.options, ['source']);
    if (checked.ok) source = def.create(checked.value as never, { baseDir });
    else issues.push(...checked.issues);
  }

  const stages: Stage[] = [];
  const rawStages = Array.isArray(raw['stages']) ? raw['stages'] : [];
  rawStages.forEach((entry, i) => {
    const found = typed(entry, ['stages', i], stageTypes(), issues, 'stage');
    if (!found) return;
    const def = stageDefinition(found.type)!;
    const checked = def.validatesItself ? { ok: true as const, value: found.options } : checkWith(def.schema, found.options, ['stages', i]);
    if (!checked.ok) {
      issues.push(...checked.issues);
      return;
    }
    try {
      stages.push(def.create(checked.value as never, { baseDir }));
    } catch (error) {
      if (!(error instanceof PipelineConfigError)) throw error;
      const at = formatPath(['stages', i]);
      issues.push(...error.issues.map((issue) => ({ ...issue, path: issue.path ? `${at}.${issue.path}` : at })));
    }
  });

  const train = raw['train'] === undefined ? undefined : checkTrainSection(raw['train'], issues);

  if (issues.length > 0 || !top.ok || !source) throwConfigIssues(where, dedupe(issues));
  const file = top.value;
  const built = pipeline({
    ...(file.seed !== undefined ? { seed: file.seed } : {}),
    concurrency: file.concurrency,
    ...((file.name ?? name) ? { name: (file.name ?? name)! } : {}),
  })
    .from(source)
    .pipe(...stages)
    .batch(file.batch);
  return { pipeline: built, train, json: raw };
}

/** Where relative paths in a config object resolve. */
export interface LoadPipelineOptions {
  /** Folder that relative paths (`cwd`, `images`, label CSVs, cache dirs) resolve against. @default process.cwd() for a config object; the file's folder for a file */
  readonly baseDir?: string;
}

/** A pipeline file's path (or `file:` URL), or the same JSON as an object. */
export type PipelineInput = string | URL | Readonly<Record<string, unknown>>;

/**
 * Reads, checks and builds a pipeline: from a JSON file, or from a config object of the same
 * shape (relative paths in it resolve against `options.baseDir`, default `process.cwd()`).
 * @example const p = await loadPipeline('pipelines/mnist.json');
 * @example const p = await loadPipeline({ seed: 1, source: { type: 'idx', images: 'mnist/images-idx3-ubyte.gz' }, batch: { size: 64 } });
 * @throws PipelineConfigError naming the file (or "pipeline config object"), with every problem and its JSON path; also for an argument that is neither a path nor an object.
 */
export async function loadPipeline(input: PipelineInput, options: LoadPipelineOptions = {}): Promise<Pipeline> {
  return (await loadPipelineFile(input, options)).pipeline;
}

/** Like `loadPipeline`, also returning the `train` section and the JSON. */
export async function loadPipelineFile(input: PipelineInput, options: LoadPipelineOptions = {}): Promise<LoadedPipelineFile> {
  if (typeof input === 'string' || input instanceof URL) return loadFromFile(input instanceof URL ? fileURLToPath(input) : input, options);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throwConfigIssues('loadPipeline() argument', [
      {
        path: '',
        message:
          `Expected a pipeline file path (string or file: URL) or a config object { source, stages, batch, ... }, received ${describeValue(input)}` +
          '. To build from JSON you already parsed, pass the object (or use buildPipeline(json, { baseDir, where })).',
      },
    ]);
  }
  const name = typeof input['name'] === 'string' ? input['name'] : undefined;
  return buildPipelineFile(input, { baseDir: path.resolve(options.baseDir ?? process.cwd()), where: 'pipeline config object', ...(name ? { name } : {}) });
}

async function loadFromFile(file: string, options: LoadPipelineOptions): Promise<LoadedPipelineFile> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throwConfigIssues(`pipeline file ${file}`, [{ path: '', message: `Cannot read the file: ${error.code ?? error.message}` }]);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throwConfigIssues(`pipeline file ${file}`, [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }]);
  }
  return buildPipelineFile(json, {
    baseDir: options.baseDir === undefined ? path.dirname(path.resolve(file)) : path.resolve(options.baseDir),
    where: `pipeline file ${file}`,
    name: path.basename(file, '.json'),
  });
}

// Checks `{ type, ...options }` and splits it; reports unknown types with a hint.
function typed(
  value: unknown,
  at: (string | number)[],
  known: string[],
  issues: ConfigIssue[],
  what: string,
): { type: string; options: Record<string, unknown> } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined; // reported by the top-level check
  const { type, ...options } = value as Record<string, unknown>;
  if (typeof type !== 'string' || !known.includes(type)) {
    const hint = typeof type === 'string' ? didYouMean(type, known) : undefined;
    issues.push({
      path: formatPath([...at, 'type']),
      message:
        `Unknown ${what} type, received ${describeValue(type)}` +
        (hint ? `; did you mean ${JSON.stringify(hint)}?` : '') +
        ` Allowed: ${known.map((k) => JSON.stringify(k)).join(', ')}`,
    });
    return undefined;
  }
  return { type, options };
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\n${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The JSON Schema of pipeline files, generated from the same zod schemas that validate them. */
export function pipelineJsonSchema(): Record<string, unknown> {
  const variant = (type: string, schema: z.ZodObject, description: string) =>
    schema.extend({ type: z.literal(type) }).describe(description);
  const union = (defs: readonly { type: string; schema: z.ZodObject; description: string }[]) =>
    z.union(defs.map((d) => variant(d.type, d.schema, d.description)) as unknown as [z.ZodObject, z.ZodObject]);
  const stageDefs = stageTypes().map((t) => stageDefinition(t)!);
  const sourceDefs = sourceTypes().map((t) => sourceDefinition(t)!);
  const schema = z.strictObject({
    $schema: z.string().optional(),
    ...pipelineOptionsSchema.shape,
    source: union(sourceDefs),
    stages: z.array(union(stageDefs)).optional(),
    batch: batchOptionsSchema,
    train: trainSectionSchema().optional(),
  });
  return {
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }),
    title: 'ganpipe pipeline',
    description: 'A ganpipe pipeline file: source, stages, batching. See the ganpipe README.',
  };
}
