import type { z } from 'zod';
import { fromZodIssues, throwConfigIssues } from './issues.js';
import type { ConfigIssue } from '../core/errors.js';

/**
 * Validates `input` against `schema` and returns the resolved value, or collects every
 * problem, each located by its JSON path under `prefix`.
 */
export function checkWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): { ok: true; value: z.output<S> } | { ok: false; issues: ConfigIssue[] } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: fromZodIssues(result.error.issues, prefix, schema) };
}

/**
 * Validates the options of a stage or source factory once, at construction.
 * @throws PipelineConfigError naming every bad option.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = checkWith(schema, input ?? {});
  if (!result.ok) throwConfigIssues(`${where} options`, result.issues);
  return Object.freeze(result.value) as z.output<S>;
}
