import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, sources, stages, type Sample } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';
import { collect, countingSource, rampImage } from '../../helpers/images.js';

const fixtures = path.resolve(__dirname, '../../../fixtures');
const mnist = () => sources.idx({ images: path.join(fixtures, 'mnist/images-idx3-ubyte.gz'), labels: path.join(fixtures, 'mnist/labels-idx1-ubyte.gz'), limit: 1000 });
const splitsOf = async (options: stages.SplitOptions, concurrency = 4, seed = 1) => {
  const out = new Map<string, Sample>();
  for (const s of await collect(pipeline({ seed, concurrency }).from(mnist()).pipe(stages.split(options)).samples())) out.set(s.id, s);
  return out;
};
const count = (m: Map<string, Sample>, split: string, label?: string) => [...m.values()].filter((s) => s.split === split && (label === undefined || s.label === label)).length;

describe('split', () => {
  it('exact counts from named ratios (largest remainders), every sample in one split', async () => {
    const m = await splitsOf({ ratios: { train: 0.7, val: 0.15, test: 0.15 } });
    expect([count(m, 'train'), count(m, 'val'), count(m, 'test')]).toEqual([700, 150, 150]);
    expect(stages.largestRemainder(10, [0.45, 0.45, 0.1])).toEqual([5, 4, 1]);
  });

  it('stratify: every class is split in the same ratios, within one sample', async () => {
    const m = await splitsOf({ ratios: { train: 0.8, test: 0.2 }, stratify: true });
    for (let d = 0; d < 10; d++) {
      const n = count(m, 'train', String(d)) + count(m, 'test', String(d));
      expect(Math.abs(count(m, 'test', String(d)) - 0.2 * n)).toBeLessThanOrEqual(1);
    }
  });

  it('is seeded: the same at concurrency 1 and 8, different with another seed', async () => {
    const a = await splitsOf({}, 1);
    const b = await splitsOf({}, 8);
    const c = await splitsOf({}, 4, 2);
    const ids = (m: Map<string, Sample>) => [...m.values()].filter((s) => s.split === 'test').map((s) => s.id).sort();
    expect(ids(b)).toEqual(ids(a));
    expect(ids(c)).not.toEqual(ids(a));
  });

  it('hash: adding 10% new ids never moves an existing one; ratios are approximate', () => {
    const st = stages.split({ method: 'hash', ratios: { train: 0.8, test: 0.2 } });
    st.prepare!(undefined, { seed: 5 } as never);
    const old = Array.from({ length: 2000 }, (_, i) => `img_${i}.png`);
    const before = new Map(old.map((id) => [id, st.assign(id)]));
    const grown = [...old, ...Array.from({ length: 200 }, (_, i) => `new_${i}.png`)];
    for (const id of old) expect(st.assign(id)).toBe(before.get(id));
    const test = grown.filter((id) => st.assign(id) === 'test').length / grown.length;
    expect(Math.abs(test - 0.2)).toBeLessThan(0.03);
  });

  it('k-fold: the k validation folds are disjoint and cover everything', async () => {
    const k = 4;
    const seen = new Map<string, number>();
    for (let fold = 0; fold < k; fold++) {
      const m = await splitsOf({ kFold: { k, fold } });
      for (const s of m.values()) if (s.split === 'val') seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
      expect(count(m, 'val')).toBe(250);
    }
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('groups (dedup duplicates) never cross splits', async () => {
    // 40 distinct images, each twice under another id: dedup puts each pair in one group.
    const items: { id: string; image: Image }[] = [];
    for (let i = 0; i < 40; i++) {
      const image = rampImage(16, 16, 3, i * 5);
      items.push({ id: `a${String(i).padStart(2, '0')}`, image }, { id: `b${String(i).padStart(2, '0')}`, image });
    }
    const samples = await collect(
      pipeline({ seed: 3 }).from(sources.iterable(items)).pipe(stages.dedup({ policy: 'flag', near: false }), stages.split({ method: 'hash', ratios: { train: 0.5, test: 0.5 } })).samples(),
    );
    const byId = new Map(samples.map((s) => [s.id, s]));
    for (let i = 0; i < 40; i++) {
      const n = String(i).padStart(2, '0');
      expect(byId.get(`b${n}`)!.split, `pair ${n}`).toBe(byId.get(`a${n}`)!.split);
      expect(byId.get(`b${n}`)!.meta['leak']).toBeUndefined();
    }
    // With groupBy "none", pairs may split up: that is reported as leakage.
    const loose = await collect(
      pipeline({ seed: 3 }).from(sources.iterable(items)).pipe(stages.dedup({ policy: 'flag', near: false }), stages.split({ method: 'hash', groupBy: 'none', ratios: { train: 0.5, test: 0.5 } })).samples(),
    );
    const leaks = loose.filter((s) => s.meta['leak']);
    expect(leaks.length).toBeGreaterThan(0);
    for (const s of leaks) expect(loose.find((o) => o.id === s.meta['duplicateOf'])!.split).not.toBe(s.split);
  });

  it('batches({ split }) selects one split and does not read the others', async () => {
    const { source, produced } = countingSource(1000);
    const p = pipeline({ seed: 1 }).from(source).pipe(stages.split({ method: 'hash', ratios: { train: 0.8, test: 0.2 } })).batch({ size: 50 });
    const stream = p.batches({ split: 'test' });
    let n = 0;
    for await (const b of stream) {
      n += b.ids.length;
      b.xs.dispose();
      b.ys?.dispose();
    }
    expect(n).toBeGreaterThan(150);
    expect(n).toBeLessThan(250);
    expect(stream.report.otherSplit).toBe(1000 - n);
    expect(produced()).toBe(1000); // the iterable itself is walked, but other splits are never loaded
    expect(stream.report.seen).toBe(n);
  });

  it('exact refuses a source that does not list its items, with the way out', async () => {
    const { source } = countingSource(10);
    await expect(collect(pipeline({ seed: 1 }).from(source).pipe(stages.split()).samples())).rejects.toThrow(/use method "hash"/);
  });
});
