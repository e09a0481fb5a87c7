import type { Tensor } from '@tensorflow/tfjs';
import { tf, tfjs } from '../../backend/tf.js';

/**
 * LeakyReLU written as `(1+α)/2·x + (1−α)/2·|x|`: the same values as `tf.layers.leakyReLU`,
 * but its gradient is itself differentiable in tfjs (tfjs' LeakyReLU gradient goes through
 * `Greater`, which has no gradient), so WGAN-GP can differentiate D's input gradient.
 */
// Defined and registered when the module loads (so saved models that use it load): `tfjs`, since
// touching `tf` would load the backend at import. Registering a class name changes no other model.
export class GanpipeLeakyReLU extends tfjs.layers.Layer {
  static className = 'GanpipeLeakyReLU';
  readonly alpha: number;

  constructor(config: { alpha?: number; name?: string } = {}) {
    super(config);
    this.alpha = config.alpha ?? 0.2;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.tidy(() => tf.add(tf.mul(x, (1 + this.alpha) / 2), tf.mul(tf.abs(x), (1 - this.alpha) / 2)));
  }

  override getConfig() {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

tfjs.serialization.registerClass(GanpipeLeakyReLU);

/** A `GanpipeLeakyReLU` layer. */
export const leakyReLU = (alpha = 0.2) => new GanpipeLeakyReLU({ alpha });
