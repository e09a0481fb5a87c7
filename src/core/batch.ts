import { tf } from '../backend/tf.js';
import { BatchError } from './errors.js';
import type { Sample } from './types.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';

/** A batch of samples as tensors. Whoever receives it owns it and must dispose it. */
export interface Batch {
  /** float32 `[B, H, W, C]`. */
  readonly xs: Tensor4D;
  /** int32 `[B]` class indices (see `pipeline.classes`), when samples have labels. */
  readonly ys?: Tensor | undefined;
  /** The sample ids, in batch order. */
  readonly ids: string[];
  /**
   * Position in the epoch's source order just after this batch's last sample: pass it as
   * `batches({ epoch, skip: cursor })` to resume after this batch.
   */
  readonly cursor: number;
}

/**
 * Stacks samples into tensors. uint8 pixels are copied as float32 0..255.
 * @throws BatchError when sizes differ (naming both samples) or labels are missing or unknown.
 */
export function toBatch(samples: readonly Sample[], classIndex: (label: string) => number | undefined): Batch {
  const first = samples[0];
  if (!first) throw new BatchError('cannot make an empty batch');
  const { width, height, channels } = first.image;
  const size = width * height * channels;
  const xs = new Float32Array(samples.length * size);
  const labelled = first.label !== undefined;
  const ys = labelled ? new Int32Array(samples.length) : undefined;
  samples.forEach((s, i) => {
    const img = s.image;
    if (img.width !== width || img.height !== height || img.channels !== channels) {
      throw new BatchError(
        `samples of different sizes cannot share a batch: ${JSON.stringify(first.id)} is ${width}×${height}×${channels}, ` +
          `${JSON.stringify(s.id)} is ${img.width}×${img.height}×${img.channels}. Add a resize stage (fit "cover", "contain" or "fill").`,
      );
    }
    xs.set(img.data, i * size);
    if (ys) {
      const index = s.label === undefined ? undefined : classIndex(s.label);
      if (index === undefined) {
        throw new BatchError(
          s.label === undefined
            ? `sample ${JSON.stringify(s.id)} has no label but ${JSON.stringify(first.id)} has one; label every sample or none (an integrity stage with "requireLabels": true drops unlabeled samples into the report)`
            : `sample ${JSON.stringify(s.id)} has label ${JSON.stringify(s.label)}, which is not among the classes`,
        );
      }
      ys[i] = index;
    } else if (s.label !== undefined) {
      throw new BatchError(`sample ${JSON.stringify(s.id)} has a label but ${JSON.stringify(first.id)} has none; label every sample or none`);
    }
  });
  return {
    xs: tf.tensor4d(xs, [samples.length, height, width, channels], 'float32'),
    ys: ys ? tf.tensor1d(ys, 'int32') : undefined,
    ids: samples.map((s) => s.id),
    cursor: Math.max(...samples.map((s) => Number(s.meta['position'] ?? -1))) + 1,
  };
}
