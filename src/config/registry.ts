import type { z } from 'zod';
import { GanpipeError } from '../core/errors.js';
import type { Stage } from '../core/stage.js';

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
