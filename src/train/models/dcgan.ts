import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';
import { GanpipeError } from '../../core/errors.js';
import { initializers } from './init.js';
import { leakyReLU } from './leakyReLU.js';

/** Options of the convolutional models. */
export interface DcganOptions {
  /** Feature maps of the widest generator layer; halved at each upsampling. @default 128 */
  readonly width: number;
  /** Classes for the conditional model (0: unconditional). */
  readonly numClasses: number;
  /** Size of the label embedding (conditional model). @default 50 */
  readonly embedding: number;
}

/**
 * How many ×2 upsamplings reach `size` from a small base: 28 → 7 (2), 32 → 4 (3), 64 → 4 (4).
 * @throws GanpipeError for sizes that are not a small base times a power of two.
 */
export function upsamplings(height: number, width: number): { steps: number; base: [number, number] } {
  let steps = 0;
  let [h, w] = [height, width];
  while (h % 2 === 0 && w % 2 === 0 && h / 2 >= 4 && w / 2 >= 4) {
    h /= 2;
    w /= 2;
    steps++;
  }
  if (steps < 1 || h > 8 || w > 8) {
    throw new GanpipeError(
      `dcgan: cannot size the model for ${height}×${width} images: use a side that is 4–8 times a power of two (28, 32, 64, 128…)`,
    );
  }
  return { steps, base: [h, w] };
}

/**
 * A DCGAN (Radford et al. 2015) sized from the image shape. G: Dense → BatchNorm → ReLU →
 * reshape to the base grid, then one stride-2 transposed convolution (BatchNorm, ReLU) per
 * doubling, and a final tanh convolution. D: stride-2 convolutions with LeakyReLU 0.2 (no
 * BatchNorm, so WGAN-GP's per-sample gradient penalty stays valid), then Dense 1 (logits).
 * With `numClasses` > 0 it is the conditional model: the label's embedding is joined to the
 * noise in G and, as an extra image-sized channel, to the image in D.
 */
export function buildDcgan(
  imageShape: readonly [number, number, number],
  latentDim: number,
  seed: number | string,
  o: DcganOptions,
): { generator: LayersModel; discriminator: LayersModel } {
  const [H, W, C] = imageShape;
  const { steps, base } = upsamplings(H, W);
  const init = initializers(seed, o.numClasses > 0 ? 'cgan' : 'dcgan');
  const conditional = o.numClasses > 0;

  // Generator
  const z = tf.input({ shape: [latentDim], name: 'z' });
  const gLabel = conditional ? tf.input({ shape: [1], name: 'label' }) : undefined;
  let g: SymbolicTensor = z;
  if (gLabel) {
    const e = tf.layers.flatten().apply(tf.layers.embedding({ inputDim: o.numClasses, outputDim: o.embedding }).apply(gLabel)) as SymbolicTensor;
    g = tf.layers.concatenate().apply([z, e]) as SymbolicTensor;
  }
  const top = o.width;
  g = tf.layers.dense({ units: base[0] * base[1] * top, useBias: false, kernelInitializer: init() }).apply(g) as SymbolicTensor;
  g = tf.layers.batchNormalization({ momentum: 0.8 }).apply(g) as SymbolicTensor;
  g = tf.layers.reLU().apply(g) as SymbolicTensor;
  g = tf.layers.reshape({ targetShape: [base[0], base[1], top] }).apply(g) as SymbolicTensor;
  for (let i = 0; i < steps; i++) {
    const filters = Math.max(16, top >> (i + 1));
    g = tf.layers
      .conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: init() })
      .apply(g) as SymbolicTensor;
    g = tf.layers.batchNormalization({ momentum: 0.8 }).apply(g) as SymbolicTensor;
    g = tf.layers.reLU().apply(g) as SymbolicTensor;
  }
  g = tf.layers
    .conv2d({ filters: C, kernelSize: 3, padding: 'same', activation: 'tanh', kernelInitializer: init() })
    .apply(g) as SymbolicTensor;
  const generator = tf.model({ inputs: gLabel ? [z, gLabel] : [z], outputs: g, name: 'generator' });

  // Discriminator
  const image = tf.input({ shape: [H, W, C], name: 'image' });
  const dLabel = conditional ? tf.input({ shape: [1], name: 'label' }) : undefined;
  let d: SymbolicTensor = image;
  if (dLabel) {
    let e = tf.layers.embedding({ inputDim: o.numClasses, outputDim: o.embedding }).apply(dLabel) as SymbolicTensor;
    e = tf.layers.dense({ units: H * W, kernelInitializer: init() }).apply(tf.layers.flatten().apply(e)) as SymbolicTensor;
    e = tf.layers.reshape({ targetShape: [H, W, 1] }).apply(e) as SymbolicTensor;
    d = tf.layers.concatenate().apply([image, e]) as SymbolicTensor;
  }
  for (let i = 0; i < steps; i++) {
    const filters = Math.min(top, 32 << i);
    d = tf.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: init() }).apply(d) as SymbolicTensor;
    d = leakyReLU(0.2).apply(d) as SymbolicTensor;
  }
  d = tf.layers.flatten().apply(d) as SymbolicTensor;
  d = tf.layers.dense({ units: 1, kernelInitializer: init() }).apply(d) as SymbolicTensor;
  const discriminator = tf.model({ inputs: dLabel ? [image, dLabel] : [image], outputs: d, name: 'discriminator' });
  return { generator, discriminator };
}
