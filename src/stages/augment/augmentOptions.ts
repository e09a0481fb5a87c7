import { z } from 'zod';
import { didYouMean } from '../../config/didYouMean.js';
import { describeValue } from '../../config/issues.js';
import { parseOptions } from '../../config/parse.js';
import { randomOpDefinition, randomOpNames } from '../../config/registry.js';
import { stageBaseShape } from '../common.js';
// The built-in random ops register themselves; their schemas type the specs.
import './ops/index.js';
import type { builtinRandomOps } from './ops/index.js';
import { probabilitySchema } from './ops/options.js';
import type { AnyRandomOp } from './randomOp.js';

type BuiltinRandomOpOptions = { [D in (typeof builtinRandomOps)[number] as D['name']]: z.input<D['schema']> };

/**
 * The options of every random op an `augment` spec may name, by name. Add the ops you register,
 * and their specs are checked at compile time too:
 * `declare module 'ganpipe' { interface RandomOpOptions { randomInvert: { p?: number } } }`.
 */
export interface RandomOpOptions extends BuiltinRandomOpOptions {}

/** One random op of an `augment` stage, checked at compile time: `{ op: 'randomTranslate', fraction: [0.1, 0.1] }`. */
export type AugmentOpSpec = { [K in keyof RandomOpOptions]: { op: K; id?: string } & RandomOpOptions[K] }[keyof RandomOpOptions];

/** One entry of an `augment` stage's `ops`: a random op or a combinator of entries. */
export type AugmentNode =
  | AugmentOpSpec
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

const COMBINATORS = ['oneOf', 'someOf', 'sequence'] as const;
type Combinator = (typeof COMBINATORS)[number];

const id = z.string().optional();

/** The combinators' schemas, their children checked by `child`: the same for validation and for the JSON Schema. */
function combinatorSchemas(child: z.ZodType): Record<Combinator, z.ZodObject> {
  const children = z.array(child).min(1, { error: 'Expected a non-empty array of ops' });
  const p = probabilitySchema.optional();
  return {
    oneOf: z
      .strictObject({ oneOf: children, weights: z.array(z.number().min(0)).optional(), p, id })
      .superRefine(({ oneOf, weights }, ctx) => {
        if (oneOf.length > 0 && weights && (weights.length !== oneOf.length || !weights.some((w) => w > 0))) {
          ctx.addIssue({ code: 'custom', path: ['weights'], message: `Expected ${oneOf.length} non-negative weights, not all 0, received ${describeValue(weights)}` });
        }
      }),
    someOf: z
      .strictObject({ someOf: children, n: z.union([z.number().int().min(0), z.tuple([z.number().int(), z.number().int()])]), p, id })
      .superRefine(({ someOf, n }, ctx) => {
        const [lo, hi] = typeof n === 'number' ? [n, n] : n;
        if (someOf.length > 0 && (lo < 0 || hi > someOf.length || lo > hi)) {
          ctx.addIssue({ code: 'custom', path: ['n'], message: `Expected an integer or [min, max] between 0 and ${someOf.length}, received ${describeValue(n)}` });
        }
      }),
    sequence: z.strictObject({ sequence: children, p, id }),
  };
}

/** A validated entry: the op with its resolved options, or a combinator of entries. */
export type ParsedNode =
  | { readonly def: AnyRandomOp; readonly options: Record<string, unknown>; readonly p: number; readonly id: string | undefined }
  | { readonly combinator: Combinator; readonly children: ParsedNode[]; readonly p: number; readonly id: string | undefined; readonly weights?: number[]; readonly n?: number | [number, number] };

// Validates one entry with the schema its keys select (an op's own, or a combinator's), so every
// error names the right option; unknown keys get a "did you mean" or the list of allowed keys.
const entry: z.ZodType<ParsedNode> = z.lazy(() =>
  z.unknown().transform((value, ctx): ParsedNode => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', input: value, message: `Expected an op or a combinator object, received ${describeValue(value)}` });
      return z.NEVER;
    }
    const { op, ...raw } = value as Record<string, unknown>;
    const combinator = COMBINATORS.find((c) => c in raw);
    const def = combinator ? undefined : randomOpDefinition(String(op));
    if (!combinator && !def) {
      const known = randomOpNames();
      const hint = typeof op === 'string' ? didYouMean(op, known) : undefined;
      const message = `Unknown op, received ${describeValue(op)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''} Allowed: ${known.join(', ')}; or a combinator (oneOf, someOf, sequence)`;
      ctx.addIssue({ code: 'custom', path: ['op'], input: op, message });
      return z.NEVER;
    }
    if (combinator && op !== undefined) raw['op'] = op; // not a combinator's key: reported below
    const schema = combinator ? (validationCombinators ??= combinatorSchemas(entry))[combinator] : def!.schema.extend({ id });
    const allowed = Object.keys(schema.shape);
    const unknown = Object.keys(raw).filter((key) => !allowed.includes(key));
    for (const key of unknown) ctx.addIssue({ code: 'custom', path: [key], input: raw[key], message: unknownKey(key, allowed) });
    const result = schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => allowed.includes(key))), { reportInput: true });
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    if (!result.success || unknown.length > 0) return z.NEVER;
    const { p = 1, id: nodeId, ...rest } = result.data as Record<string, unknown> & { p?: number; id?: string };
    if (def) return { def, options: rest, p, id: nodeId };
    const { [combinator!]: children, weights, n } = rest as { weights?: number[]; n?: number | [number, number] } & Record<string, unknown>;
    return { combinator: combinator!, children: children as ParsedNode[], p, id: nodeId, ...(weights ? { weights } : {}), ...(n === undefined ? {} : { n }) };
  }),
);
let validationCombinators: Record<Combinator, z.ZodObject> | undefined;

function unknownKey(key: string, allowed: readonly string[]): string {
  const hint = didYouMean(key, allowed);
  return `Unknown key ${JSON.stringify(key)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : `; allowed: ${allowed.join(', ')}`}`;
}

const augmentOptions = z.strictObject({ ...stageBaseShape, ops: z.array(entry).min(1, { error: 'Expected a non-empty array of ops' }), replayLog: z.string().optional() });

/**
 * Validates augment options, every problem at once with its path (`ops[1].oneOf[0].degrees`).
 * @throws PipelineConfigError listing every bad entry.
 */
export function parseAugmentOptions(options: AugmentOptions): z.output<typeof augmentOptions> {
  return parseOptions(augmentOptions, options, 'augment');
}

/** The JSON Schema of an augment stage's options (for pipeline files): every registered op, with its options and description. */
export function augmentOptionsSchema(): z.ZodObject {
  const node: z.ZodType = z.lazy(() =>
    z.union([
      ...randomOpNames().map((name) => {
        const def = randomOpDefinition(name)!;
        return def.schema.extend({ op: z.literal(def.name), id }).describe(def.description);
      }),
      ...Object.values(combinatorSchemas(node)),
    ] as unknown as [z.ZodObject, z.ZodObject]),
  );
  return z.strictObject({ ...stageBaseShape, ops: z.array(node).min(1), replayLog: z.string().optional() });
}
