import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ganpipe } from '../helpers/cli.js';

describe('ganpipe CLI', () => {
  it('run pipelines/mnist.json --json streams all 10k digits and reports throughput and memory', () => {
    const r = ganpipe(['run', 'pipelines/mnist.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ samples: 10000, seen: 10000, rejected: 0, batches: 157, epochs: 1, seed: 42 });
    expect(summary.samplesPerSecond).toBeGreaterThan(0);
    expect(summary.peakRssMiB).toBeGreaterThan(0);
  });

  it('run reports rejects by reason on messy data, and --epochs runs several passes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cli-'));
    const file = path.join(dir, 'messy.json');
    writeFileSync(
      file,
      JSON.stringify({
        seed: 1,
        source: { type: 'glob', cwd: path.resolve(__dirname, '../../fixtures/messy'), channels: 3 },
        stages: [{ type: 'resize', width: 16, height: 16 }],
        batch: { size: 8 },
      }),
    );
    const r = ganpipe(['run', file, '--epochs', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('rejected 10 (corrupt: 8, too_large: 2)');
    // libvips words truncation differently depending on which thread saw it first.
    expect(r.stdout).toMatch(/corrupt +cats\/truncated\.jpg: (truncated or damaged (JPEG |image )?data|VipsJpeg: premature end)/);
  });

  it('exits 2 with every problem listed for a bad config', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cli-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ source: { type: 'idx' }, batch: { size: 0 } }));
    const r = ganpipe(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('→ at source.images');
    expect(r.stderr).toContain('→ at batch.size');
  });

  it('exits 2 on bad usage', () => {
    expect(ganpipe(['frobnicate']).code).toBe(2);
    expect(ganpipe(['run']).code).toBe(2);
    expect(ganpipe(['run', 'x.json', '--epochs', 'zero']).stderr).toContain('--epochs expects a positive integer');
    expect(ganpipe(['--help']).stdout).toContain('Commands:');
  });

  it.each(['run', 'check', 'preview', 'sample', 'eval', 'doctor', 'schema'])('%s --help exits 0 with its usage', (cmd) => {
    const r = ganpipe([cmd, '--help']);
    expect(r.code, cmd).toBe(0);
    expect(r.stdout, cmd).toContain(`Usage: ganpipe ${cmd}`);
  });

  it('exits 1 on a runtime failure', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-cli-'));
    const file = path.join(dir, 'empty.json');
    writeFileSync(file, JSON.stringify({ source: { type: 'idx', images: 'nope.idx' }, batch: { size: 1 } }));
    const r = ganpipe(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.idx');
  });
});
