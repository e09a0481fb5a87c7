import { tfjsCore as core } from './tfjsCore.js';

type Tf = typeof import('@tensorflow/tfjs');
type Conv2dArgs = Parameters<Tf['fused']['conv2d']>[0];
type MatMulArgs = Parameters<Tf['fused']['matMul']>[0];

const fusedConv2d = core.fused.conv2d;
const fusedMatMul = core.fused.matMul;

/**
 * On the native backend, `tf.fused.conv2d` and `tf.fused.matMul` with a linear activation run
 * as the plain op plus a bias add while a gradient is being recorded, as tfjs already does for
 * every other activation. Why: the fused ops' gradient (a `customGrad`) computes the gradients
 * of all inputs at once, needed or not, so a GAN's generator update also computed every
 * discriminator weight's gradient, and the discriminator's update the gradient of its input
 * images. The plain ops' gradients are computed per input, only for inputs on the path to the
 * variables. The native backend's FusedConv2D/_FusedMatMul kernels are themselves the plain
 * kernel plus an add, so forward values are the same. tfjs-layers' Conv2D and Dense call these.
 */
export function installUnfusedUnderTape(tf: Tf): void {
  if (core.fused.conv2d !== fusedConv2d) return;
  const plain = (activation: string | undefined, prelu: unknown) =>
    (activation ?? 'linear') === 'linear' && prelu == null && tf.engine().state.gradientDepth > 0 && tf.getBackend() === 'tensorflow';
  const withBias = <T extends import('@tensorflow/tfjs').Tensor>(y: T, bias: unknown) => (bias == null ? y : (tf.add(y, bias as T) as T));

  core.fused.conv2d = ((a: Conv2dArgs) =>
    plain(a.activation, a.preluActivationWeights) && (a.dataFormat ?? 'NHWC') === 'NHWC'
      ? withBias(tf.conv2d(a.x, a.filter, a.strides, a.pad, a.dataFormat, a.dilations, a.dimRoundingMode), a.bias)
      : fusedConv2d(a)) as Tf['fused']['conv2d'];
  core.fused.matMul = ((a: MatMulArgs) =>
    plain(a.activation, a.preluActivationWeights) ? withBias(tf.matMul(a.a, a.b, a.transposeA, a.transposeB), a.bias) : fusedMatMul(a)) as Tf['fused']['matMul'];
}
