import type { Image } from '../../core/types.js';

/** Running mean and variance (Welford), merged image by image with Chan et al.'s formula. */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

export const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity });

/** Merges `b` into `a` (parallel Welford): numerically stable for any number of pixels. */
export function mergeMoments(a: Moments, b: Moments): void {
  if (b.n === 0) return;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  a.mean += (delta * b.n) / n;
  a.m2 += b.m2 + (delta * delta * a.n * b.n) / n;
  a.n = n;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
}

/** Population standard deviation. */
export const stdOf = (m: Moments) => (m.n > 0 ? Math.sqrt(m.m2 / m.n) : 0);

/** Two-pass moments of one channel of an image (exact for one image; merged across images). */
export function channelMoments(image: Image, channel: number | 'all'): Moments {
  const { data, channels } = image;
  const start = channel === 'all' ? 0 : channel;
  const step = channel === 'all' ? 1 : channels;
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < data.length; i += step) {
    const v = data[i]!;
    sum += v;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : 0;
  let m2 = 0;
  for (let i = start; i < data.length; i += step) m2 += (data[i]! - mean) ** 2;
  return { n, mean, m2, min, max };
}

/** Dataset statistics a `normalize` stage fits, saved as JSON. */
export interface DatasetStats {
  /** What was fitted: a hash of the pipeline up to the stage. */
  readonly fingerprint: string;
  readonly images: number;
  readonly channels: number;
  /** Per channel, then `global` over all channels. */
  readonly perChannel: readonly { mean: number; std: number; min: number; max: number }[];
  readonly global: { mean: number; std: number; min: number; max: number };
  /** Distribution of per-image means and stds, for the `outlier` flag. */
  readonly imageMean: { mean: number; std: number };
  readonly imageStd: { mean: number; std: number };
  readonly fittedAt: string;
}

/** Accumulates statistics image by image. */
export class StatsAccumulator {
  private readonly channels: Moments[] = [];
  private readonly all = emptyMoments();
  private readonly imageMeans = emptyMoments();
  private readonly imageStds = emptyMoments();
  private images = 0;

  add(image: Image): void {
    for (let c = 0; c < image.channels; c++) mergeMoments((this.channels[c] ??= emptyMoments()), channelMoments(image, c));
    const whole = channelMoments(image, 'all');
    mergeMoments(this.all, whole);
    mergeMoments(this.imageMeans, single(whole.mean));
    mergeMoments(this.imageStds, single(stdOf(whole)));
    this.images++;
  }

  result(fingerprint: string): DatasetStats {
    const view = (m: Moments) => ({ mean: m.mean, std: stdOf(m), min: m.min, max: m.max });
    return {
      fingerprint,
      images: this.images,
      channels: this.channels.length,
      perChannel: this.channels.map(view),
      global: view(this.all),
      imageMean: { mean: this.imageMeans.mean, std: stdOf(this.imageMeans) },
      imageStd: { mean: this.imageStds.mean, std: stdOf(this.imageStds) },
      fittedAt: new Date().toISOString(),
    };
  }
}

const single = (v: number): Moments => ({ n: 1, mean: v, m2: 0, min: v, max: v });
