import type { Tensor4D } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';
import { rngFor, type Rng } from '../../core/rng.js';
import { cutoutBatch, translateBatch } from '../../ops/augment/index.js';

/** DiffAugment's op families (Zhao et al. 2020). */
export type DiffAugmentOp = 'color' | 'translation' | 'cutout';

/** The params of one batch: one value (or box, or shift) per sample. */
export interface DiffAugmentParams {
  readonly brightness?: number[];
  readonly saturation?: number[];
  readonly contrast?: number[];
  readonly shifts?: [number, number][];
  readonly boxes?: { x: number; y: number; width: number; height: number }[];
}

/**
 * Draws DiffAugment's per-sample params exactly as its reference code: brightness added from
 * U(−0.5, 0.5); saturation factor U(0, 2); contrast factor U(0.5, 1.5); an integer shift of up
 * to ±1/8 of H and W; a cutout square of half H × half W at a random centre.
 */
export function sampleDiffAugmentParams(rng: Rng, policy: readonly DiffAugmentOp[], [b, h, w]: readonly [number, number, number]): DiffAugmentParams {
  const each = <T>(f: () => T) => Array.from({ length: b }, f);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const out: { -readonly [K in keyof DiffAugmentParams]: DiffAugmentParams[K] } = {};
  if (policy.includes('color')) {
    out.brightness = each(() => rng() - 0.5);
    out.saturation = each(() => rng() * 2);
    out.contrast = each(() => rng() + 0.5);
  }
  if (policy.includes('translation')) {
    const [sx, sy] = [Math.floor(w * 0.125 + 0.5), Math.floor(h * 0.125 + 0.5)];
    out.shifts = each(() => [int(-sx, sx), int(-sy, sy)]);
  }
  if (policy.includes('cutout')) {
    const [cw, ch] = [Math.floor(w * 0.5 + 0.5), Math.floor(h * 0.5 + 0.5)];
    out.boxes = each(() => {
      const cx = int(0, w - 1 + (1 - (cw % 2)));
      const cy = int(0, h - 1 + (1 - (ch % 2)));
      return { x: cx - Math.floor(cw / 2), y: cy - Math.floor(ch / 2), width: cw, height: ch };
    });
  }
  return out;
}

/**
 * Applies DiffAugment to a batch, differentiably (gradients flow to `x`, hence to G): colour,
 * then translation (zero padded), then cutout, as in the reference implementation. The caller
 * owns the result.
 */
export function diffAugment(x: Tensor4D, p: DiffAugmentParams): Tensor4D {
  return tf.tidy(() => {
    const b = x.shape[0];
    const per = (v: number[]) => tf.tensor1d(v).reshape([b, 1, 1, 1]);
    let y = x;
    if (p.brightness) y = tf.add(y, per(p.brightness));
    if (p.saturation) {
      const mean = tf.mean(y, 3, true);
      y = tf.add(tf.mul(tf.sub(y, mean), per(p.saturation)), mean);
    }
    if (p.contrast) {
      const mean = tf.mean(y, [1, 2, 3], true);
      y = tf.add(tf.mul(tf.sub(y, mean), per(p.contrast)), mean);
    }
    if (p.shifts) y = translateBatch(y as Tensor4D, p.shifts);
    if (p.boxes) y = cutoutBatch(y as Tensor4D, p.boxes);
    return y as Tensor4D;
  });
}

/** Seeds of a step's draws: real and fake images get independent params, replayed on resume. */
export const augmentRng = (seed: number | string, step: number, role: string) => rngFor(seed, 'train-augment', step, role);
