import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { map } from 'rxjs';
import { cacheRoot } from '../../backend/cacheRoot.js';
import { parseOptions } from '../../config/parse.js';
import { GanpipeError } from '../../core/errors.js';
import type { Stage } from '../../core/stage.js';
import type { FitContext, Fittable, Invertible } from '../../core/capabilities.js';
import { withSample, type Image } from '../../core/types.js';
import { stageBaseShape } from '../common.js';
import { channelMoments, stdOf, StatsAccumulator, type DatasetStats } from './stats.js';

const range = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo < hi, { error: 'Expected [low, high] with low < high' });

export const normalizeOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /**
   * `range`: fixed linear map of the input range to `range`. Fitted on the data (train split):
   * `minmax` maps the data's min..max to `range` (MinMaxScaler), `standardize` subtracts the
   * mean and divides by the std (StandardScaler), `center` subtracts the mean. @default "range"
   */
  mode: z.enum(['range', 'minmax', 'standardize', 'center']).default('range'),
  /** Output range for `range` and `minmax`: `[0, 1]`, `[-1, 1]` (tanh generators), any `[low, high]`. @default [-1, 1] */
  range: range.default([-1, 1]),
  /** Range of the input (`range` mode): uint8 images are `[0, 255]`; float images `[0, 1]` unless set. */
  inputRange: range.optional(),
  /** Fitted statistics per channel, or one set for all channels. @default true */
  perChannel: z.boolean().default(true),
  /** The split the statistics are fitted on, when a split stage comes before. @default "train" */
  fitSplit: z.string().min(1).default('train'),
  /** Folder for fitted statistics (`<hash>.json`). @default `stats/` in ganpipe's cache folder: $GANPIPE_CACHE_DIR, else $XDG_CACHE_HOME/ganpipe, else ~/.cache/ganpipe */
  statsDir: z.string().min(1).optional(),
  /** Flag `outlier` on images whose mean or std is more than `k` standard deviations from the dataset's. */
  outlier: z.strictObject({ k: z.number().positive().default(3) }).optional(),
});

export type NormalizeOptions = z.input<typeof normalizeOptionsSchema>;
export type ResolvedNormalizeOptions = z.output<typeof normalizeOptionsSchema>;

/** A linear map per channel: `out = (v − offset[c]) × scale[c] + shift`. */
interface Affine {
  readonly offset: number[];
  readonly scale: number[];
  readonly shift: number;
}


/**
 * Normalizes pixel values to float32. `range` mode is a fixed map; the fitted modes (`minmax`,
 * `standardize`, `center`) take dataset statistics from a first streaming pass (Welford, merged
 * image by image) over the train split only, so test data never leaks into them. The statistics
 * are saved as JSON keyed by a hash of the pipeline up to this stage, reused by the next run and
 * refitted when anything upstream changes (source options, its file list, stages, seed).
 *
 * @example JSON: `{ "type": "normalize", "range": [-1, 1] }` or `{ "type": "normalize", "mode": "standardize" }`
 * @example TS: `stages.normalize({ mode: 'standardize', outlier: { k: 3 } })`
 * @throws PipelineConfigError on bad options.
 */
export function normalize(options: NormalizeOptions = {}): Stage<ResolvedNormalizeOptions> & NormalizeHandle & Partial<Fittable> {
  const o = parseOptions(normalizeOptionsSchema, options, 'normalize');
  let stats: DatasetStats | undefined;
  // The fitted map, derived once from the statistics rather than per sample.
  let fittedMap: Affine | undefined;
  const fitted = o.mode !== 'range';
  const affineFor = (uint8: boolean): Affine => {
    if (!fitted) return rangeAffine(o.range, o.inputRange, uint8);
    if (!fittedMap) throw new GanpipeError('normalize: statistics are not fitted yet (the pipeline fits them before the first pass)');
    return fittedMap;
  };
  // Range mode assumes uint8 input ([0, 255]) unless inputRange says otherwise.
  const inverse = (values: Float32Array, channels: number): Float32Array => {
    const a = affineFor(true);
    return values.map((v, i) => {
      const c = a.offset.length === 1 ? 0 : i % channels;
      return (v - a.shift) / a.scale[c]! + a.offset[c]!;
    });
  };
  return {
    type: 'normalize',
    options: o,
    id: o.id,
    inverse,
    get stats() {
      return stats;
    },
    ...(fitted
      ? {
          fit: async (ctx: FitContext) => {
            stats = await fitStats(ctx, o);
            fittedMap = fittedAffine(stats, o);
          },
          fitSplit: o.fitSplit,
        }
      : {}),
    operator: () =>
      map((sample) => {
        const image = applyAffine(sample.image, affineFor(sample.image.data instanceof Uint8Array));
        const outlier = o.outlier && stats && isOutlier(sample.image, stats, o.outlier.k);
        return withSample(sample, { image, ...(outlier ? { flags: ['outlier'] } : {}) });
      }),
  };
}

/**
 * What a `normalize` stage offers besides the stage contract: it is `Invertible` (normalized
 * values back to input units, e.g. for sample grids), and `Fittable` in the fitted modes.
 */
export interface NormalizeHandle extends Invertible {
  /** The fitted statistics (fitted modes, after the first pass). */
  readonly stats: DatasetStats | undefined;
}

async function fitStats(ctx: FitContext, o: ResolvedNormalizeOptions): Promise<DatasetStats> {
  // Sources that cannot be described (iterables) are fitted every time, and nothing is saved.
  const file = ctx.fingerprint ? path.join(o.statsDir ? path.resolve(o.statsDir) : path.join(cacheRoot(), 'stats'), `${ctx.fingerprint}.json`) : undefined;
  if (file && existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as DatasetStats;
    if (saved.fingerprint === ctx.fingerprint) return saved;
  }
  const acc = new StatsAccumulator();
  for await (const sample of ctx.upstream()) acc.add(sample.image);
  const stats = acc.result(ctx.fingerprint ?? 'unsaved');
  if (stats.images === 0) throw new GanpipeError(`normalize: no sample to fit statistics on (split "${o.fitSplit}")`);
  if (file) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(stats, null, 2)}\n`);
  }
  return stats;
}

function fittedAffine(stats: DatasetStats, o: ResolvedNormalizeOptions): Affine {
  const parts = o.perChannel ? stats.perChannel : [stats.global];
  const [lo, hi] = o.range;
  switch (o.mode) {
    case 'minmax':
      return { offset: parts.map((p) => p.min), scale: parts.map((p) => (hi - lo) / Math.max(p.max - p.min, 1e-12)), shift: lo };
    case 'standardize':
      return { offset: parts.map((p) => p.mean), scale: parts.map((p) => 1 / Math.max(p.std, 1e-12)), shift: 0 };
    default:
      return { offset: parts.map((p) => p.mean), scale: parts.map(() => 1), shift: 0 };
  }
}

function applyAffine(image: Image, a: Affine): Image {
  const { data, channels } = image;
  const out = new Float32Array(data.length);
  const perChannel = a.offset.length > 1;
  if (data instanceof Uint8Array) {
    // 256 values per channel: look them up (the same float32 results, several times faster).
    const tables = lookupTables(a);
    if (!perChannel) {
      const t = tables[0]!;
      for (let i = 0; i < data.length; i++) out[i] = t[data[i]!]!;
    } else {
      for (let c = 0; c < channels; c++) {
        const t = tables[c]!;
        for (let i = c; i < data.length; i += channels) out[i] = t[data[i]!]!;
      }
    }
  } else if (!perChannel) {
    const [offset, scale] = [a.offset[0]!, a.scale[0]!];
    for (let i = 0; i < data.length; i++) out[i] = (data[i]! - offset) * scale + a.shift;
  } else {
    for (let i = 0; i < data.length; i++) {
      const c = i % channels;
      out[i] = (data[i]! - a.offset[c]!) * a.scale[c]! + a.shift;
    }
  }
  return { ...image, data: out };
}

// Tables per affine map: a stage applies the same few maps to every image.
const tableCache = new Map<string, Float32Array[]>();

function lookupTables(a: Affine): Float32Array[] {
  const key = `${a.offset.join(',')}|${a.scale.join(',')}|${a.shift}`;
  let tables = tableCache.get(key);
  if (!tables) {
    tables = a.offset.map((offset, c) => {
      const t = new Float32Array(256);
      for (let v = 0; v < 256; v++) t[v] = (v - offset) * a.scale[c]! + a.shift;
      return t;
    });
    if (tableCache.size > 64) tableCache.clear();
    tableCache.set(key, tables);
  }
  return tables;
}

function isOutlier(image: Image, stats: DatasetStats, k: number): boolean {
  const m = channelMoments(image, 'all');
  const far = (v: number, d: { mean: number; std: number }) => d.std > 0 && Math.abs(v - d.mean) > k * d.std;
  return far(m.mean, stats.imageMean) || far(stdOf(m), stats.imageStd);
}

/** The op behind `range` mode: `low + (v - inLow) × (high - low) / (inHigh - inLow)`, as float32. */
export function normalizeImage(image: Image, range: readonly [number, number], inputRange?: readonly [number, number]): Image {
  return applyAffine(image, rangeAffine(range, inputRange, image.data instanceof Uint8Array));
}

// The fixed map of `range` mode; the input range defaults by pixel type.
function rangeAffine([lo, hi]: readonly [number, number], inputRange: readonly [number, number] | undefined, uint8: boolean): Affine {
  const [inLo, inHi] = inputRange ?? (uint8 ? [0, 255] : [0, 1]);
  return { offset: [inLo], scale: [(hi - lo) / (inHi - inLo)], shift: lo };
}
