import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs';

type Tf = typeof import('@tensorflow/tfjs');

/**
 * Gradients of `Mean` and `Sum` that broadcast dy to x's shape with one Tile kernel. tfjs'
 * own multiply dy by `ones(x.shape)`, a tensor filled in JavaScript and copied to the backend
 * at every backward pass. Each BatchNormalization layer takes two means over its input in
 * training (`tf.moments`), so this was a large part of a generator update (figures: README
 * "Performance", `npm run bench:gan`). Same values, bit for bit
 * (dy/n is the same float whether divided before or after broadcasting), and differentiable
 * again (Tile has a gradient).
 */
export function installReductionGradients(tf: Tf): void {
  const expanded = (dy: Tensor, x: Tensor, attrs: NamedAttrMap) => {
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const shape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    return { dy: tf.reshape(dy, shape), size: axes.reduce((n, a) => n * x.shape[a]!, 1) };
  };
  tf.registerGradient({
    kernelName: 'Mean',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const e = expanded(dy as Tensor, x!, attrs);
      return { x: () => tf.broadcastTo(tf.div(tf.cast(e.dy, 'float32'), e.size), x!.shape) };
    },
  });
  tf.registerGradient({
    kernelName: 'Sum',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const e = expanded(dy as Tensor, x!, attrs);
      return { x: () => tf.broadcastTo(tf.cast(e.dy, 'float32'), x!.shape) };
    },
  });
}
