import { describe, expect, it } from 'vitest';
import type { Tensor, Variable } from '@tensorflow/tfjs';
import { tf } from '../../src/backend/tf.js';
import { installTfjsPatches } from '../../src/backend/tfjsPatches.js';

// ganpipe's trainer installs them at its first step; these tests call the ops directly.
installTfjsPatches();

const kernelsOf = async (f: () => unknown) => (await tf.profile(() => f() as Tensor)).kernels.map((k) => k.name);
const maxDiff = (a: Tensor, b: Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('fused conv2d / matMul under a tape (native backend)', () => {
  const conv = tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, strides: 2, padding: 'same' });
  const dense = tf.layers.dense({ units: 2 });
  const model = tf.sequential({ layers: [conv, tf.layers.flatten(), dense] });
  const x = tf.randomNormal([5, 8, 8, 3], 0, 1, 'float32', 1);
  const f = (input: Tensor) => tf.sum(tf.square(model.apply(input, { training: true }) as Tensor));

  it("computes only the gradients asked for: the input's gradient without the weights'", async () => {
    const kernels = await kernelsOf(() => tf.grad(f)(x));
    expect(kernels).toContain('Conv2DBackpropInput');
    expect(kernels).not.toContain('Conv2DBackpropFilter');
    // The weights' gradients without the input's.
    const weightsOnly = await kernelsOf(() => Object.values(tf.variableGrads(() => f(x) as never).grads));
    expect(weightsOnly).toContain('Conv2DBackpropFilter');
    expect(weightsOnly).not.toContain('Conv2DBackpropInput');
  });

  it("gives the fused ops' values and the same gradients as unfused math", () => {
    const w = conv.getWeights();
    const d = dense.getWeights();
    tf.tidy(() => {
      // Outside a tape the fused kernels run; inside, the plain ops: same values.
      const outside = model.apply(x) as Tensor;
      let inside: Tensor | undefined;
      const { grads } = tf.variableGrads(() => {
        inside = tf.keep(model.apply(x) as Tensor);
        return tf.sum(tf.square(inside)) as never;
      });
      expect(maxDiff(outside, inside!)).toBeLessThan(1e-5);
      // Reference gradients from plain tfjs ops, written out.
      const ref = tf.grads((k: Tensor, b: Tensor, dk: Tensor, db: Tensor) => {
        const h = tf.add(tf.conv2d(x as never, k as never, 2, 'same'), b);
        return tf.sum(tf.square(tf.add(tf.matMul(tf.reshape(h, [5, -1]), dk), db)));
      })([w[0]!, w[1]!, d[0]!, d[1]!]);
      const got = [conv, dense].flatMap((l) => l.trainableWeights.map((v) => grads[(v.read() as Variable).name]));
      expect(got).toHaveLength(4);
      got.forEach((g, i) => expect(maxDiff(g!, ref[i]!)).toBeLessThan(1e-4));
    });
  });
});
