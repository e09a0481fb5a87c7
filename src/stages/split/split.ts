import { z } from 'zod';
import { map } from 'rxjs';
import { parseOptions } from '../../config/parse.js';
import { GanpipeError } from '../../core/errors.js';
import { deriveRng } from '../../core/rng.js';
import type { Stage } from '../../core/stage.js';
import { isGrouper, type ListingAware, type Splitter } from '../../core/capabilities.js';
import { byCodeUnits, withSample, type Sample } from '../../core/types.js';
import { stageBaseShape } from '../common.js';

export const splitOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** Named shares, normalised to sum 1. @default { "train": 0.8, "test": 0.2 } */
  ratios: z
    .record(z.string().min(1), z.number().positive())
    .refine((r) => Object.keys(r).length >= 1, { error: 'Expected at least one split' })
    .default({ train: 0.8, test: 0.2 }),
  /**
   * `exact`: counts are exact up to rounding (largest remainders), from the source's listing.
   * `hash`: by a stable hash of the id, so adding files never moves an existing one; ratios are
   * then approximate (binomial). @default "exact"
   */
  method: z.enum(['exact', 'hash']).default('exact'),
  /** Split each class in the same ratios (exact: within one sample per class). @default false */
  stratify: z.boolean().default(false),
  /** k-fold cross-validation: fold `fold` of `k` is `val`, the rest `train` (ratios are ignored). */
  kFold: z.strictObject({ k: z.number().int().min(2), fold: z.number().int().min(0) }).refine((f) => f.fold < f.k, { error: 'Expected fold < k' }).optional(),
  /**
   * Keep groups on one side: `"group"` uses dedup's `meta.group` (duplicates stay together),
   * any other string names a `meta` key, `"none"` splits samples independently. @default "group"
   */
  groupBy: z.string().min(1).default('group'),
});

export type SplitOptions = z.input<typeof splitOptionsSchema>;
export type ResolvedSplitOptions = z.output<typeof splitOptionsSchema>;

/** A 53-bit uniform in [0, 1) from (seed, key): stable across runs and machines. */
function unit(seed: string, key: string): number {
  return deriveRng(seed, 'split', key).double();
}

/**
 * Assigns every sample to a named split (`sample.split`), seeded and independent of
 * concurrency and order. `pipeline.batches({ split: 'train' })` then selects one. Samples of
 * one group (duplicates, or a user key) land in the same split; a cross-split duplicate is
 * reported as leakage (`meta.leak`), which only happens with `groupBy: "none"`.
 *
 * @example JSON: `{ "type": "split", "ratios": { "train": 0.8, "val": 0.1, "test": 0.1 }, "stratify": true }`
 * @example TS: `stages.split({ ratios: { train: 0.8, test: 0.2 }, method: 'hash' })`
 * @throws PipelineConfigError on bad options; GanpipeError when `exact` meets a source that does not list its items.
 */
export function split(options: SplitOptions = {}): Stage<ResolvedSplitOptions> & Splitter & ListingAware & { assign(id: string): string | undefined } {
  const o = parseOptions(splitOptionsSchema, options, 'split');
  const names = o.kFold ? ['train', 'val'] : Object.keys(o.ratios);
  const total = Object.values(o.ratios).reduce((a, b) => a + b, 0);
  const shares = names.map((n) => (o.ratios[n] ?? 0) / total);
  let seed = '';
  let exact: Map<string, string> | undefined;

  const byHash = (key: string): string => {
    const u = unit(seed, key);
    if (o.kFold) return Math.floor(u * o.kFold.k) === o.kFold.fold ? 'val' : 'train';
    let acc = 0;
    for (let i = 0; i < names.length; i++) {
      acc += shares[i]!;
      if (u < acc) return names[i]!;
    }
    return names.at(-1)!;
  };

  /** The split of an id, from the listing (exact) or its hash. */
  const assign = (id: string): string | undefined => (o.method === 'hash' ? byHash(id) : exact?.get(id));

  return {
    type: 'split',
    options: o,
    id: o.id,
    assign,
    // Known from the id alone unless groups come from decoded content (a grouper such as dedup upstream, or a meta key).
    splitOfItem: (id, upstream) =>
      o.groupBy === 'none' || (o.groupBy === 'group' && !upstream.some((s) => isGrouper(s) && s.groupKey === 'group')) ? assign(id) : undefined,
    prepare(listing, ctx) {
      seed = String(ctx.seed);
      if (o.method === 'hash') return;
      if (!listing) throw new GanpipeError('split: method "exact" needs a source that lists its items (glob, idx); use method "hash" for iterables');
      exact = exactAssignment(listing, seed, o, names, shares);
    },
    operator: () => {
      const splitOf = new Map<string, string>();
      return map((sample: Sample) => {
        const key = groupKey(sample, o.groupBy);
        const own = assign(sample.id);
        if (own === undefined) throw new GanpipeError(`split: ${sample.id} was not in the source listing`);
        // A group follows its first member (dedup names groups after it); else the sample's own split.
        const chosen = key !== sample.id ? (splitOf.get(key) ?? assign(key) ?? own) : own;
        splitOf.set(key, chosen);
        const of = sample.meta['duplicateOf'] as string | undefined;
        const leak = of !== undefined && splitOf.has(of) && splitOf.get(of) !== chosen ? { leak: { duplicateOf: of, split: splitOf.get(of) } } : {};
        return withSample(sample, { split: chosen, meta: leak });
      });
    },
  };
}

function groupKey(sample: Sample, groupBy: string): string {
  if (groupBy === 'none') return sample.id;
  const value = sample.meta[groupBy];
  return value === undefined || value === null ? sample.id : String(value);
}

/**
 * Exact counts: order the ids (per class when stratified) by a seeded hash, then hand out
 * contiguous runs by largest-remainder rounding of the ratios (k-fold: round-robin folds).
 */
function exactAssignment(
  listing: readonly { id: string; label?: string | undefined }[],
  seed: string,
  o: ResolvedSplitOptions,
  names: string[],
  shares: number[],
): Map<string, string> {
  const strata = new Map<string, string[]>();
  for (const item of listing) {
    const key = o.stratify ? (item.label ?? '\u0000unlabelled') : '';
    const ids = strata.get(key);
    if (ids) ids.push(item.id);
    else strata.set(key, [item.id]);
  }
  const out = new Map<string, string>();
  for (const ids of strata.values()) {
    const order = ids.map((id) => ({ id, u: unit(seed, id) })).sort((a, b) => a.u - b.u || byCodeUnits(a.id, b.id));
    if (o.kFold) {
      order.forEach(({ id }, i) => out.set(id, i % o.kFold!.k === o.kFold!.fold ? 'val' : 'train'));
      continue;
    }
    const counts = largestRemainder(order.length, shares);
    let i = 0;
    counts.forEach((count, s) => {
      for (let c = 0; c < count; c++) out.set(order[i++]!.id, names[s]!);
    });
  }
  return out;
}

/** Integer counts summing to n, as close as possible to n × shares (Hamilton's method). */
export function largestRemainder(n: number, shares: readonly number[]): number[] {
  const raw = shares.map((s) => s * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}
