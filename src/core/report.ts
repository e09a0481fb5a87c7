import type { CacheHeader } from './sampleCache.js';
import { byCodeUnits, type Rejection } from './types.js';

/** Counts and rejections of one pass over the data. Every input is delivered or rejected. */
export class RunReport {
  /** Items pulled from the source. */
  seen = 0;
  /** Samples handed to the consumer. */
  delivered = 0;
  /** Samples skipped because they belong to another split. */
  otherSplit = 0;
  readonly rejected: Rejection[] = [];
  /** Samples per split and class, as they leave the stages (before split selection). */
  readonly splits: Record<string, Record<string, number>> = {};
  /** Content flags on delivered samples (`meta.flags`), counted by flag. */
  readonly flagged: Record<string, number> = {};
  /** The pass's sample cache: read from a finished entry, built by this pass, or left incomplete. */
  cache: ({ state: 'read' | 'built'; dir: string } & Omit<CacheHeader, 'format'>) | { state: 'incomplete'; dir: string } | undefined;
  readonly startedAt = Date.now();
  finishedAt: number | undefined;

  /** Rejection counts keyed by reason code. */
  byReason(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.rejected) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
    return counts;
  }

  /** Plain JSON view, for `--json` output and report files. */
  toJSON() {
    return {
      seen: this.seen,
      delivered: this.delivered,
      otherSplit: this.otherSplit,
      rejected: this.rejected.length,
      byReason: this.byReason(),
      flagged: this.flagged,
      splits: this.splits,
      // Sorted by id: tasks finish in any order, the report must not.
      rejections: [...this.rejected].sort((a, b) => byCodeUnits(a.id, b.id)),
      ...(this.cache ? { cache: this.cache } : {}),
      seconds: ((this.finishedAt ?? Date.now()) - this.startedAt) / 1000,
    };
  }
}
