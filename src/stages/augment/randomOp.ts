import type { z } from 'zod';
import type { Rng } from '../../core/rng.js';
import type { Image, TraceEntry } from '../../core/types.js';

/** What a sampler may know of the image it draws for. */
export interface ImageShape {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** True for float32 images (value range 0..1), false for uint8 (0..255). */
  readonly float: boolean;
}

/**
 * A deterministic op a trace can name (`{ op: 'rotate', params }`): `replay` re-applies it by
 * name and the preview describes it. Pure in (image, params), which are plain JSON, so a replay
 * log read back in another process gives the same image byte for byte.
 */
export interface TraceOp<P = never> {
  /** Its name in traces and replay logs: `rotate`. */
  readonly name: string;
  readonly apply: (image: Image, params: P) => Image;
  /** Short text for the preview grid: `rotate 12.3°`. @default the name */
  readonly describe?: (params: P) => string;
}

/** One step of a random op: a trace op given the sampled params, or given what `params` picks from them (undefined skips it). */
export type TraceStep<P> = TraceOp<P> | { readonly op: TraceOp<never>; readonly params: (sampled: P) => unknown };

/**
 * A random augmentation: options in, parameters drawn (`sample`), deterministic ops applied
 * (`apply`), as torchvision v2's `_get_params` / `_transform`. Register it with
 * `registerRandomOp` and an `augment` stage can name it (`{ "op": name, ... }`).
 */
export interface RandomOpDefinition<N extends string = string, S extends z.ZodObject = z.ZodObject, P = unknown> {
  /** Its `"op"` in pipeline files: `randomRotate`. */
  readonly name: N;
  /** One line, shown in the JSON Schema (editor hovers) and the docs. */
  readonly description: string;
  /** Strict object schema of its options, `p` included with the op's default probability. */
  readonly schema: S;
  /** Options that make it draw (required ones filled in): for the docs and the contract test. @default {} */
  readonly example?: z.input<S>;
  /**
   * Draws the params of one application, after `p` said yes; only `rng` may be random. Undefined
   * applies nothing (say, no box fitted). `options` are the schema's output, defaults filled in.
   */
  readonly sample: (rng: Rng, options: z.output<S>, shape: ImageShape) => P | undefined;
  /** What one draw applies, in order; each step becomes one trace entry. */
  readonly apply: readonly TraceStep<P>[];
}

/** Any random op, whatever its options and params (each definition checks its own). */
// biome-ignore lint/suspicious/noExplicitAny: options and params appear in and out of the definition; `defineRandomOp` checks them
export type AnyRandomOp = RandomOpDefinition<string, any, any>;

/** Declares a trace op, inferring its params from `apply`. */
export function defineTraceOp<P>(op: TraceOp<P>): TraceOp<P> {
  return op;
}

/** Declares a random op, inferring its name, options and params (so `sample` and `apply` are checked against each other). */
export function defineRandomOp<const N extends string, S extends z.ZodObject, P>(definition: RandomOpDefinition<N, S, P>): RandomOpDefinition<N, S, P> {
  return definition;
}

/** A step that applies `op` to the part of the sampled params that `params` picks. */
export function step<P, Q>(op: TraceOp<Q>, params: (sampled: P) => Q | undefined): TraceStep<P> {
  return { op: op as TraceOp<never>, params };
}

/** The trace entries that one draw of `definition` applies, in order. */
export function traceOf<P>(definition: RandomOpDefinition<string, z.ZodObject, P>, params: P | undefined): TraceEntry[] {
  if (params === undefined) return [];
  const out: TraceEntry[] = [];
  for (const s of definition.apply) {
    const [op, p] = 'op' in s ? [s.op, s.params(params)] : [s, params];
    if (p !== undefined) out.push({ op: op.name, params: p as TraceEntry['params'] });
  }
  return out;
}

/** `v` with at most `digits` decimals, for descriptions: `12.3`. */
export function decimals(v: unknown, digits = 2): string {
  return typeof v === 'number' ? Number(v.toFixed(digits)).toString() : '';
}
