import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ganpipe } from '../helpers/cli.js';

describe('ganpipe run (training), sample, eval', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cgan-'));

  it('run pipelines/mnist-cgan.json --steps 12 --json writes every artefact of a run folder', () => {
    const r = ganpipe(['run', 'pipelines/mnist-cgan.json', '--steps', '12', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ model: 'cgan', steps: 12, seed: 42, out });
    expect(summary.dataStall).toBeGreaterThanOrEqual(0);
    const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ seed: 42, model: 'cgan', imageShape: [28, 28, 1] });
    expect(config.pipeline.seed).toBe(42);
    expect(readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(12);
    expect(readdirSync(path.join(out, 'samples'))).toEqual(['step-000012.png']);
    expect(existsSync(path.join(out, 'checkpoints/latest/generator/model.json'))).toBe(true);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('Data stall');
  });

  it('run --resume continues to more steps', () => {
    const r = ganpipe(['run', 'pipelines/mnist-cgan.json', '--steps', '15', '--out', out, '--resume', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).steps).toBe(15);
    expect(readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(15);
  });

  it('sample writes the requested PNGs, of a requested class', () => {
    const dir = path.join(out, 'gen');
    const r = ganpipe(['sample', out, '--count', '5', '--label', '7', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['grid.png', ...Array.from({ length: 5 }, (_, i) => `sample-000${i}.png`)]);
    const bad = ganpipe(['sample', out, '--label', '12']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a class index 0..9');
  });

  it('eval prints quality numbers beside the real-vs-real floor; its classifier beats 97% on MNIST', () => {
    const r = ganpipe(['eval', out, '--json'], { GANPIPE_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cache-')) });
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.classifierAccuracy).toBeGreaterThan(0.97);
    expect(e.frechetRealFloor).toBeLessThan(e.frechet); // 15 steps of training is far from real
    expect(e.inceptionScore).toBeGreaterThanOrEqual(1);
    expect(Object.keys(e.perClassAccuracy)).toHaveLength(10);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('Fréchet distance');
    expect(existsSync(path.join(out, 'classifier/model.json'))).toBe(true);
  });

  it('sample on a folder that is not a run exits 1 with a hint', () => {
    const r = ganpipe(['sample', os.tmpdir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a finished ganpipe run');
  });
});
