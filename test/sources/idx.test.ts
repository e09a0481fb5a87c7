import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, sources } from '../../src/index.js';
import { collect } from '../helpers/images.js';

const fixtures = path.resolve(__dirname, '../../fixtures');
const slice = {
  images: path.join(fixtures, 'mnist-slice-images-idx3-ubyte'),
  labels: path.join(fixtures, 'mnist-slice-labels-idx1-ubyte'),
};

describe('sources.idx', () => {
  it('reads shapes, labels and pixel values of the MNIST slice (plain files)', async () => {
    const p = await pipeline({ seed: 1 }).from(sources.idx(slice)).prepare();
    const samples = await collect(p.samples());
    expect(samples).toHaveLength(100);
    const raw = readFileSync(slice.images);
    const labels = readFileSync(slice.labels);
    samples.forEach((s, i) => {
      expect(s.id).toBe(`mnist-slice-images-idx3-ubyte:${i}`);
      expect([s.image.width, s.image.height, s.image.channels]).toEqual([28, 28, 1]);
      expect(Array.from(s.image.data)).toEqual(Array.from(raw.subarray(16 + i * 784, 16 + (i + 1) * 784)));
      expect(s.label).toBe(String(labels[8 + i]));
    });
    expect(samples.slice(0, 10).map((s) => s.label)).toEqual(['3', '6', '9', '3', '3', '8', '4', '8', '1', '1']);
    expect([...p.classes.entries()]).toEqual(Array.from({ length: 10 }, (_, d) => [String(d), d]));
  });

  it('reads gzipped files the same as plain ones', async () => {
    const gz = sources.idx({
      images: path.join(fixtures, 'mnist/images-idx3-ubyte.gz'),
      labels: path.join(fixtures, 'mnist/labels-idx1-ubyte.gz'),
      limit: 100,
    });
    const a = await collect(pipeline({ seed: 1 }).from(gz).samples());
    const b = await collect(pipeline({ seed: 1 }).from(sources.idx(slice)).samples());
    expect(a.map((s) => Array.from(s.image.data))).toEqual(b.map((s) => Array.from(s.image.data)));
    const full = gunzipSync(readFileSync(path.join(fixtures, 'mnist/images-idx3-ubyte.gz')));
    expect(full.readUInt32BE(4)).toBe(10000);
  });

  it('rejects a file that is not IDX, naming it', () => {
    expect(() => sources.parseIdx(new Uint8Array([1, 2, 3, 4, 5]), 'bad.idx')).toThrow('bad.idx: not an IDX file');
  });

  it('rejects a truncated IDX file with the sizes', () => {
    const bytes = readFileSync(slice.images).subarray(0, 1000);
    expect(() => sources.parseIdx(bytes, 'short.idx')).toThrow(/short\.idx: truncated IDX file: header says 100×28×28 ubytes/);
  });

  it('rejects a label count that does not match the images', async () => {
    const src = sources.idx({ images: slice.images, labels: path.join(fixtures, 'mnist/labels-idx1-ubyte.gz') });
    await expect(src.list()).rejects.toThrow(/10000 labels for 100 images/);
  });
});
