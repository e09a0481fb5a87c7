import { z } from 'zod';
import { parseOptions } from '../../config/parse.js';
import { SampleError } from '../../core/errors.js';
import { mapEachSample, type Stage } from '../../core/stage.js';
import type { SourceRejectionObserver } from '../../core/capabilities.js';
import { withSample, type Sample } from '../../core/types.js';
import { DEFAULT_THRESHOLDS, qualityScores } from '../../ops/quality/index.js';
import type { SourceImageInfo } from '../../sources/decode.js';
import { stageBaseShape } from '../common.js';

const policy = z.enum(['drop', 'flag', 'fail']);
const threshold = z.number().min(0).max(1);
const CONTENT_FLAGS = ['dark', 'light', 'low_information', 'blurry', 'grayscale', 'odd_aspect_ratio', 'odd_size'] as const;
type ContentFlag = (typeof CONTENT_FLAGS)[number];

export const integrityOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** Images with fewer pixels are `too_small` (a thin strip is `odd_aspect_ratio`, not this). @default 256 (16×16) */
  minPixels: z.number().int().min(1).default(256),
  /** Narrower images are `too_small`. */
  minWidth: z.number().int().min(1).optional(),
  /** Lower images are `too_small`. */
  minHeight: z.number().int().min(1).optional(),
  /** Larger images are `too_large` (the source's `maxPixels` already refuses bombs). */
  maxWidth: z.number().int().min(1).optional(),
  maxHeight: z.number().int().min(1).optional(),
  /** Every sample must have a label, else `unlabeled`. @default false */
  requireLabels: z.boolean().default(false),
  /** Float pixels must lie in this range, else `invalid_pixels` (non-finite values always are). */
  pixelRange: z.tuple([z.number(), z.number()]).optional(),
  /** Score thresholds in [0, 1]: a sample is flagged when its score is below (CleanVision's convention). */
  thresholds: z
    .strictObject({
      dark: threshold.optional(),
      light: threshold.optional(),
      low_information: threshold.optional(),
      blurry: threshold.optional(),
      grayscale: threshold.optional(),
      odd_aspect_ratio: threshold.optional(),
      odd_size: threshold.optional(),
    })
    .default({}),
  /** Images seen before `odd_size` is judged: it compares a size with the rest of the data. @default 50 */
  oddSizeAfter: z.number().int().min(2).default(50),
  /**
   * What each check does: `drop` (to the report), `flag` (kept; `meta.flags`), `fail` (stop the
   * run). Defaults: decode and size problems `drop`, content flags `flag`.
   */
  policy: z
    .strictObject({
      decode: z.enum(['drop', 'fail']).default('drop'),
      size: policy.default('drop'),
      labels: policy.default('drop'),
      pixels: policy.default('drop'),
      content: policy.default('flag'),
      // Per flag, overriding `content`.
      dark: policy.optional(),
      light: policy.optional(),
      low_information: policy.optional(),
      blurry: policy.optional(),
      grayscale: policy.optional(),
      odd_aspect_ratio: policy.optional(),
      odd_size: policy.optional(),
    })
    .default({ decode: 'drop', size: 'drop', labels: 'drop', pixels: 'drop', content: 'flag' }),
});

export type IntegrityOptions = z.input<typeof integrityOptionsSchema>;
export type ResolvedIntegrityOptions = z.output<typeof integrityOptionsSchema>;

/** A problem one check found, before the policy decides. */
interface Finding {
  readonly check: 'size' | 'labels' | 'pixels' | ContentFlag;
  readonly reason: string;
  readonly message: string;
}

/**
 * Checks every sample the way the book asks before training: sizes in bounds, pixel values in
 * range, labels present, and content flags after CleanVision (dark, light, low_information,
 * blurry, grayscale, odd_aspect_ratio, odd_size), each with a score in [0, 1] (`meta.scores`)
 * and a threshold. Decode problems come from the source (`corrupt`, `unsupported`,
 * `too_large`); `policy.decode: "fail"` makes them stop the run.
 *
 * @example JSON: `{ "type": "integrity", "minPixels": 1024, "policy": { "blurry": "drop" } }`
 * @example TS: `stages.integrity({ minPixels: 1024, policy: { blurry: 'drop' } })`
 * @throws PipelineConfigError on bad options; SampleError when a `fail` policy triggers.
 */
export function integrity(options: IntegrityOptions = {}): Stage<ResolvedIntegrityOptions> & SourceRejectionObserver {
  const o = parseOptions(integrityOptionsSchema, options, 'integrity');
  const thresholds = { ...DEFAULT_THRESHOLDS, odd_size: 0.5, ...o.thresholds } as Record<ContentFlag, number>;
  const policyOf = (check: Finding['check']) =>
    (o.policy as Record<string, 'drop' | 'flag' | 'fail' | undefined>)[check] ?? (isContent(check) ? o.policy.content : 'drop');
  return {
    type: 'integrity',
    options: o,
    id: o.id,
    onSourceRejection: (r) => {
      if (o.policy.decode === 'fail') throw new SampleError(`integrity: ${r.id} could not be decoded (${r.reason}: ${r.message}) and policy.decode is "fail"`, r.id);
    },
    operator: (ctx) => {
      const sizes = new OddSize(o.oddSizeAfter);
      return mapEachSample(ctx, (sample) => {
        const { findings, scores } = inspect(sample, o, thresholds, sizes);
        const flags: string[] = [];
        for (const f of findings) {
          const action = policyOf(f.check);
          if (action === 'fail') throw new SampleError(`integrity: ${sample.id}: ${f.message} (policy "fail" for ${f.check})`, sample.id);
          if (action === 'drop') {
            ctx.reject(sample, f.reason, f.message, { scores });
            return undefined;
          }
          flags.push(f.reason);
        }
        return withSample(sample, { meta: { scores }, flags });
      });
    },
  };
}

const isContent = (check: string): check is ContentFlag => (CONTENT_FLAGS as readonly string[]).includes(check);

function inspect(sample: Sample, o: ResolvedIntegrityOptions, thresholds: Record<ContentFlag, number>, sizes: OddSize) {
  const findings: Finding[] = [];
  const { width, height, data } = sample.image;
  if (width * height < o.minPixels) {
    findings.push({ check: 'size', reason: 'too_small', message: `${width}×${height} has fewer than ${o.minPixels} pixels (minPixels)` });
  } else if ((o.minWidth && width < o.minWidth) || (o.minHeight && height < o.minHeight)) {
    findings.push({ check: 'size', reason: 'too_small', message: `${width}×${height} is below the minimum ${o.minWidth ?? 1}×${o.minHeight ?? 1}` });
  }
  if ((o.maxWidth && width > o.maxWidth) || (o.maxHeight && height > o.maxHeight)) {
    findings.push({ check: 'size', reason: 'too_large', message: `${width}×${height} is above the maximum ${o.maxWidth ?? '∞'}×${o.maxHeight ?? '∞'}` });
  }
  if (o.requireLabels && sample.label === undefined) findings.push({ check: 'labels', reason: 'unlabeled', message: 'no label' });
  if (data instanceof Float32Array) {
    const [lo, hi] = o.pixelRange ?? [-Infinity, Infinity];
    const bad = data.findIndex((v) => !Number.isFinite(v) || v < lo || v > hi);
    if (bad >= 0) findings.push({ check: 'pixels', reason: 'invalid_pixels', message: `pixel ${bad} is ${data[bad]}, outside [${lo}, ${hi}] or not finite` });
    return { findings, scores: {} };
  }
  const scores: Record<string, number> = { ...qualityScores(sample.image) };
  const odd = sizes.score(width, height);
  if (odd !== undefined) scores['odd_size'] = odd;
  const flagged = CONTENT_FLAGS.filter((f) => scores[f] !== undefined && scores[f]! < thresholds[f]);
  for (const f of flagged) {
    if (f === 'grayscale' && !isGrayscale(sample.meta['source'] as SourceImageInfo | undefined, flagged)) continue;
    findings.push({ check: f, reason: f, message: `${f} (score ${scores[f]!.toFixed(3)} < ${thresholds[f]})` });
  }
  return { findings, scores };
}

/**
 * CleanVision flags only 8-bit gray files (PIL mode "L"); the issue adds colour images whose
 * channels are equal. A 16-bit gray file (mode "I;16") is neither. A flat image is reported as
 * low_information, which says more than grayscale.
 */
function isGrayscale(source: SourceImageInfo | undefined, flagged: readonly ContentFlag[]): boolean {
  if (flagged.includes('low_information')) return false;
  if (!source) return true;
  if (source.channels - (source.hasAlpha ? 1 : 0) === 1) return source.depth === 'uchar';
  return true;
}

/**
 * Streaming odd_size (after CleanVision's size property): √(w·h) against the quartiles of the
 * sizes seen so far; score 1 inside the fences [Q1 − 3·IQR, Q3 + 3·IQR] scaled to 0.5 at the
 * fence, falling to 0 far outside. Judged only after `after` images, so early samples are not.
 */
class OddSize {
  // Sorted sizes of the first images (capped: their quartiles estimate the rest well).
  private readonly sorted: number[] = [];
  private seen = 0;
  constructor(private readonly after: number) {}

  score(width: number, height: number): number | undefined {
    const size = Math.sqrt(width * height);
    const sorted = this.sorted;
    if (sorted.length < 4096) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (sorted[m]! < size) lo = m + 1;
        else hi = m;
      }
      sorted.splice(lo, 0, size);
    }
    if (++this.seen < this.after) return undefined;
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    const [q1, q3] = [q(0.25), q(0.75)];
    const lo = q1 - 3 * (q3 - q1);
    const hi = q3 + 3 * (q3 - q1);
    const mid = (lo + hi) / 2;
    const gap = Math.max(hi - mid, mid * 0.1); // equal sizes everywhere: allow 10% either way
    return Math.max(0, 1 - Math.abs(size - mid) / gap / 2);
  }
}
