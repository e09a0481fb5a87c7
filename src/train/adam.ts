import type { AdamOptimizer, NamedTensorMap, Tensor, Variable } from '@tensorflow/tfjs';
import { tf, tfjs } from '../backend/tf.js';

/** The tfjs-node backend's op runner (nodejs_kernel_backend.js), as much of it as we use. */
interface NodeBackend {
  binding: Record<'TF_ATTR_TYPE' | 'TF_ATTR_STRING' | 'TF_ATTR_SHAPE' | 'TF_ATTR_BOOL' | 'TF_FLOAT', number>;
  executeSingleOutput(name: string, attrs: unknown[], inputs: Tensor[]): Tensor;
  executeMultipleOutputs(name: string, attrs: unknown[], inputs: Tensor[], numOutputs: number): Tensor[];
}

/** The AdamOptimizer state this subclass updates (private in tfjs' typings). */
interface AdamState {
  accumulatedFirstMoment: { originalName: string; variable: Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: Variable }[];
  accBeta1: Variable;
  accBeta2: Variable;
}

let handleCount = 0;

/**
 * `tf.train.adam` whose update runs as TensorFlow's fused `ResourceApplyAdam` kernel on the
 * native backend: one pass over each variable, its moments and its gradient, where tfjs' Adam
 * runs 14 elementwise kernels per variable (the time saved per step: README "Performance",
 * `npm run bench:gan`). The moments stay tfjs variables, so weights,
 * checkpoints (`getWeights`/`setWeights`) and other backends are tfjs' Adam unchanged; each
 * update lends the variable and its moments to TensorFlow resource variables and takes the
 * results back (TensorFlow copies a buffer before updating it in place while tfjs holds it,
 * so no tensor tfjs holds changes). The bias corrections are tfjs' (ε is added to √v̂, passed
 * to the kernel as ε·√(1−β₂ᵗ)), so values agree with tfjs' Adam to float rounding.
 */
// Defined when the module loads: `tfjs`, since touching `tf` would load the backend at import.
export class NativeAdamOptimizer extends tfjs.AdamOptimizer {
  /** Per variable slot: resource handles for the variable, m and v. */
  private handles: Tensor[][] = [];

  override applyGradients(variableGradients: NamedTensorMap | { name: string; tensor: Tensor }[]): void {
    if (tf.getBackend() !== 'tensorflow') return super.applyGradients(variableGradients as Parameters<AdamOptimizer['applyGradients']>[0]);
    const b = tf.backend() as unknown as NodeBackend;
    const { TF_ATTR_TYPE, TF_ATTR_STRING, TF_ATTR_SHAPE, TF_ATTR_BOOL, TF_FLOAT } = b.binding;
    const float = { name: 'dtype', type: TF_ATTR_TYPE, value: TF_FLOAT };
    const state = this as unknown as AdamState;
    const named = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const t = this.iterations + 1;
    const handle = (shape: number[]) =>
      b.executeSingleOutput(
        'VarHandleOp',
        [{ name: 'container', type: TF_ATTR_STRING, value: '' }, { name: 'shared_name', type: TF_ATTR_STRING, value: `ganpipe_adam_${handleCount++}` }, float, { name: 'shape', type: TF_ATTR_SHAPE, value: shape }],
        [],
      );
    const lend = (h: Tensor, value: Tensor) => b.executeMultipleOutputs('AssignVariableOp', [float, { name: 'validate_shape', type: TF_ATTR_BOOL, value: false }], [h, value], 0);
    const read = (h: Tensor) => b.executeSingleOutput('ReadVariableOp', [float], [h]);
    tf.tidy(() => {
      const scalars = [this.beta1 ** t, this.beta2 ** t, this.learningRate, this.beta1, this.beta2, this.epsilon * Math.sqrt(1 - this.beta2 ** t)].map((x) => tf.scalar(x));
      named.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name]!;
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i]!.variable;
        const v = state.accumulatedSecondMoment[i]!.variable;
        const h = (this.handles[i] ??= tf.tidy(() => [value, m, v].map((x) => tf.keep(handle(x.shape)))));
        [value, m, v].forEach((x, k) => lend(h[k]!, x));
        const use = [{ name: 'T', type: TF_ATTR_TYPE, value: TF_FLOAT }, { name: 'use_locking', type: TF_ATTR_BOOL, value: false }, { name: 'use_nesterov', type: TF_ATTR_BOOL, value: false }];
        b.executeMultipleOutputs('ResourceApplyAdam', use, [...h, ...scalars, gradient], 0);
        [value, m, v].forEach((x, k) => x.assign(read(h[k]!)));
      });
      // tfjs' Adam keeps β₁ᵗ⁺¹ and β₂ᵗ⁺¹ here; kept current for its other backends' path.
      state.accBeta1.assign(tf.scalar(this.beta1 ** (t + 1)));
      state.accBeta2.assign(tf.scalar(this.beta2 ** (t + 1)));
    });
    this.incrementIterations();
  }

  override dispose(): void {
    super.dispose();
    this.releaseHandles();
  }

  override async setWeights(weightValues: { name: string; tensor: Tensor }[]): Promise<void> {
    // New moment variables: the slots' resources are made again for them.
    this.releaseHandles();
    await super.setWeights(weightValues);
  }

  private releaseHandles(): void {
    const b = tf.backend() as unknown as NodeBackend;
    for (const h of this.handles.flat()) {
      b.executeMultipleOutputs('DestroyResourceOp', [{ name: 'ignore_lookup_error', type: b.binding.TF_ATTR_BOOL, value: true }], [h], 0);
      h.dispose();
    }
    this.handles = [];
  }
}

/**
 * Adam (tfjs' defaults: β₂ 0.999, ε 1e-7) with TensorFlow's fused update on the native backend;
 * see `NativeAdamOptimizer`. The trainer's and built-in models' default optimizer.
 */
export const adam = (learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) => new NativeAdamOptimizer(learningRate, beta1, beta2, epsilon);
