import type { KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs';
import { tfjsCore as core } from './tfjsCore.js';

type Tf = typeof import('@tensorflow/tfjs');

/** The tfjs-node backend's op runner (nodejs_kernel_backend.js), as much of it as we use. */
interface NodeBackend {
  binding: { TF_ATTR_INT: number; TF_ATTR_TYPE: number; TF_FLOAT: number; TF_INT32: number };
  executeSingleOutput(name: string, attrs: unknown[], inputs: TensorInfo[]): Tensor;
}

/** Kernel that makes a dropout multiplier (0 or 1/(1−rate)) with TensorFlow's own generator. */
export const DROPOUT_MASK_KERNEL = 'GanpipeDropoutMask';

const jsDropout = core.dropout;

const maskKernel = (tf: Tf): KernelFunc => ({ backend, attrs }) => {
  const b = backend as unknown as NodeBackend;
  const { shape, rate } = attrs as unknown as { shape: number[]; rate: number };
  const keep = 1 - rate;
  const { TF_ATTR_INT, TF_ATTR_TYPE, TF_FLOAT, TF_INT32 } = b.binding;
  const type = (name: string, dtype: number) => ({ name, type: TF_ATTR_TYPE, value: dtype });
  const int = (name: string) => ({ name, type: TF_ATTR_INT, value: 0 });
  const shapeT = tf.tensor1d(shape, 'int32');
  const keepT = tf.scalar(keep);
  const scaleT = tf.scalar(1 / keep);
  // seed = seed2 = 0: TensorFlow seeds the kernel once at random and its state advances per call.
  const u = b.executeSingleOutput('RandomUniform', [int('seed'), int('seed2'), type('dtype', TF_FLOAT), type('T', TF_INT32)], [shapeT]);
  const kept = b.executeSingleOutput('Add', [type('T', TF_FLOAT)], [u, keepT]);
  const floor = b.executeSingleOutput('Floor', [type('T', TF_FLOAT)], [kept]);
  const mask = b.executeSingleOutput('Mul', [type('T', TF_FLOAT)], [floor, scaleT]);
  tf.dispose([u, kept, floor, shapeT, keepT, scaleT]);
  return mask;
};

/**
 * Unseeded dropout on the native backend, with its random mask drawn by TensorFlow instead of
 * tfjs-core's JavaScript loop (`randomUniform` fills the tensor one `Math.random`-seeded alea
 * draw at a time, a large share of a GAN step with dropout layers: README "Performance",
 * `npm run bench:gan`). Same distribution and scaling
 * (floor(u + keep) / keep). Seeded calls and calls with a noise shape keep tfjs' own path, so
 * every seeded random sequence is unchanged; unseeded masks were never reproducible anyway.
 *
 * This replaces `dropout` on tfjs-core's exports object (`tfjsCore`): tfjs has no kernel for
 * random numbers that a backend could override.
 */
export function installNativeDropout(tf: Tf): void {
  if (core.dropout !== jsDropout) return;
  tf.registerKernel({ kernelName: DROPOUT_MASK_KERNEL, backendName: 'tensorflow', kernelFunc: maskKernel(tf) });
  core.dropout = ((x: Tensor, rate: number, noiseShape?: number[], seed?: number | string) => {
    if (seed != null || noiseShape != null || !(x instanceof tf.Tensor) || x.dtype !== 'float32' || !(rate > 0 && rate < 1) || tf.getBackend() !== 'tensorflow') {
      return jsDropout(x, rate, noiseShape, seed);
    }
    return tf.tidy(() => tf.mul(x, tf.engine().runKernel<Tensor>(DROPOUT_MASK_KERNEL, {}, { shape: x.shape, rate })));
  }) as Tf['dropout'];
}
