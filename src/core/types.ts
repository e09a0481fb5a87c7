/** Number of interleaved channels: gray, RGB or RGBA. */
export type Channels = 1 | 3 | 4;

/**
 * An image as interleaved HWC pixels: what sharp's raw output and tfjs NHWC both use,
 * so batching is a copy, not a transpose. `Uint8Array` holds 0..255; `Float32Array` holds
 * whatever range the last stage produced (see `normalize`).
 */
export interface Image {
  readonly data: Uint8Array | Float32Array;
  readonly width: number;
  readonly height: number;
  readonly channels: Channels;
}

/** One deterministic op applied to a sample, with its parameters: `replay` re-applies it exactly. */
export interface TraceEntry {
  /** The op's name (`rotate`, `horizontalFlip`…). */
  readonly op: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The stage that applied it. */
  readonly stage?: string | undefined;
}

/**
 * One item of the stream. `id` is stable across runs (relative path, or `source:index`),
 * so anything keyed on it (randomness, splits, reports) survives reordering.
 */
export interface Sample {
  readonly id: string;
  readonly image: Image;
  /** Class name; `pipeline.classes` maps it to the integer in `Batch.ys`. */
  readonly label?: string | undefined;
  /** Where the sample came from (file path, IDX file), for reports. */
  readonly source?: string | undefined;
  /** Free-form per-sample facts recorded by stages (flags, scores, split). */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Steps applied so far, in order. */
  readonly trace?: readonly TraceEntry[] | undefined;
  /** The split this sample belongs to (`train`, `test`…), set by the `split` stage. */
  readonly split?: string | undefined;
}

/** Why a sample left the stream. Later stages add their own codes. */
export type ReasonCode =
  | 'corrupt'
  | 'unsupported'
  | 'too_large'
  | 'too_small'
  | 'duplicate'
  | 'invalid'
  | (string & {});

/** A sample that did not make it, and why. Every input ends up delivered or here. */
export interface Rejection {
  readonly id: string;
  readonly source?: string | undefined;
  /** The stage (or `source`) that rejected it. */
  readonly stage: string;
  readonly reason: ReasonCode;
  readonly message: string;
  /** Facts behind the reason, e.g. `{ duplicateOf, kind, distance }` for duplicates. */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** The content flags recorded on a sample (`meta.flags`), by integrity, dedup, normalize… */
export function flagsOf(sample: Sample): readonly string[] {
  return (sample.meta['flags'] as string[] | undefined) ?? [];
}

/**
 * Returns a copy of `sample` with some fields replaced; `meta` entries are merged, `flags` are
 * appended to `meta.flags` and `trace` entries to the trace.
 */
export function withSample(
  sample: Sample,
  patch: { image?: Image; label?: string | undefined; meta?: Record<string, unknown>; flags?: readonly string[]; trace?: readonly TraceEntry[]; split?: string },
): Sample {
  const meta =
    patch.meta || patch.flags
      ? { ...sample.meta, ...patch.meta, ...(patch.flags ? { flags: [...flagsOf(sample), ...patch.flags] } : {}) }
      : sample.meta;
  return {
    ...sample,
    ...(patch.image ? { image: patch.image } : {}),
    ...('label' in patch ? { label: patch.label } : {}),
    meta,
    ...(patch.trace ? { trace: [...(sample.trace ?? []), ...patch.trace] } : {}),
    ...(patch.split !== undefined ? { split: patch.split } : {}),
  };
}

/** Orders strings by UTF-16 code units: the same order on every machine, whatever the locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
