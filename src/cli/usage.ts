import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses a command's flags; `--help` prints its usage. Unknown flags are usage errors. */
export function parseCommand(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[]; help: boolean; usage: string } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    const values = parsed.values as Record<string, string | boolean | undefined>;
    return { values, positionals: parsed.positionals, help: Boolean(values['help']), usage };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** A positive integer flag, or a usage error naming it. */
export function intFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} expects a positive integer, received ${JSON.stringify(value)}`);
  return n;
}
