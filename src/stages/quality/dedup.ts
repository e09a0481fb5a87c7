import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseOptions } from '../../config/parse.js';
import { SampleError } from '../../core/errors.js';
import { mapEachSampleInOrder, type Stage } from '../../core/stage.js';
import type { Grouper } from '../../core/capabilities.js';
import { withSample, type Sample } from '../../core/types.js';
import { dHash, hashToHex, MultiIndexHash, pHash } from '../../ops/quality/index.js';
import type { SourceImageInfo } from '../../sources/decode.js';
import { stageBaseShape } from '../common.js';

export const dedupOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** Perceptual hash for near duplicates (64-bit). @default "phash" */
  hash: z.enum(['phash', 'dhash']).default('phash'),
  /**
   * Largest Hamming distance that makes a near duplicate. Re-encodes and rescaled copies sit at
   * 0–2 bits; two shots of one scene at 4 or more; distinct photos at 18 or more. @default 3
   */
  maxDistance: z.number().int().min(0).max(32).default(3),
  /** Look for near duplicates at all (exact and same-pixel ones are always found). @default true */
  near: z.boolean().default(true),
  /**
   * Compare near duplicates across colour modes (gray, 16-bit, CMYK, palette, alpha). Off by
   * default: a mode change is usually a deliberate variant, not an accidental copy. @default false
   */
  acrossModes: z.boolean().default(false),
  /** `drop` duplicates (to the report), `flag` them (kept, `meta.duplicateOf`), or `fail`. @default "drop" */
  policy: z.enum(['drop', 'flag', 'fail']).default('drop'),
});

export type DedupOptions = z.input<typeof dedupOptionsSchema>;
export type ResolvedDedupOptions = z.output<typeof dedupOptionsSchema>;

/** How a duplicate matches its original. */
export type DuplicateKind = 'exact' | 'same_pixels' | 'near';

/** What dedup records on each sample and rejection. */
export interface DuplicateInfo {
  readonly duplicateOf: string;
  readonly kind: DuplicateKind;
  readonly distance: number;
}

// 64 bits of a SHA-1: collisions are negligible at any dataset size, and a bigint key is small.
const digest64 = (update: (h: ReturnType<typeof createHash>) => void) => {
  const h = createHash('sha1');
  update(h);
  return h.digest().readBigUInt64BE(0);
};

// Nearly constant pixels (range ≤ 8 levels, or ≤ 0.03 for floats), sampled on a sparse grid.
function isFlat(data: Uint8Array | Float32Array): boolean {
  const step = Math.max(1, Math.floor(data.length / 4096));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i += step) {
    lo = Math.min(lo, data[i]!);
    hi = Math.max(hi, data[i]!);
  }
  return hi - lo <= (data instanceof Float32Array ? 0.03 : 8);
}

function modeOf(source: SourceImageInfo | undefined): string {
  return source ? `${source.space}/${source.depth}/${source.channels}/${source.isPalette ? 'p' : ''}` : 'decoded';
}

/**
 * Finds duplicates as the stream flows, keeping the first occurrence in input order:
 * `exact` (identical file bytes), `same_pixels` (identical decoded pixels, e.g. a PNG saved
 * again) and `near` (perceptual hash within `maxDistance`, e.g. a lower-quality re-encode or
 * a slightly resized copy; after imagededup). The near index is multi-index hashing, sublinear
 * and about 60 bytes per image. Every sample gets `meta.group` (the id of its group's first
 * member) so a split can keep a group on one side. The stage remembers its verdicts: with a
 * shuffle, "first" is first in epoch 0's order, and later epochs keep the same copy.
 *
 * @example JSON: `{ "type": "dedup", "maxDistance": 3, "policy": "drop" }`
 * @example TS: `stages.dedup({ maxDistance: 3 })`
 * @throws PipelineConfigError on bad options; SampleError with `policy: "fail"`.
 */
export function dedup(options: DedupOptions = {}): Stage<ResolvedDedupOptions> & Grouper {
  const o = parseOptions(dedupOptionsSchema, options, 'dedup');
  const perceptual = o.hash === 'phash' ? pHash : dHash;
  // The index and every verdict live as long as the stage: later epochs repeat epoch 0's verdicts.
  const ids: string[] = [];
  const byFile = new Map<bigint, number>();
  const byPixels = new Map<bigint, number>();
  const near = new Map<string, MultiIndexHash<number>>();
  const decided = new Map<string, { info: DuplicateInfo | undefined; meta: Record<string, string> }>();
  return {
    type: 'dedup',
    options: o,
    id: o.id,
    groupKey: 'group',
    operator: (ctx) => {
      // In order, one at a time: whether a sample is first depends on all before it. A sample
      // met in an earlier epoch keeps its verdict, so a shuffled epoch cannot swap which copy is kept.
      return mapEachSampleInOrder(ctx, (sample) => {
        const earlier = decided.get(sample.id);
        if (earlier) return settle(sample, earlier.info, earlier.meta);
        const source = sample.meta['source'] as SourceImageInfo | undefined;
        const mode = modeOf(source);
        const fileKey = source ? BigInt(`0x${source.fileHash.slice(0, 16)}`) : undefined;
        const { data, width, height, channels } = sample.image;
        const pixelKey = digest64((h) => h.update(`${width}x${height}x${channels}/${mode}`).update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
        const hash = perceptual(sample.image);
        // A flat image's perceptual hash says nothing (black and white hash alike): exact matches only.
        const comparable = o.near && !isFlat(data);
        const found = match(fileKey, pixelKey, comparable ? hash : undefined, mode);
        const index = ids.length;
        ids.push(sample.id);
        const hashes = { hash: hashToHex(hash), pixelHash: pixelKey.toString(16) };
        if (!found) {
          if (fileKey !== undefined) byFile.set(fileKey, index);
          byPixels.set(pixelKey, index);
          if (comparable) indexFor(o.acrossModes ? '*' : mode).insert(hash, index);
          decided.set(sample.id, { info: undefined, meta: hashes });
          return settle(sample, undefined, hashes);
        }
        const info: DuplicateInfo = { duplicateOf: ids[found.index]!, kind: found.kind, distance: found.distance };
        decided.set(sample.id, { info, meta: hashes });
        return settle(sample, info, hashes);
      });

      function settle(sample: Sample, info: DuplicateInfo | undefined, hashes: Record<string, string>): Sample | undefined {
        if (!info) return withSample(sample, { meta: { group: sample.id, ...hashes } });
        const message = `duplicate (${info.kind}${info.kind === 'near' ? `, distance ${info.distance}` : ''}) of ${info.duplicateOf}`;
        if (o.policy === 'fail') throw new SampleError(`dedup: ${sample.id} is a ${message} (policy "fail")`, sample.id);
        // The group is named after its first member, which is never a duplicate itself.
        const meta = { group: info.duplicateOf, ...hashes, ...info };
        if (o.policy === 'drop') {
          ctx.reject(sample, 'duplicate', message, meta);
          return undefined;
        }
        return withSample(sample, { meta, flags: ['duplicate'] });
      }

      function indexFor(key: string): MultiIndexHash<number> {
        let index = near.get(key);
        if (!index) near.set(key, (index = new MultiIndexHash<number>()));
        return index;
      }
      function match(fileKey: bigint | undefined, pixelKey: bigint, hash: bigint | undefined, mode: string): { index: number; kind: DuplicateKind; distance: number } | undefined {
        const file = fileKey === undefined ? undefined : byFile.get(fileKey);
        if (file !== undefined) return { index: file, kind: 'exact', distance: 0 };
        const pixels = byPixels.get(pixelKey);
        if (pixels !== undefined) return { index: pixels, kind: 'same_pixels', distance: 0 };
        if (hash === undefined) return undefined;
        const best = indexFor(o.acrossModes ? '*' : mode).query(hash, o.maxDistance)[0];
        return best ? { index: best.value, kind: 'near', distance: best.distance } : undefined;
      }
    },
  };
}
