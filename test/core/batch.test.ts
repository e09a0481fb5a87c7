import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchError, pipeline, sources, stages, tf } from '../../src/index.js';
import { countingSource, rampImage } from '../helpers/images.js';

const fixtures = path.resolve(__dirname, '../../fixtures');
const mnistSlice = () =>
  sources.idx({ images: path.join(fixtures, 'mnist-slice-images-idx3-ubyte'), labels: path.join(fixtures, 'mnist-slice-labels-idx1-ubyte') });

describe('batch', () => {
  it('stacks samples into float32 [B,H,W,C] xs, int32 [B] ys and ids, with a smaller last batch', async () => {
    const p = pipeline({ seed: 1 }).from(mnistSlice()).batch({ size: 32 });
    const shapes: number[][] = [];
    for await (const { xs, ys, ids } of p.batches()) {
      shapes.push(xs.shape);
      expect(xs.dtype).toBe('float32');
      expect(ys!.dtype).toBe('int32');
      expect(ys!.shape).toEqual([ids.length]);
      if (shapes.length === 1) {
        expect(ids[0]).toBe('mnist-slice-images-idx3-ubyte:0');
        expect(Array.from(ys!.dataSync().slice(0, 4))).toEqual([3, 6, 9, 3]);
        expect(xs.max().dataSync()[0]).toBe(255);
      }
      xs.dispose();
      ys!.dispose();
    }
    expect(shapes).toEqual([[32, 28, 28, 1], [32, 28, 28, 1], [32, 28, 28, 1], [4, 28, 28, 1]]);
  });

  it('dropRemainder drops the last, smaller batch', async () => {
    const p = pipeline({ seed: 1 }).from(mnistSlice()).batch({ size: 32, dropRemainder: true });
    let n = 0;
    for await (const b of p.batches()) {
      n++;
      b.xs.dispose();
      b.ys?.dispose();
    }
    expect(n).toBe(3);
  });

  it('a seeded shuffle: same seed and epoch give the same order, another epoch another order', async () => {
    const order = async (seed: number, epoch: number) => {
      const ids: string[] = [];
      for await (const b of pipeline({ seed }).from(mnistSlice()).batch({ size: 50, shuffleBuffer: 100 }).batches({ epoch })) {
        ids.push(...b.ids);
        b.xs.dispose();
        b.ys?.dispose();
      }
      return ids;
    };
    const a = await order(5, 0);
    expect(await order(5, 0)).toEqual(a);
    expect(await order(5, 1)).not.toEqual(a);
    expect(await order(6, 0)).not.toEqual(a);
    expect([...a].sort()).toEqual([...(await order(5, 1))].sort());
  });

  it('refuses samples of different sizes, naming both ids and sizes', async () => {
    const src = sources.iterable([
      { id: 'small', image: rampImage(4, 4) },
      { id: 'big', image: rampImage(5, 4) },
    ]);
    const run = async () => {
      for await (const b of pipeline({ seed: 1 }).from(src).batch({ size: 2 }).batches()) b.xs.dispose();
    };
    await expect(run()).rejects.toThrow(BatchError);
    await expect(
      (async () => {
        for await (const b of pipeline({ seed: 1 })
          .from(sources.iterable([{ id: 'small', image: rampImage(4, 4) }, { id: 'big', image: rampImage(5, 4) }]))
          .batch({ size: 2 })
          .batches())
          b.xs.dispose();
      })(),
    ).rejects.toThrow('"small" is 4×4×1, "big" is 5×4×1');
  });

  it('does not leak tensors across many batches (the consumer disposes what it gets)', async () => {
    const { source } = countingSource(600, 8);
    const p = pipeline({ seed: 1 }).from(source).pipe(stages.normalize()).batch({ size: 16 });
    const before = tf.memory().numTensors;
    for await (const b of p.batches()) {
      expect(tf.memory().numTensors).toBe(before + 2);
      b.xs.dispose();
      b.ys?.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes nothing it did not hand over when the consumer breaks early', async () => {
    const { source } = countingSource(600, 8);
    const before = tf.memory().numTensors;
    for await (const b of pipeline({ seed: 1 }).from(source).batch({ size: 16, prefetch: 4 }).batches()) {
      b.xs.dispose();
      b.ys?.dispose();
      break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('classes from an iterable without declared classes grow in order of first appearance', async () => {
    const src = sources.iterable([
      { id: 'a', image: rampImage(2, 2), label: 'zebra' },
      { id: 'b', image: rampImage(2, 2), label: 'ant' },
      { id: 'c', image: rampImage(2, 2), label: 'zebra' },
    ]);
    const p = pipeline({ seed: 1 }).from(src).batch({ size: 3 });
    for await (const b of p.batches()) {
      expect(Array.from(b.ys!.dataSync())).toEqual([0, 1, 0]);
      b.xs.dispose();
      b.ys!.dispose();
    }
    expect([...p.classes.entries()]).toEqual([['zebra', 0], ['ant', 1]]);
  });

  it('resuming with skip = a batch cursor yields exactly the batches that followed it, nothing twice', async () => {
    const p = pipeline({ seed: 9 }).from(mnistSlice()).batch({ size: 16, shuffleBuffer: 100 });
    const full: { ids: string[]; cursor: number }[] = [];
    for await (const b of p.batches({ epoch: 2 })) {
      full.push({ ids: b.ids, cursor: b.cursor });
      b.xs.dispose();
      b.ys?.dispose();
    }
    const resumed: string[][] = [];
    for await (const b of p.batches({ epoch: 2, skip: full[2]!.cursor })) {
      resumed.push(b.ids);
      b.xs.dispose();
      b.ys?.dispose();
    }
    expect(resumed).toEqual(full.slice(3).map((b) => b.ids));
  });
});
