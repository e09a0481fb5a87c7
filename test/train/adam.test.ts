import { describe, expect, it } from 'vitest';
import type { Optimizer, Tensor, Variable } from '@tensorflow/tfjs';
import { tf } from '../../src/backend/tf.js';
import { adam } from '../../src/train/adam.js';

const maxDiff = (a: Tensor, b: Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** Two variables updated by `opt` for `steps` seeded gradients; returns their values. */
function run(opt: Optimizer, steps: number, start = 0) {
  const vars = [tf.variable(tf.randomNormal([30, 20], 0, 1, 'float32', 1)), tf.variable(tf.randomNormal([7], 0, 1, 'float32', 2))];
  for (let s = start; s < start + steps; s++) {
    tf.tidy(() => opt.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1 + i, 'float32', 1 + 100 * s + i)]))));
  }
  return vars;
}

describe('adam (native fused update)', () => {
  it('matches tf.train.adam over several steps, with its moments', async () => {
    const ours = adam(0.01, 0.5);
    const theirs = tf.train.adam(0.01, 0.5);
    const a = run(ours, 8);
    const b = run(theirs, 8);
    // Weights move by about 8 × 0.01; the update agrees to float rounding.
    a.forEach((v, i) => expect(maxDiff(v, b[i]!)).toBeLessThan(2e-6));
    expect(maxDiff(a[0]!, tf.randomNormal([30, 20], 0, 1, 'float32', 1))).toBeGreaterThan(0.05);
    const [wa, wb] = [await ours.getWeights(), await theirs.getWeights()];
    expect(wa.map((w) => w.name.replace(/^.*\//, ''))).toEqual(wb.map((w) => w.name.replace(/^.*\//, '')));
    wa.forEach((w, i) => expect(maxDiff(w.tensor, wb[i]!.tensor)).toBeLessThan(1e-5));
    ours.dispose();
    theirs.dispose();
    tf.dispose([...a, ...b]);
  });

  it('never changes a tensor tfjs holds: earlier values of a variable stay as they were', () => {
    const opt = adam(0.1);
    const v = tf.variable(tf.ones([4, 4]));
    for (let s = 0; s < 3; s++) {
      // A clone shares the variable's current buffer (same dataId), as the tape's saved tensors do.
      const alias = tf.clone(v);
      const copy = tf.add(v, 0);
      opt.applyGradients({ [v.name]: tf.ones([4, 4]) });
      expect(maxDiff(v, copy)).toBeGreaterThan(0.05);
      expect(maxDiff(alias, copy)).toBe(0);
      tf.dispose([alias, copy]);
    }
    opt.dispose();
    v.dispose();
  });

  it('resumes from saved weights like tf.train.adam, and leaks no tensors across steps', async () => {
    const first = adam(0.01);
    const vars = run(first, 3);
    const saved = await first.getWeights();
    const resumed = adam(0.01);
    const reference = tf.train.adam(0.01);
    await resumed.setWeights(saved.map(({ name, tensor }) => ({ name, tensor: tf.clone(tensor) })));
    await reference.setWeights(saved.map(({ name, tensor }) => ({ name, tensor: tf.clone(tensor) })));
    const va = vars.map((v) => tf.variable(tf.clone(v)));
    const vb = vars.map((v) => tf.variable(tf.clone(v)));
    const step = (opt: Optimizer, vs: Variable[], s: number) =>
      tf.tidy(() => opt.applyGradients(Object.fromEntries(vs.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1, 'float32', 1 + 7 * s + i)]))));
    step(resumed, va, 3);
    step(reference, vb, 3);
    const count = tf.memory().numTensors;
    for (let s = 4; s < 7; s++) {
      step(resumed, va, s);
      step(reference, vb, s);
    }
    expect(tf.memory().numTensors).toBe(count);
    va.forEach((v, i) => expect(maxDiff(v, vb[i]!)).toBeLessThan(2e-6));
    expect(resumed.iterations).toBe(7);
    [first, resumed, reference].forEach((o) => o.dispose());
  });
});
