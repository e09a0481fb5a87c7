import { describe, expect, it } from 'vitest';
import type { Tensor } from '@tensorflow/tfjs';
import { tf } from '../../src/backend/tf.js';
import { installTfjsPatches } from '../../src/backend/tfjsPatches.js';
import { DROPOUT_MASK_KERNEL } from '../../src/backend/nativeDropout.js';

// ganpipe's trainer installs them at its first step; these tests call the ops directly.
installTfjsPatches();

const kernelsOf = async (f: () => Tensor) => (await tf.profile(() => f())).kernels.map((k) => k.name);

describe('native dropout', () => {
  const x = tf.ones([32, 10, 10, 25]); // 80,000 elements

  it('unseeded: keeps 1 − rate of the values, scaled by 1/(1 − rate), with a fresh mask per call', async () => {
    const before = tf.memory().numTensors;
    const a = tf.dropout(x, 0.3).dataSync();
    const b = tf.dropout(x, 0.3).dataSync();
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(new Set(a)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    // σ of the zero fraction is √(0.21/80000) ≈ 0.0016
    expect(a.filter((v) => v === 0).length / a.length).toBeCloseTo(0.3, 2);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    expect(await kernelsOf(() => tf.dropout(x, 0.3))).toContain(DROPOUT_MASK_KERNEL);
  });

  it("is what tfjs-layers' Dropout layer runs, and its gradient is the mask", async () => {
    const layer = tf.layers.dropout({ rate: 0.5 });
    expect(await kernelsOf(() => layer.apply(x, { training: true }) as Tensor)).toContain(DROPOUT_MASK_KERNEL);
    const v = tf.ones([1000]);
    let y: Tensor | undefined;
    const g = tf.grad((t: Tensor) => {
      y = tf.keep(layer.apply(t, { training: true }) as Tensor);
      return tf.sum(y);
    })(v);
    expect(Array.from(g.dataSync())).toEqual(Array.from(y!.dataSync()));
  });

  it('seeded calls and noise shapes keep the JavaScript generator, so seeded sequences are unchanged', async () => {
    const seeded = tf.dropout(x, 0.3, undefined, 7).dataSync();
    const expected = tf.tidy(() => tf.mul(x, tf.div(tf.floor(tf.add(tf.randomUniform(x.shape, 0, 1, 'float32', 7), 0.7)), 0.7))).dataSync();
    expect(Array.from(seeded)).toEqual(Array.from(expected));
    expect(await kernelsOf(() => tf.dropout(x, 0.3, undefined, 7))).not.toContain(DROPOUT_MASK_KERNEL);
    expect(await kernelsOf(() => tf.dropout(x, 0.3, [32, 1, 1, 25]))).not.toContain(DROPOUT_MASK_KERNEL);
  });
});
