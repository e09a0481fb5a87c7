import path from 'node:path';
import { pipeline, sources, stages, tf } from '../../src/index.js';
import type { Batch } from '../../src/core/batch.js';
import { ganModel } from '../../src/train/models/index.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

/** The 100-digit MNIST slice in [-1, 1], labelled. */
export function mnistSlicePipeline(seed = 1, size = 16) {
  return pipeline({ seed })
    .from(sources.idx({ images: path.join(fixtures, 'mnist-slice-images-idx3-ubyte'), labels: path.join(fixtures, 'mnist-slice-labels-idx1-ubyte') }))
    .pipe(stages.normalize({ range: [-1, 1] }))
    .batch({ size, shuffleBuffer: 100, dropRemainder: true });
}

/** A built-in model with its defaults plus `options`. */
export function model(type: string, options: Record<string, unknown> = {}, imageShape: [number, number, number] = [28, 28, 1], numClasses = 10, seed = 1) {
  const def = ganModel(type)!;
  return def.create(def.schema.parse(options) as never, { imageShape, numClasses, seed });
}

/** A batch of random images (and labels) of a shape; caller disposes. */
export function randomBatch(n: number, shape: [number, number, number], numClasses = 10): Batch {
  return {
    xs: tf.randomUniform([n, ...shape], -1, 1, 'float32', 3) as never,
    ys: tf.tensor1d(Array.from({ length: n }, (_, i) => i % numClasses), 'int32'),
    ids: Array.from({ length: n }, (_, i) => String(i)),
    cursor: n,
  };
}

/** The first batch of the MNIST slice. */
export async function firstBatch(size = 16): Promise<Batch> {
  for await (const b of mnistSlicePipeline(1, size).batches()) return b;
  throw new Error('no batch');
}
