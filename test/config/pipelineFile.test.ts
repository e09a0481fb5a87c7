import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPipeline, loadPipeline, pipelineJsonSchema, PipelineConfigError } from '../../src/index.js';

const root = path.resolve(__dirname, '../..');
const build = (json: unknown) => buildPipeline(json, { baseDir: root, where: 'test.json' });
const idxSource = { type: 'idx', images: 'fixtures/mnist-slice-images-idx3-ubyte' };

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a PipelineConfigError');
}

describe('pipeline files', () => {
  it('builds a valid pipeline with resolved relative paths', async () => {
    const p = build({ seed: 3, source: idxSource, stages: [{ type: 'normalize' }], batch: { size: 10 } });
    expect(p.seed).toBe(3);
    expect(p.stages.map((s) => s.type)).toEqual(['normalize']);
    let n = 0;
    for await (const b of p.batches()) {
      n += b.ids.length;
      b.xs.dispose();
    }
    expect(n).toBe(100);
  });

  it('reports every problem at once with JSON path, expectation and received value', () => {
    expect(
      messageOf(() =>
        build({
          seed: 1,
          concurrency: 0,
          source: { type: 'glob', cwd: 'x', channels: 2 },
          stages: [{ type: 'resize', width: 0, height: 64, fit: 'cove' }, { type: 'resise' }, { type: 'normalize', rnage: [0, 1] }],
          batch: { size: 'big' },
          extra: true,
        }),
      ),
    ).toMatchInlineSnapshot(`
      "Invalid test.json (8 problems):
      ✖ Expected a number ≥ 1, received 0 (number)
        → at concurrency
      ✖ Expected number, received "big" (string)
        → at batch.size
      ✖ Unknown key "extra"
        → at extra
      ✖ Expected one of 1 | 3 | 4, received 2 (number)
        → at source.channels
      ✖ Expected integer between 1 and 16384, received 0 (number)
        → at stages[0].width
      ✖ Expected one of "cover" | "contain" | "fill" | "inside", received "cove" (string); did you mean "cover"?
        → at stages[0].fit
      ✖ Unknown stage type, received "resise" (string); did you mean "resize"? Allowed: "resize", "normalize", "integrity", "split", "denoise", "sharpen", "morphology", "threshold", "augment", "cache", "dedup"
        → at stages[1].type
      ✖ Unknown key "rnage"; did you mean "range"?
        → at stages[2].rnage"
    `);
  });

  it('names a missing source and batch', () => {
    expect(messageOf(() => build({ stages: [] }))).toMatchInlineSnapshot(`
      "Invalid test.json (2 problems):
      ✖ Missing required object
        → at source
      ✖ Missing required object
        → at batch"
    `);
  });

  it('refuses a non-object stage and an unknown source type', () => {
    expect(messageOf(() => build({ source: { type: 'globb', cwd: '.' }, stages: [3], batch: { size: 2 } }))).toMatchInlineSnapshot(`
      "Invalid test.json (2 problems):
      ✖ Expected object, received 3 (number)
        → at stages[0]
      ✖ Unknown source type, received "globb" (string); did you mean "glob"? Allowed: "glob", "idx"
        → at source.type"
    `);
  });

  it('names the file for unreadable and malformed JSON', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cfg-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ "seed": 1, }');
    await expect(loadPipeline(bad)).rejects.toThrow(`Invalid pipeline file ${bad}`);
    await expect(loadPipeline(bad)).rejects.toThrow(/Not valid JSON/);
    await expect(loadPipeline(path.join(dir, 'missing.json'))).rejects.toThrow(/Cannot read the file: ENOENT/);
  });

  it('resolves relative paths against the pipeline file, not the working directory', async () => {
    const p = await loadPipeline(path.join(root, 'pipelines/mnist.json'));
    const listing = await p.source!.list();
    expect(listing.classes).toHaveLength(10);
  });

  it('takes a config object too: relative paths resolve against process.cwd() or baseDir', async () => {
    const config = { seed: 3, source: { type: 'idx', images: 'fixtures/mnist/images-idx3-ubyte.gz', labels: 'fixtures/mnist/labels-idx1-ubyte.gz', limit: 8 }, batch: { size: 4 } };
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const p = await loadPipeline({ ...config });
      expect(p.seed).toBe(3);
      expect((await p.source!.list()).items).toHaveLength(8);
    } finally {
      process.chdir(cwd);
    }
    const fromElsewhere = await loadPipeline(config, { baseDir: root });
    let batches = 0;
    for await (const b of fromElsewhere.batches()) {
      expect(b.xs.shape).toEqual([4, 28, 28, 1]);
      b.xs.dispose();
      b.ys?.dispose();
      batches++;
    }
    expect(batches).toBe(2);
    await expect(loadPipeline({ ...config, batch: { size: 0 } }, { baseDir: root })).rejects.toThrow(/Invalid pipeline config object[\s\S]*→ at batch\.size/);
  });

  it('names what it expected for an argument that is neither a path nor a config object', async () => {
    for (const bad of [42, null, undefined, ['pipelines/mnist.json']]) {
      await expect(loadPipeline(bad as never)).rejects.toThrow(/Expected a pipeline file path \(string or file: URL\) or a config object/);
    }
    await expect(loadPipeline(42 as never)).rejects.toBeInstanceOf(PipelineConfigError);
  });

  it('cannot run code: a function-looking string is just an unknown key', () => {
    expect(() => build({ source: idxSource, stages: [{ type: 'normalize', operator: 'process.exit(1)' }], batch: { size: 1 } })).toThrow(
      /Unknown key "operator"/,
    );
  });
});

describe('JSON Schema', () => {
  it('the committed pipelines/pipeline.schema.json is up to date (regenerate with `npm run schema`)', () => {
    const committed = JSON.parse(readFileSync(path.join(root, 'pipelines/pipeline.schema.json'), 'utf8'));
    expect(committed).toEqual(pipelineJsonSchema());
  });

  it('every pipeline file references it and validates', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(path.join(root, 'pipelines')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const json = JSON.parse(readFileSync(path.join(root, 'pipelines', f), 'utf8'));
      expect(json.$schema, f).toBe('./pipeline.schema.json');
      await expect(loadPipeline(path.join(root, 'pipelines', f))).resolves.toBeDefined();
    }
  });
});
