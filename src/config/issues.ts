import type { z } from 'zod';
import { PipelineConfigError, type ConfigIssue } from '../core/errors.js';
import { didYouMean } from './didYouMean.js';

/** `['stages', 2, 'width']` → `stages[2].width`. The one place a JSON path is spelled. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** `0 (number)`, `"cove" (string)`, `null`: how a received value is shown in errors. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `${JSON.stringify(value)} (${typeof value})`;
}

/** Turns zod issues into ours: path from the root, expectation, received value, hints. */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  schema?: z.ZodType,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? keysAt(schema, issue.path) : undefined;
      for (const key of issue.keys) {
        const hint = known ? didYouMean(key, known) : undefined;
        out.push({
          path: formatPath([...path, key]),
          message: `Unknown key ${JSON.stringify(key)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest, not every branch.
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      out.push(...fromZodIssues(best, path, undefined));
      continue;
    }
    const missing = issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;
    // A custom check words its own message (and its input is the whole object).
    const received = 'input' in issue && !missing && issue.code !== 'custom' ? `, received ${describeValue(issue.input)}` : '';
    let message = expectation(issue) + received;
    if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
      const hint = didYouMean(issue.input, issue.values.map(String));
      if (hint) message += `; did you mean ${JSON.stringify(hint)}?`;
    }
    out.push({ path: formatPath(path), message });
  }
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
}

// Walks a schema along a path to list the keys an object there accepts.
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let node: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (node as { def?: { type: string; innerType?: unknown; in?: unknown } }).def;
      if (def?.innerType) node = def.innerType;
      else if (def?.type === 'pipe') node = def.in;
      else return def;
    }
  };
  for (const key of path) {
    const def = unwrap() as { type?: string; shape?: Record<string, unknown>; element?: unknown } | undefined;
    if (def?.type === 'object') node = def.shape?.[String(key)];
    else if (def?.type === 'array') node = def.element;
    else return undefined;
  }
  const def = unwrap() as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return `Missing required ${issue.expected}`;
      return issue.message.startsWith('Invalid input') ? `Expected ${issue.expected}` : issue.message;
    case 'invalid_value':
      return `Expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big)/.test(issue.message)) return issue.message; // a schema's own wording
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      if (issue.origin === 'array') return `Expected an array of ${op} ${bound} items`;
      if (issue.origin === 'string') return `Expected a string of ${op} ${bound} characters`;
      return `Expected a number ${op} ${bound}`;
    }
    default:
      return issue.message;
  }
}

/** Renders issues one per problem: `✖ message\n  → at path`. */
export function prettyIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `✖ ${i.message}${i.path ? `\n  → at ${i.path}` : ''}`).join('\n');
}

/** Throws a `PipelineConfigError` listing every issue, headed by where the config came from. */
export function throwConfigIssues(where: string, issues: readonly ConfigIssue[]): never {
  const head = `Invalid ${where} (${issues.length} problem${issues.length === 1 ? '' : 's'}):`;
  throw new PipelineConfigError(`${head}\n${prettyIssues(issues)}`, issues);
}
