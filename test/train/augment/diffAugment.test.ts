import { describe, expect, it } from 'vitest';
import type * as T from '@tensorflow/tfjs';
import { ops, rngFor, tf } from '../../../src/index.js';
import { AdaController, adaAugment, sampleAdaParams } from '../../../src/train/augment/ada.js';
import { diffAugment, sampleDiffAugmentParams } from '../../../src/train/augment/diffAugment.js';
import { diffAugmentation } from '../../../src/train/augment/index.js';
import type { Image } from '../../../src/core/types.js';

const B = 3;
const [H, W, C] = [8, 8, 3] as const;
const batch = () => tf.randomUniform([B, H, W, C], -1, 1, 'float32', 11) as T.Tensor4D;
const imageOf = (x: T.Tensor4D, i: number): Image => ({ data: x.slice([i, 0, 0, 0], [1, -1, -1, -1]).dataSync() as Float32Array, width: W, height: H, channels: C });
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

describe('DiffAugment ops (Zhao et al. 2020)', () => {
  it('color matches a per-image computation: brightness added, saturation about the channel mean, contrast about the image mean', () => {
    const x = batch();
    const p = { brightness: [0.3, -0.2, 0], saturation: [0.5, 1.5, 1], contrast: [1.2, 0.7, 1] };
    const y = diffAugment(x, p);
    for (let i = 0; i < B; i++) {
      const d = Float32Array.from(imageOf(x, i).data, (v) => v + p.brightness[i]!);
      for (let px = 0; px < H * W; px++) {
        const m = (d[px * 3]! + d[px * 3 + 1]! + d[px * 3 + 2]!) / 3;
        for (let c = 0; c < 3; c++) d[px * 3 + c] = (d[px * 3 + c]! - m) * p.saturation[i]! + m;
      }
      const mean = d.reduce((a, b) => a + b, 0) / d.length;
      const expected = d.map((v) => (v - mean) * p.contrast[i]! + mean);
      expect(maxDiff(imageOf(y, i).data, expected)).toBeLessThan(1e-5);
    }
    tf.dispose([x, y]);
  });

  it('translation and cutout equal the per-image translate (zero fill) and erase ops', () => {
    const x = batch();
    const shifts: [number, number][] = [[1, -1], [0, 1], [-1, 0]];
    const boxes = [{ x: 2, y: 2, width: 4, height: 4 }, { x: -2, y: 5, width: 4, height: 4 }, { x: 6, y: 0, width: 4, height: 4 }];
    const y = diffAugment(x, { shifts, boxes });
    for (let i = 0; i < B; i++) {
      const moved = ops.translate(imageOf(x, i), { dx: shifts[i]![0], dy: shifts[i]![1], border: 'constant', fillValue: 0, interpolation: 'nearest' });
      const erased = ops.erase(moved, { ...boxes[i]!, value: 0 });
      expect(maxDiff(imageOf(y, i).data, erased.data)).toBeLessThan(1e-6);
    }
    tf.dispose([x, y]);
  });

  it('is differentiable: the gradient w.r.t. the input is finite and non-zero', () => {
    const x = batch();
    const p = sampleDiffAugmentParams(rngFor(1, 't', 0, 'x'), ['color', 'translation', 'cutout'], [B, H, W]);
    const g = tf.grad((input: T.Tensor) => tf.sum(tf.square(diffAugment(input as T.Tensor4D, p))))(x);
    const values = g.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
    tf.dispose([x, g]);
  });

  it('is the identity when disabled; params stay in DiffAugment’s ranges; the same seed gives the same params', () => {
    const x = batch();
    const y = diffAugment(x, sampleDiffAugmentParams(rngFor(1, 't', 0, 'x'), [], [B, H, W]));
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    for (let seed = 0; seed < 200; seed++) {
      const p = sampleDiffAugmentParams(rngFor(seed, 't', 0, 'x'), ['color', 'translation', 'cutout'], [B, H, W]);
      for (const b of p.brightness!) expect(Math.abs(b)).toBeLessThanOrEqual(0.5);
      for (const s of p.saturation!) expect(s).toBeLessThan(2);
      for (const c of p.contrast!) expect(c >= 0.5 && c < 1.5).toBe(true);
      for (const [dx, dy] of p.shifts!) expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(1);
      for (const box of p.boxes!) expect([box.width, box.height]).toEqual([4, 4]);
    }
    const a = sampleDiffAugmentParams(rngFor(5, 't', 3, 'real'), ['color', 'translation'], [B, H, W]);
    expect(sampleDiffAugmentParams(rngFor(5, 't', 3, 'real'), ['color', 'translation'], [B, H, W])).toEqual(a);
    tf.dispose([x, y]);
  });

  it('real and fake go through the same op family with independent draws, replayed on resume', () => {
    const aug = diffAugmentation(['color', 'translation', 'cutout'], 9);
    const x = batch();
    const [r1, f1, r2] = [aug.apply(x, 4, 'real'), aug.apply(x, 4, 'fake'), aug.apply(x, 4, 'real')];
    expect(Array.from(r2.dataSync())).toEqual(Array.from(r1.dataSync()));
    expect(Array.from(f1.dataSync())).not.toEqual(Array.from(r1.dataSync()));
    tf.dispose([x, r1, f1, r2]);
  });
});

describe('ADA', () => {
  const options = { target: 0.6, interval: 4, speed: 1, initial: 0.5 };

  it('p rises while r_t stays above the target, falls while below, and stays in [0, 1]', () => {
    const up = new AdaController(options);
    for (let step = 0; step < 40; step++) up.observe(0.9 * 64, 64); // r_t = 0.9 > 0.6
    expect(up.p).toBe(1);
    expect(up.rt).toBeCloseTo(0.9, 10);
    const down = new AdaController(options);
    const ps: number[] = [];
    for (let step = 0; step < 40; step++) {
      down.observe(0.2 * 64, 64); // r_t = 0.2 < 0.6
      ps.push(down.p);
    }
    expect(down.p).toBe(0);
    expect(ps.every((p, i) => i === 0 || p <= ps[i - 1]!)).toBe(true);
    // Step size: batch · interval / (speed · 1000) per update.
    const one = new AdaController({ ...options, initial: 0.5 });
    for (let s = 0; s < 4; s++) one.observe(64, 64);
    expect(one.p).toBeCloseTo(0.5 + (64 * 4) / 1000, 10);
  });

  it('p = 0 is the identity; the ops are differentiable and exact for 90° rotations', () => {
    const x = batch();
    const p0 = sampleAdaParams(rngFor(1, 'a', 0, 'x'), 0, [B, H, W, C]);
    const y0 = adaAugment(x, p0);
    expect(maxDiff(y0.dataSync(), x.dataSync())).toBeLessThan(1e-6);
    const rot = { flip: [false, false, false], rot90: [1, 2, 3], shifts: [[0, 0], [0, 0], [0, 0]] as [number, number][], brightness: [0, 0, 0], contrast: [1, 1, 1], saturation: [1, 1, 1], hue: [0, 0, 0] };
    const y = adaAugment(x, rot);
    for (let i = 0; i < B; i++) {
      const r = ops.rotate(imageOf(x, i), { angle: 90 * rot.rot90[i]!, interpolation: 'nearest' });
      expect(maxDiff(imageOf(y, i).data, r.data)).toBeLessThan(1e-5);
    }
    const p1 = sampleAdaParams(rngFor(2, 'a', 0, 'x'), 1, [B, H, W, C]);
    const g = tf.grad((input: T.Tensor) => tf.sum(adaAugment(input as T.Tensor4D, p1)))(x);
    expect(g.dataSync().every(Number.isFinite)).toBe(true);
    expect(g.dataSync().some((v) => v !== 0)).toBe(true);
    tf.dispose([x, y0, y, g]);
  });
});

describe('training with GAN-aware augmentation', () => {
  it('ADA writes p and r_t to metrics.jsonl and plots them in report.html', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { train } = await import('../../../src/train/train.js');
    const { mnistSlicePipeline, model } = await import('../../helpers/train.js');
    const out = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-ada-'));
    const t = model('dcgan', { width: 16, augment: { adaptive: true, interval: 2, speed: 1, initial: 0.5 } });
    await train(mnistSlicePipeline(), t, { out, steps: 6 });
    const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.every((l) => l.augment_p >= 0 && l.augment_p <= 1)).toBe(true);
    expect(lines.filter((l) => l.augment_rt !== undefined).length).toBeGreaterThanOrEqual(4);
    expect(new Set(lines.map((l) => l.augment_p)).size).toBeGreaterThan(1); // it moved
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('Adaptive augmentation');
    t.dispose();
  });
});
