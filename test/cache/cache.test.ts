import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { map } from 'rxjs';
import { loadPipeline, pipeline, sources, stages, tf, PipelineConfigError, type Sample, type Stage } from '../../src/index.js';
import { codeFingerprint } from '../../src/cache/key.js';
import { countingSource } from '../helpers/images.js';

const fixtures = path.resolve(__dirname, '../../fixtures/messy');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the messy fixtures (corrupt, unsupported, odd files included), to touch and edit. */
function dataCopy(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

/** Counts the samples a stage sees: tells whether the stages before the cache ran. */
function counter(): Stage & { seen: number } {
  const stage = {
    type: 'counter',
    options: {},
    seen: 0,
    operator: () => map((s: Sample) => (stage.seen++, s)),
  };
  return stage;
}

function photos(cwd: string, cacheDir: string | undefined, { width = 16, before = counter() } = {}) {
  const ops: stages.AugmentNode[] = [{ op: 'randomHorizontalFlip', p: 0.5 }, { op: 'randomBrightnessContrast', brightness: 0.2, p: 0.5 }];
  return pipeline({ seed: 3, concurrency: 3 })
    .from(sources.glob({ cwd, labels: 'parentDir', channels: 3 }))
    .pipe(
      before,
      stages.integrity({ minWidth: 8, minHeight: 8, requireLabels: true }),
      stages.resize({ width, height: width, fit: 'cover' }),
      ...(cacheDir ? [stages.cache({ dir: cacheDir })] : []),
      stages.augment({ ops }),
      stages.normalize({ range: [-1, 1] }),
    )
    .batch({ size: 4, shuffleBuffer: 50 });
}

/** Every batch of an epoch as plain arrays, and the report. */
async function epoch(p: ReturnType<typeof photos>, n: number, split?: string) {
  const stream = p.batches({ epoch: n, ...(split ? { split } : {}) });
  const out: { xs: Float32Array; ys: Int32Array | undefined; ids: string[]; cursor: number }[] = [];
  for await (const b of stream) {
    out.push({ xs: b.xs.dataSync() as Float32Array, ys: b.ys?.dataSync() as Int32Array | undefined, ids: b.ids, cursor: b.cursor });
    tf.dispose([b.xs, b.ys!]);
  }
  return { batches: out, report: stream.report.toJSON() };
}

const entries = (dir: string) => readdirSync(dir).sort();

describe('cache stage', () => {
  it('gives byte-identical batches with and without the cache, epoch after epoch, and skips the stages before it', async () => {
    const data = dataCopy('identical');
    const dir = path.join(tmp, 'c1');
    const plain = photos(data, undefined);
    const upstream = counter();
    const cached = photos(data, dir, { before: upstream });
    let builtFrom = 0;
    for (const n of [0, 1, 2]) {
      const want = await epoch(plain, n);
      const got = await epoch(cached, n);
      expect(got.batches.length).toBeGreaterThan(2);
      expect(got.batches).toEqual(want.batches);
      // (libvips' message for a broken file varies under concurrency; the reason does not)
      const why = (r: typeof want.report) => r.rejections.map(({ id, stage, reason }) => ({ id, stage, reason }));
      expect(why(got.report)).toEqual(why(want.report));
      expect(got.report.delivered).toBe(want.report.delivered);
      expect(got.report.cache?.state).toBe(n === 0 ? 'built' : 'read');
      if (n === 0) builtFrom = upstream.seen;
    }
    // Epochs 1 and 2 came from disk: the stages before the cache saw nothing more.
    expect(builtFrom).toBeGreaterThan(20);
    expect(upstream.seen).toBe(builtFrom);
    // Augmentation after the cache still differs between epochs.
    expect((await epoch(cached, 1)).batches).not.toEqual((await epoch(cached, 2)).batches);
    const [key] = entries(dir);
    expect(entries(path.join(dir, key!))).toEqual(['index.jsonl', 'pixels.bin']);
    const header = (await epoch(cached, 3)).report.cache!;
    expect(header).toMatchObject({ state: 'read', samples: expect.any(Number), bytes: expect.any(Number) });
    if (header.state === 'read') expect(header.bytes).toBe(header.samples * 16 * 16 * 3);
  });

  it('is byte-identical with the fast JPEG path upstream (resize first)', async () => {
    const data = dataCopy('fast');
    const fast = (cacheDir: string | undefined) =>
      pipeline({ seed: 4, concurrency: 16 })
        .from(sources.glob({ cwd: data, patterns: ['**/*.jpg'], labels: 'parentDir' }))
        .pipe(
          stages.resize({ width: 24, height: 24 }),
          ...(cacheDir ? [stages.cache({ dir: cacheDir })] : []),
          stages.augment({ ops: [{ op: 'randomHorizontalFlip', p: 0.5 }] }),
          stages.integrity({ requireLabels: true }),
          stages.normalize({ range: [-1, 1] }),
        )
        .batch({ size: 4, shuffleBuffer: 30 });
    for (const n of [0, 1]) {
      const got = await epoch(fast(path.join(tmp, 'c-fast')), n);
      expect(got.report.cache?.state).toBe(n === 0 ? 'built' : 'read');
      expect(got.batches).toEqual((await epoch(fast(undefined), n)).batches);
    }
  });

  it('rebuilds when anything upstream changes: options, a file, a new file', async () => {
    const data = dataCopy('invalidate');
    const dir = path.join(tmp, 'c2');
    const states = async (p: ReturnType<typeof photos>) => (await epoch(p, 0)).report.cache?.state;
    expect(await states(photos(data, dir))).toBe('built');
    expect(await states(photos(data, dir))).toBe('read');
    expect(await states(photos(data, dir, { width: 12 }))).toBe('built');
    expect(entries(dir)).toHaveLength(2);
    // A file rewritten in place (same name, new time).
    const file = path.join(data, 'cats/img_00.jpg');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await states(photos(data, dir))).toBe('built');
    // A file added.
    cpSync(path.join(data, 'cats/img_02.jpg'), path.join(data, 'cats/img_99.jpg'));
    const afterAdd = photos(data, dir);
    const result = await epoch(afterAdd, 0);
    expect(result.report.cache?.state).toBe('built');
    expect(result.batches.flatMap((b) => b.ids)).toContain('cats/img_99.jpg');
    expect(entries(dir)).toHaveLength(4);
    // Downstream options are not part of the key.
    const downstream = pipeline({ seed: 3, concurrency: 3 })
      .from(sources.glob({ cwd: data, labels: 'parentDir', channels: 3 }))
      .pipe(counter(), stages.integrity({ minWidth: 8, minHeight: 8, requireLabels: true }), stages.resize({ width: 16, height: 16, fit: 'cover' }), stages.cache({ dir }), stages.normalize({ range: [0, 1] }))
      .batch({ size: 4 });
    expect((await epoch(downstream, 0)).report.cache?.state).toBe('read');
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes nothing from an interrupted pass, and a resumed pass does not build', async () => {
    const data = dataCopy('interrupted');
    const dir = path.join(tmp, 'c3');
    const p = photos(data, dir);
    for await (const b of p.batches({ epoch: 0 })) {
      b.xs.dispose();
      b.ys?.dispose();
      break;
    }
    expect(entries(dir)).toEqual([]);
    const resumed = p.batches({ epoch: 0, skip: 4 });
    for await (const b of resumed) tf.dispose([b.xs, b.ys!]);
    expect(entries(dir)).toEqual([]);
    expect((await epoch(p, 0)).report.cache?.state).toBe('built');
  });

  it('caches a split pass: items of the other split are recorded unread, batches stay identical', async () => {
    const data = dataCopy('split');
    const dir = path.join(tmp, 'c4');
    const withSplit = (cacheDir: string | undefined) =>
      pipeline({ seed: 5 })
        .from(sources.glob({ cwd: data, labels: 'parentDir', channels: 3 }))
        .pipe(stages.integrity({ requireLabels: true }), stages.split({ ratios: { train: 0.7, test: 0.3 } }), stages.resize({ width: 8, height: 8 }), ...(cacheDir ? [stages.cache({ dir: cacheDir })] : []), stages.normalize({ range: [0, 1] }))
        .batch({ size: 3, shuffleBuffer: 10 });
    for (const n of [0, 1]) {
      const want = await epoch(withSplit(undefined), n, 'train');
      const got = await epoch(withSplit(dir), n, 'train');
      expect(got.batches).toEqual(want.batches);
      expect(got.report.cache?.state).toBe(n === 0 ? 'built' : 'read');
      expect(got.report.otherSplit).toBe(want.report.otherSplit);
    }
    const test = await epoch(withSplit(dir), 0, 'test');
    expect(test.report.cache?.state).toBe('built');
    expect(test.batches).toEqual((await epoch(withSplit(undefined), 0, 'test')).batches);
  });

  it('refuses a source it cannot key, and a second cache stage', async () => {
    const { source } = countingSource(5);
    const p = pipeline({ seed: 1 }).from(source).pipe(stages.cache({ dir: path.join(tmp, 'c5') })).batch({ size: 2 });
    await expect(epoch(p as never, 0)).rejects.toThrow(/iterable source cannot be keyed/);
    const twice = photos(dataCopy('twice'), path.join(tmp, 'c6')).pipe(stages.cache({ dir: path.join(tmp, 'c6') }));
    await expect(epoch(twice as never, 0)).rejects.toThrow(PipelineConfigError);
  });

  it('resolves `dir` in a pipeline file against the file', async () => {
    const data = dataCopy('file');
    const file = path.join(tmp, 'pipeline.json');
    writeFileSync(
      file,
      JSON.stringify({
        seed: 1,
        source: { type: 'glob', cwd: path.relative(tmp, data), labels: 'parentDir' },
        stages: [{ type: 'integrity', requireLabels: true }, { type: 'resize', width: 8, height: 8 }, { type: 'cache', dir: 'my-cache' }],
        batch: { size: 4 },
      }),
    );
    const p = await loadPipeline(file);
    expect((await epoch(p as never, 0)).report.cache?.state).toBe('built');
    expect(entries(path.join(tmp, 'my-cache'))).toHaveLength(1);
  });
});
