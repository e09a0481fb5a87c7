import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../../src/index.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import type { Sample } from '../../../src/core/types.js';
import { previewRows, wrapId } from '../../../src/stages/augment/preview.js';

const root = path.resolve(import.meta.dirname, '../../..');
const splitConfig = {
  seed: 3,
  source: { type: 'idx', images: 'fixtures/mnist-slice-images-idx3-ubyte', labels: 'fixtures/mnist-slice-labels-idx1-ubyte' },
  stages: [
    { type: 'split', ratios: { train: 0.8, test: 0.2 } },
    { type: 'augment', ops: [{ op: 'randomHorizontalFlip', p: 0.5 }, { op: 'randomRotate', degrees: 20, p: 0.5 }] },
  ],
  batch: { size: 4 },
};

async function first(p: Pipeline, n: number, epoch: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const s of p.samples({ epoch, shuffleBuffer: 0 })) if (out.push(s) === n) break;
  return out;
}

describe('previewRows', () => {
  it('each version is exactly what a run gives that sample in that epoch (pixels and trace)', async () => {
    const p = await loadPipeline(path.join(root, 'pipelines/messy-augment.json'));
    const rows = await previewRows(p, { count: 3, epochs: 2 });
    const at = p.stages.findIndex((s) => s.type === 'augment');
    for (let e = 0; e < 2; e++) {
      const run = await first(new Pipeline({ seed: p.seed, concurrency: p.concurrency }, p.source, p.stages.slice(0, at + 1)), 3, e);
      expect(rows.map((r) => r.versions[e]!.id)).toEqual(run.map((s) => s.id));
      rows.forEach((r, i) => {
        expect(r.versions[e]!.trace).toEqual(run[i]!.trace);
        expect(Buffer.from(r.versions[e]!.image.data.buffer).equals(Buffer.from(run[i]!.image.data.buffer))).toBe(true);
      });
    }
  });

  it('--split keeps to one split; --random draws a seeded sample of it rather than the first in order', async () => {
    const p = await loadPipeline(splitConfig, { baseDir: root });
    const inOrder = await previewRows(p, { count: 6, epochs: 1, split: 'test' });
    const random = await previewRows(p, { count: 6, epochs: 1, split: 'test', random: true });
    for (const rows of [inOrder, random]) expect(rows.map((r) => r.original.split)).toEqual(Array(6).fill('test'));
    const index = (rows: typeof random) => rows.map((r) => Number(r.original.id.split(':').at(-1)));
    expect(index(inOrder)).toEqual([...index(inOrder)].sort((a, b) => a - b));
    expect(index(random)).not.toEqual(index(inOrder));
    expect(index(await previewRows(p, { count: 6, epochs: 1, split: 'test', random: true }))).toEqual(index(random));
    await expect(previewRows(p, { split: 'val' })).rejects.toThrow('preview --split val: no sample of that split reaches the augment stage');
  });
});

describe('wrapId', () => {
  it('wraps an id over lines and, when too long, cuts its middle so the file name stays whole (issue 17, item 12)', () => {
    expect(wrapId('cats/img_00.jpg', 21, 3)).toEqual(['cats/img_00.jpg']);
    expect(wrapId('photos/cats/0001.jpg', 8, 3)).toEqual(['photos/c', 'ats/0001', '.jpg']);
    expect(wrapId('photos/cats/0001.jpg', 8, 2)).toEqual(['photos/…', '0001.jpg']);
    const long = `${'a'.repeat(80)}/the_file_name_is_here.png`;
    const lines = wrapId(long, 21, 3);
    expect(lines).toHaveLength(3);
    expect(lines.join('').endsWith('the_file_name_is_here.png')).toBe(true);
  });
});
