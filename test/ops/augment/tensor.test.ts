import type { Tensor, Tensor1D, Tensor4D } from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/backend/tf.js';
import type { Channels, Image } from '../../../src/core/types.js';
import { translate } from '../../../src/ops/augment/affine.js';
import { brightness, contrast, saturation } from '../../../src/ops/augment/color.js';
import { erase, type Box } from '../../../src/ops/augment/erase.js';
import { horizontalFlip, verticalFlip } from '../../../src/ops/augment/flip.js';
import {
  brightnessBatch,
  contrastBatch,
  cutoutBatch,
  flipBatch,
  saturationBatch,
  translateBatch,
} from '../../../src/ops/augment/tensor.js';
import { randomFloat } from './helpers.js';

const [B, H, W] = [3, 6, 5];

/** B random float images and the same as a [B, H, W, C] tensor. */
function batch(channels: Channels): { images: Image[]; x: Tensor4D } {
  const images = Array.from({ length: B }, (_, i) => randomFloat(W, H, channels, i + 1));
  const data = new Float32Array(B * H * W * channels);
  images.forEach((image, i) => data.set(image.data, i * H * W * channels));
  return { images, x: tf.tensor4d(data, [B, H, W, channels]) };
}

/** Output of a batched op equals the per-image op on every sample, within 1e-5. */
function expectMatches(out: Tensor4D, expected: Image[]): void {
  const values = out.dataSync();
  const n = H * W * expected[0]!.channels;
  expected.forEach((image, i) => {
    for (let j = 0; j < n; j++) expect(Math.abs(values[i * n + j]! - image.data[j]!)).toBeLessThanOrEqual(1e-5);
  });
}

/** tf.grad of sum(op(x)²) w.r.t. x: finite everywhere and not all zero. */
function expectGradientFlows(x: Tensor4D, op: (x: Tensor4D) => Tensor4D): void {
  const g = tf.grad((input: Tensor) => op(input as Tensor4D).square().sum())(x);
  const values = g.dataSync();
  g.dispose();
  expect(values.every(Number.isFinite)).toBe(true);
  expect(values.some((v) => v !== 0)).toBe(true);
}

const boxes: Box[] = [
  { x: 1, y: 2, width: 2, height: 3 },
  { x: -2, y: 4, width: 4, height: 9 },
  { x: 0, y: 0, width: 0, height: 0 },
];
const factors = [0.5, 1.3, 2];
const shifts: [number, number][] = [[1, 0], [-2, 3], [0, -1]];

// Each case: the batched op, and the per-image op it must equal.
const cases: [string, (x: Tensor4D) => Tensor4D, (image: Image, i: number) => Image][] = [
  ['flipBatch (horizontal)', (x) => flipBatch(x, [true, false, true]), (image, i) => (i === 1 ? image : horizontalFlip(image))],
  ['flipBatch (vertical)', (x) => flipBatch(x, [false, true, true], 'vertical'), (image, i) => (i === 0 ? image : verticalFlip(image))],
  ['translateBatch', (x) => translateBatch(x, shifts), (image, i) => translate(image, { dx: shifts[i]![0], dy: shifts[i]![1] })],
  ['brightnessBatch', (x) => brightnessBatch(x, factors), (image, i) => brightness(image, { factor: factors[i]! })],
  ['contrastBatch', (x) => contrastBatch(x, factors), (image, i) => contrast(image, { factor: factors[i]! })],
  ['saturationBatch', (x) => saturationBatch(x, factors), (image, i) => saturation(image, { factor: factors[i]! })],
  ['cutoutBatch', (x) => cutoutBatch(x, boxes), (image, i) => erase(image, { ...boxes[i]!, value: 0 })],
];

describe('batched tensor ops', () => {
  let before = 0;
  beforeAll(() => {
    before = tf.memory().numTensors;
  });
  afterAll(() => {
    // Every test disposes what it made: nothing leaked across the whole file.
    expect(tf.memory().numTensors).toBe(before);
  });

  describe.each([1, 3, 4] as const)('%i channels', (channels) => {
    it.each(cases)('%s equals the per-image op within 1e-5', (_, op, perImage) => {
      const { images, x } = batch(channels);
      const out = op(x);
      expect(out.shape).toEqual(x.shape);
      expectMatches(out, images.map(perImage));
      tf.dispose([x, out]);
    });

    it.each(cases)('%s lets gradients flow to the input and leaks no tensor', (_, op) => {
      const { x } = batch(channels);
      const start = tf.memory().numTensors;
      const out = op(x);
      expect(tf.memory().numTensors).toBe(start + 1);
      out.dispose();
      expectGradientFlows(x, op);
      expect(tf.memory().numTensors).toBe(start);
      x.dispose();
    });
  });

  it('takes per-sample parameters as tensors too', () => {
    const { images, x } = batch(3);
    const mask = tf.tensor1d([1, 0, 1], 'int32');
    const f = tf.tensor1d(factors);
    const s = tf.tensor2d(shifts);
    const flipped = flipBatch(x, mask);
    expectMatches(flipped, images.map((image, i) => (i === 1 ? image : horizontalFlip(image))));
    const bright = brightnessBatch(x, f);
    expectMatches(bright, images.map((image, i) => brightness(image, { factor: factors[i]! })));
    const moved = translateBatch(x, s);
    expectMatches(moved, images.map((image, i) => translate(image, { dx: shifts[i]![0], dy: shifts[i]![1] })));
    tf.dispose([x, mask, f, s, flipped, bright, moved]);
  });

  it('lets gradients flow to tensor factors', () => {
    const { x } = batch(3);
    const f = tf.tensor1d(factors);
    const g = tf.grad((factor: Tensor) => contrastBatch(x, factor as Tensor1D).square().sum())(f);
    expect(Array.from(g.dataSync()).every((v) => Number.isFinite(v) && v !== 0)).toBe(true);
    tf.dispose([x, f, g]);
  });

  it('rejects parameters that do not match the batch', () => {
    const { x } = batch(3);
    expect(() => flipBatch(x, [true])).toThrow(/flipBatch\.mask/);
    expect(() => brightnessBatch(x, [1, 2])).toThrow(/brightnessBatch\.factors/);
    expect(() => translateBatch(x, [[0.5, 0], [0, 0], [0, 0]])).toThrow(/translateBatch\.shifts/);
    expect(() => cutoutBatch(x, [])).toThrow(/cutoutBatch\.boxes/);
    const rank3 = tf.zeros([2, 2, 2]);
    expect(() => brightnessBatch(rank3 as unknown as Tensor4D, [1, 1])).toThrow(/rank 3/);
    tf.dispose([x, rank3]);
  });
});
