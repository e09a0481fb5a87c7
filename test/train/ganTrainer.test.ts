import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as T from '@tensorflow/tfjs';
import { bceLoss, createGanTrainer, tf } from '../../src/index.js';
import { firstBatch, model, randomBatch } from '../helpers/train.js';

const variants = [
  ['mlp-gan', {}],
  ['dcgan', { loss: 'bce' }],
  ['dcgan', { loss: 'hinge' }],
  ['dcgan', { loss: 'wgan-gp' }],
  ['cgan', { loss: 'bce' }],
  ['cgan', { loss: 'wgan-gp' }],
  // GAN-aware augmentation on: still no leaks across steps.
  ['mlp-gan', { augment: { policy: 'color,translation,cutout' } }],
  ['dcgan', { augment: { policy: 'color,translation,cutout' } }],
  ['cgan', { augment: { adaptive: true } }],
] as const;

describe('GAN trainers', () => {
  for (const [type, options] of variants) {
    it(`${type} ${JSON.stringify(options)}: after a burn-in step, step() leaves tf.memory().numTensors unchanged`, async () => {
      const t = model(type, type === 'mlp-gan' ? options : { ...options, width: 16 });
      const batch = await firstBatch(8);
      await t.step(batch, 0); // optimizers create their slots on the first step
      const before = tf.memory().numTensors;
      for (let s = 1; s <= 3; s++) {
        const m = await t.step(batch, s);
        expect(Object.values(m).every(Number.isFinite)).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      }
      const images = t.sample(4);
      images.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([batch.xs, batch.ys!]);
      t.dispose();
    });
  }

  for (const shape of [[28, 28, 1], [32, 32, 3], [64, 64, 3]] as [number, number, number][]) {
    it(`cgan and dcgan size themselves for ${shape.join('×')}: label input and sample shapes`, () => {
      const c = model('cgan', { width: 16 }, shape, 5);
      expect(c.generator.inputs.map((i) => i.shape)).toEqual([[null, 100], [null, 1]]);
      expect(c.discriminator.inputs.map((i) => i.shape)).toEqual([[null, ...shape], [null, 1]]);
      const s = c.sample(6, { labels: [0, 1, 2, 3, 4, 0] });
      expect(s.shape).toEqual([6, ...shape]);
      const v = s.dataSync();
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
      s.dispose();
      expect(() => c.sample(2, { labels: [0, 7] })).toThrow('label 7 is outside 0..4');
      c.dispose();
      const d = model('dcgan', { width: 16 }, shape);
      const u = d.sample(3);
      expect(u.shape).toEqual([3, ...shape]);
      u.dispose();
      d.dispose();
    });
  }

  it('refuses an image size it cannot build for, with a clear message', () => {
    expect(() => model('dcgan', {}, [30, 30, 1])).toThrow(/cannot size the model for 30×30/);
  });

  it('training moves: 20 D steps on a fixed batch lower D loss; a G step raises D(G(z))', async () => {
    const t = model('dcgan', { width: 32, learningRate: 1e-3 });
    const batch = await firstBatch(16);
    const first = await t.discriminatorStep(batch, 0);
    let last = first;
    for (let s = 1; s <= 20; s++) last = await t.discriminatorStep(batch, 0);
    expect(last.d_loss).toBeLessThan(first.d_loss);
    // D's mean verdict on the same latents before and after G steps: only G's weights changed.
    const probe = () =>
      tf.tidy(() => tf.mean(tf.sigmoid(t.discriminator.predict(t.sample(16, { seed: 5 })) as T.Tensor)).dataSync()[0]!);
    const scoreBefore = probe();
    for (let s = 0; s < 3; s++) await t.generatorStep(batch, 100 + s);
    expect(probe()).toBeGreaterThan(scoreBefore);
    tf.dispose([batch.xs, batch.ys!]);
    t.dispose();
  });

  it('checkpoints: save → load into a fresh trainer gives identical generator outputs for the same latents', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-ckpt-'));
    const a = model('cgan', { width: 16 }, [28, 28, 1], 10, 1);
    const batch = randomBatch(8, [28, 28, 1]);
    for (let s = 0; s < 2; s++) await a.step(batch, s);
    await a.save(dir);
    // Same seed (it also seeds the noise), untrained: its weights differ from a's until loaded.
    const b = model('cgan', { width: 16 }, [28, 28, 1], 10, 1);
    const z = tf.randomNormal([4, 100], 0, 1, 'float32', 11);
    const labels = [1, 2, 3, 4];
    const untrained = b.sample(4, { latents: z, labels });
    await b.load(dir);
    const [ya, yb] = [a.sample(4, { latents: z, labels }), b.sample(4, { latents: z, labels })];
    expect(Array.from(untrained.dataSync())).not.toEqual(Array.from(ya.dataSync()));
    untrained.dispose();
    expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
    // The optimizer state came along: the next step gives the same losses.
    const [ma, mb] = [await a.step(batch, 2), await b.step(batch, 2)];
    expect(mb.d_loss).toBeCloseTo(ma.d_loss, 5);
    expect(mb.g_loss).toBeCloseTo(ma.g_loss, 5);
    tf.dispose([z, ya, yb, batch.xs, batch.ys!]);
    a.dispose();
    b.dispose();
  });

  it('a conditional model refuses unlabelled batches with a clear error', async () => {
    const t = model('cgan', { width: 16 });
    const batch = randomBatch(4, [28, 28, 1]);
    await expect(t.step({ ...batch, ys: undefined }, 0)).rejects.toThrow(/cgan is conditional: its batches need labels/);
    tf.dispose([batch.xs, batch.ys!]);
    t.dispose();
  });
});

// The 'simultaneous' step shares one forward pass between the D and G updates; it must give
// the gradients of the two separate updates, both at the pre-step weights. With plain SGD the
// weight change is −lr·gradient, and a first G layer with zero weights makes the fakes
// independent of the (internal) noise, so the expected gradients can be computed here.
describe('the simultaneous step', () => {
  const lr = 0.05;
  function parts() {
    const generator = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [8], units: 16, kernelInitializer: 'zeros', biasInitializer: tf.initializers.randomNormal({ seed: 1 }) }),
        tf.layers.dense({ units: 28 * 28, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        tf.layers.reshape({ targetShape: [28, 28, 1] }),
      ],
    });
    const discriminator = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28, 1] }),
        tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
        tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      ],
    });
    return { generator, discriminator };
  }
  const vars = (m: T.LayersModel) => m.trainableWeights.map((w) => w.read() as T.Variable);
  const values = (m: T.LayersModel) => vars(m).map((v) => Array.from(v.dataSync()));
  const maxDiff = (after: number[][], before: number[][], grads: number[][]) =>
    Math.max(...after.flatMap((w, i) => w.map((v, j) => Math.abs(v - (before[i]![j]! - lr * grads[i]![j]!)))));

  it('moves D by −lr·∂d_loss/∂D and G by −lr·∂g_loss/∂G, from the same fakes, at the pre-step weights', async () => {
    const loss = bceLoss('logits', 0.9);
    const t = createGanTrainer({ name: 'probe', ...parts(), loss, latentDim: 8, updates: 'simultaneous', generatorOptimizer: tf.train.sgd(lr), discriminatorOptimizer: tf.train.sgd(lr) });
    const [G, D] = [t.generator, t.discriminator];
    const batch = randomBatch(8, [28, 28, 1]);
    const z = tf.zeros([8, 8]);
    const gradsOf = (grads: T.NamedTensorMap, m: T.LayersModel) => vars(m).map((v) => Array.from(grads[v.name]!.dataSync()));
    const [d0, g0] = [values(D), values(G)];
    const fake = G.apply(z, { training: true }) as T.Tensor;
    const d = tf.variableGrads(() => loss.discriminator(D.apply(batch.xs, { training: true }) as T.Tensor, D.apply(fake, { training: true }) as T.Tensor), vars(D));
    const g = tf.variableGrads(() => loss.generator(D.apply(G.apply(z, { training: true }) as T.Tensor, { training: true }) as T.Tensor), vars(G));
    const [dGrads, gGrads] = [gradsOf(d.grads, D), gradsOf(g.grads, G)];
    const m = await t.step(batch, 0);
    expect(m.d_loss).toBeCloseTo(d.value.dataSync()[0]!, 5);
    expect(m.g_loss).toBeCloseTo(g.value.dataSync()[0]!, 5);
    expect(maxDiff(values(D), d0, dGrads)).toBeLessThan(1e-6);
    // G's first kernel saw the noise, which this test does not know: compare the rest of G.
    expect(maxDiff(values(G).slice(1), g0.slice(1), gGrads.slice(1))).toBeLessThan(1e-6);
    expect(Math.max(...gGrads.slice(1).flat().map(Math.abs))).toBeGreaterThan(1e-4); // G did learn
    const before = tf.memory().numTensors;
    await t.step(batch, 1);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z, fake, batch.xs, batch.ys!, d.value, g.value, ...Object.values(d.grads), ...Object.values(g.grads)]);
    t.dispose();
  });
});
