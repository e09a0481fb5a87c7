import type { Tensor1D, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
import { tf } from '../../backend/tf.js';
import { check } from '../kernel/index.js';
import { LUMA } from '../luma.js';
import { clipBox, type Box } from './erase.js';

/** One number per sample: an array, or a `[B]` tensor (then gradients also flow to it). */
export type PerSample = readonly number[] | Float32Array | Tensor1D;

// Batched versions of the per-image ops, for `[B, H, W, C]` float32 batches already on the
// backend (GAN augmentation such as DiffAugment, where the discriminator's gradient must pass
// through). Each is differentiable w.r.t. `x`, returns a new tensor the caller owns and disposes,
// and leaves no intermediate behind (tf.tidy). Alpha (C = 4) is left as it is, as per image.

function checkBatch(x: Tensor4D, op: string): [b: number, h: number, w: number, c: number] {
  check(x.rank === 4, op, 'x', 'a [B, H, W, C] tensor', `rank ${x.rank}`);
  const [b, h, w, c] = x.shape;
  check(c === 1 || c === 3 || c === 4, op, 'x', 'a tensor of 1, 3 or 4 channels', `${c} channels`);
  return [b, h, w, c];
}

/** Per-sample values as a `[B, 1, 1, 1]` float32 tensor. */
function perSample(values: PerSample, b: number, op: string, name: string): Tensor4D {
  const length = values instanceof tf.Tensor ? values.shape[0] : values.length;
  const ok = !(values instanceof tf.Tensor && values.rank !== 1) && length === b;
  check(ok, op, name, `one value per sample (${b})`, values instanceof tf.Tensor ? `shape [${values.shape.join(', ')}]` : length);
  const t = values instanceof tf.Tensor ? values.toFloat() : tf.tensor1d(Float32Array.from(values));
  return t.reshape([b, 1, 1, 1]);
}

/** Applies `f` to the colour channels; alpha (C = 4) is concatenated back unchanged. */
function onColour(x: Tensor4D, f: (colour: Tensor4D) => Tensor4D): Tensor4D {
  if (x.shape[3] !== 4) return f(x);
  const [b, h, w] = x.shape;
  const colour = x.slice([0, 0, 0, 0], [b, h, w, 3]);
  const alpha = x.slice([0, 0, 0, 3], [b, h, w, 1]);
  return tf.concat([f(colour), alpha], 3);
}

/** Per-pixel luma `[B, H, W, 1]` of 3 colour channels, or the channel itself. */
function luma(colour: Tensor4D): Tensor4D {
  if (colour.shape[3] === 1) return colour;
  return colour.mul(tf.tensor1d([...LUMA])).sum(3, true);
}

/**
 * Flips the samples where `mask` is true (others pass through), left–right by default: the
 * batched `horizontalFlip` / `verticalFlip`. Exact; the gradient is the flipped upstream gradient
 * for flipped samples.
 *
 * @example const y = flipBatch(x, [true, false, true, false]); // ... y.dispose()
 * @example const y = flipBatch(x, maskTensor, 'vertical');
 * @throws OpParameterError when `x` is not `[B, H, W, 1|3|4]` or the mask has not B entries.
 */
export function flipBatch(x: Tensor4D, mask: readonly boolean[] | Tensor1D, direction: 'horizontal' | 'vertical' = 'horizontal'): Tensor4D {
  const [b] = checkBatch(x, 'flipBatch');
  const length = mask instanceof tf.Tensor ? mask.shape[0] : mask.length;
  check(length === b && !(mask instanceof tf.Tensor && mask.rank !== 1), 'flipBatch', 'mask', `one flag per sample (${b})`, length);
  return tf.tidy(() => {
    const flags = mask instanceof tf.Tensor ? mask.cast('bool') : tf.tensor1d(mask.map(Number), 'bool');
    // [B, 1, 1, 1] broadcasts over each sample: tf.where selects whole samples, exactly.
    return tf.where(flags.reshape([b, 1, 1, 1]), tf.reverse(x, direction === 'horizontal' ? 2 : 1), x);
  });
}

/**
 * Shifts each sample by whole pixels `[dx, dy]` (right/down positive), filling with 0: the batched
 * `translate` with `border: 'constant'`, `fillValue: 0`. One gather over the batch, so its cost does
 * not grow with the number of distinct shifts; the gradient scatters back (zero where filled).
 *
 * @example const y = translateBatch(x, [[2, 0], [-3, 1]]);
 * @throws OpParameterError when `x` is not `[B, H, W, 1|3|4]` or a shift is not a pair of integers.
 */
export function translateBatch(x: Tensor4D, shifts: readonly (readonly [dx: number, dy: number])[] | Tensor2D): Tensor4D {
  const [b, h, w, c] = checkBatch(x, 'translateBatch');
  const pairs = shifts instanceof tf.Tensor ? (shifts.arraySync() as number[][]) : shifts;
  const ok = pairs.length === b && pairs.every((s) => s.length === 2 && Number.isInteger(s[0]) && Number.isInteger(s[1]));
  check(ok, 'translateBatch', 'shifts', `one integer [dx, dy] per sample (${b})`, pairs);
  // Index of the input pixel each output pixel copies; b·h·w points at an appended row of zeros.
  const zero = b * h * w;
  const index = new Int32Array(b * h * w);
  for (let s = 0, i = 0; s < b; s++) {
    const [dx, dy] = pairs[s]! as readonly [number, number];
    for (let y = 0; y < h; y++) {
      const sy = y - dy;
      for (let xx = 0; xx < w; xx++, i++) {
        const sx = xx - dx;
        index[i] = sy >= 0 && sy < h && sx >= 0 && sx < w ? (s * h + sy) * w + sx : zero;
      }
    }
  }
  return tf.tidy(() => {
    const rows = tf.concat([x.reshape([b * h * w, c]), tf.zeros([1, c])], 0);
    return tf.gather(rows, tf.tensor1d(index, 'int32')).reshape([b, h, w, c]);
  });
}

/**
 * Multiplies each sample's colour channels by its factor: the batched `brightness` on float data
 * (no clamping).
 *
 * @example const y = brightnessBatch(x, [1.1, 0.9]);
 * @throws OpParameterError when `x` is not `[B, H, W, 1|3|4]` or `factors` has not B entries.
 */
export function brightnessBatch(x: Tensor4D, factors: PerSample): Tensor4D {
  const [b] = checkBatch(x, 'brightnessBatch');
  return tf.tidy(() => {
    const f = perSample(factors, b, 'brightnessBatch', 'factors');
    return onColour(x, (colour) => colour.mul(f));
  });
}

/**
 * Blends each sample with the mean of its luma: `m + f·(v − m)`, the batched `contrast` on float
 * data (no clamping). The gradient includes the path through the mean.
 *
 * @example const y = contrastBatch(x, [1.2, 0.8]);
 * @throws OpParameterError when `x` is not `[B, H, W, 1|3|4]` or `factors` has not B entries.
 */
export function contrastBatch(x: Tensor4D, factors: PerSample): Tensor4D {
  const [b] = checkBatch(x, 'contrastBatch');
  return tf.tidy(() => {
    const f = perSample(factors, b, 'contrastBatch', 'factors');
    return onColour(x, (colour) => {
      const mean = luma(colour).mean([1, 2, 3], true);
      return colour.sub(mean).mul(f).add(mean);
    });
  });
}

/**
 * Blends each pixel with its own luma: `l + f·(v − l)`, the batched `saturation` on float data
 * (no clamping). 1-channel batches come back unchanged (as a new tensor).
 *
 * @example const y = saturationBatch(x, [0.5, 1.5]);
 * @throws OpParameterError when `x` is not `[B, H, W, 1|3|4]` or `factors` has not B entries.
 */
export function saturationBatch(x: Tensor4D, factors: PerSample): Tensor4D {
  const [b, , , c] = checkBatch(x, 'saturationBatch');
  return tf.tidy(() => {
    const f = perSample(factors, b, 'saturationBatch', 'factors');
    // A fresh tensor even when nothing changes, so the caller may dispose input and output apart.
    if (c === 1) return x.clone();
    return onColour(x, (colour) => {
      const l = luma(colour);
      return colour.sub(l).mul(f).add(l);
    });
  });
}

/**
 * Zeroes one box per sample (cutout), keeping alpha: the batched `erase` with `value: 0`, as a
 * multiplication by a 0/1 mask, so the gradient is zero inside the boxes. Boxes are integers and
 * may extend past the image; a box of zero width erases nothing.
 *
 * @example const y = cutoutBatch(x, [{ x: 4, y: 4, width: 8, height: 8 }, { x: 0, y: 0, width: 0, height: 0 }]);
 * @throws OpParameterError when `x` is not `[B, H, W, 1|3|4]`, `boxes` has not B entries or a box is not integer.
 */
export function cutoutBatch(x: Tensor4D, boxes: readonly Box[]): Tensor4D {
  const [b, h, w, c] = checkBatch(x, 'cutoutBatch');
  check(boxes.length === b, 'cutoutBatch', 'boxes', `one box per sample (${b})`, boxes.length);
  const colour = c === 4 ? 3 : c;
  const mask = new Float32Array(b * h * w * c).fill(1);
  boxes.forEach((box, s) => {
    const [x0, y0, x1, y1] = clipBox(box, w, h, 'cutoutBatch');
    for (let y = y0; y < y1; y++) {
      for (let xx = x0, o = ((s * h + y) * w + x0) * c; xx < x1; xx++, o += c) mask.fill(0, o, o + colour);
    }
  });
  return tf.tidy(() => x.mul(tf.tensor4d(mask, [b, h, w, c])));
}
