import type { Tensor4D } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';
import type { Rng } from '../../core/rng.js';
import { flipBatch, translateBatch } from '../../ops/augment/index.js';

/** Options of adaptive discriminator augmentation. */
export interface AdaOptions {
  /** Target of r_t = E[sign(D(real))]: above it D is overfitting and p rises. @default 0.6 */
  readonly target: number;
  /** Steps between updates of p. @default 4 */
  readonly interval: number;
  /**
   * Thousands of images for p to go from 0 to 1. The paper uses 500 for 100k-image datasets;
   * our runs see a few hundred thousand images at most, so the default is 20. @default 20
   */
  readonly speed: number;
  /** Starting p. @default 0 */
  readonly initial: number;
}

/**
 * ADA's controller (Karras et al. 2020): every `interval` steps, r_t is the mean sign of D's
 * raw outputs on real images over those steps, and p ← clamp(p + sign(r_t − target) ·
 * batch · interval / (speed · 1000), 0, 1).
 */
export class AdaController {
  p: number;
  /** The last r_t (NaN before the first update). */
  rt = Number.NaN;
  private signs = 0;
  private count = 0;
  private steps = 0;
  private images = 0;

  constructor(private readonly o: AdaOptions) {
    this.p = o.initial;
  }

  /** Records one step: the sum of sign(D(real)) and the batch size. Updates p every `interval` steps. */
  observe(signSum: number, batch: number): void {
    this.signs += signSum;
    this.count += batch;
    this.images += batch;
    if (++this.steps % this.o.interval !== 0) return;
    this.rt = this.signs / this.count;
    const adjust = (Math.sign(this.rt - this.o.target) * this.images) / (this.o.speed * 1000);
    this.p = Math.min(1, Math.max(0, this.p + adjust));
    this.signs = 0;
    this.count = 0;
    this.images = 0;
  }
}

/** ADA's non-leaking ops on batches, each applied per sample with probability p. */
export interface AdaParams {
  readonly flip: boolean[];
  readonly rot90: number[];
  readonly shifts: [number, number][];
  readonly brightness: number[];
  readonly contrast: number[];
  readonly saturation: number[];
  readonly hue: number[];
}

/**
 * Draws ADA's per-sample params: x-flip, 90° rotations (square images), integer translation
 * up to ±1/8, brightness N(0, 0.2), contrast lognormal(0, 0.5 ln 2), saturation lognormal(0, ln 2)
 * and hue rotation U(−π, π) (colour images), each with probability p (identity otherwise).
 */
export function sampleAdaParams(rng: Rng, p: number, [b, h, w, c]: readonly [number, number, number, number]): AdaParams {
  const each = <T>(f: () => T) => Array.from({ length: b }, f);
  const on = () => rng() < p;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const [sx, sy] = [Math.round(w / 8), Math.round(h / 8)];
  return {
    flip: each(() => on() && rng() < 0.5),
    rot90: each(() => (h === w && on() ? Math.floor(rng() * 4) : 0)),
    shifts: each(() => (on() ? [Math.round((rng() * 2 - 1) * sx), Math.round((rng() * 2 - 1) * sy)] : [0, 0])),
    brightness: each(() => (on() ? normal() * 0.2 : 0)),
    contrast: each(() => (on() ? Math.exp(normal() * 0.5 * Math.LN2) : 1)),
    saturation: each(() => (c >= 3 && on() ? Math.exp(normal() * Math.LN2) : 1)),
    hue: each(() => (c >= 3 && on() ? (rng() * 2 - 1) * Math.PI : 0)),
  };
}

/** Applies ADA's ops differentiably; the caller owns the result. */
export function adaAugment(x: Tensor4D, p: AdaParams): Tensor4D {
  return tf.tidy(() => {
    const [b, , , c] = x.shape;
    const per = (v: number[]) => tf.tensor1d(v).reshape([b, 1, 1, 1]);
    let y: Tensor4D = flipBatch(x, p.flip);
    if (p.rot90.some((k) => k !== 0)) {
      // All four rotations (k quarter turns counter-clockwise, like ops.rotate), then pick per
      // sample: exact, and differentiable through tf.where.
      const r1 = tf.reverse(tf.transpose(y, [0, 2, 1, 3]), 1) as Tensor4D;
      const r2 = tf.reverse(y, [1, 2]) as Tensor4D;
      const r3 = tf.reverse(tf.transpose(y, [0, 2, 1, 3]), 2) as Tensor4D;
      const pick = (k: number) => tf.tensor1d(p.rot90.map((r) => (r === k ? 1 : 0)), 'bool').reshape([b, 1, 1, 1]);
      y = tf.where(pick(1), r1, tf.where(pick(2), r2, tf.where(pick(3), r3, y))) as Tensor4D;
    }
    y = translateBatch(y, p.shifts);
    y = tf.add(y, per(p.brightness)) as Tensor4D;
    const mean = tf.mean(y, [1, 2, 3], true);
    y = tf.add(tf.mul(tf.sub(y, mean), per(p.contrast)), mean) as Tensor4D;
    if (c >= 3) {
      const rgb = c === 4 ? y.slice([0, 0, 0, 0], [-1, -1, -1, 3]) : y;
      const luma = tf.mean(rgb, 3, true);
      let out = tf.add(tf.mul(tf.sub(rgb, luma), per(p.saturation)), luma);
      out = hueRotate(out as Tensor4D, p.hue);
      y = (c === 4 ? tf.concat([out, y.slice([0, 0, 0, 3], [-1, -1, -1, 1])], 3) : out) as Tensor4D;
    }
    return y;
  });
}

// Rotation about the gray axis (1,1,1)/√3 by angle θ per sample (Rodrigues), as ADA's hue op.
function hueRotate(x: Tensor4D, angles: number[]): Tensor4D {
  const b = x.shape[0];
  const mats = angles.flatMap((t) => {
    const [cos, sin] = [Math.cos(t), Math.sin(t)];
    const k = (1 - cos) / 3;
    const s = sin / Math.sqrt(3);
    return [cos + k, k - s, k + s, k + s, cos + k, k - s, k - s, k + s, cos + k];
  });
  const m = tf.tensor3d(mats, [b, 3, 3]);
  const flat = x.reshape([b, -1, 3]);
  return tf.matMul(flat, m, false, true).reshape(x.shape) as Tensor4D;
}
