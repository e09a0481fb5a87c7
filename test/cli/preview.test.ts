import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildPipeline } from '../../src/index.js';
import { ganpipe } from '../helpers/cli.js';

describe('ganpipe preview', () => {
  it('writes one PNG grid: a row per sample, the original then one column per epoch', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ganpipe-preview-')), 'preview.png');
    const r = ganpipe(['preview', 'pipelines/messy-augment.json', '--count', '4', '--epochs', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const meta = await sharp(out).metadata();
    // 8 px margin + (1 original + 2 epochs) × (128 + 8); 8 + 20 + 4 rows × (128 + 3 × 14 + 8).
    expect([meta.width, meta.height]).toEqual([8 + 3 * 136, 28 + 4 * 178]);
  });

  it('--random --split: a seeded sample of one split, and a page beside the PNG with each trace as text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-preview-'));
    const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
    const config = path.join(dir, 'p.json');
    writeFileSync(
      config,
      JSON.stringify({
        seed: 3,
        source: { type: 'idx', images: path.join(fixtures, 'mnist-slice-images-idx3-ubyte'), labels: path.join(fixtures, 'mnist-slice-labels-idx1-ubyte') },
        stages: [{ type: 'split', ratios: { train: 0.8, test: 0.2 } }, { type: 'augment', ops: [{ op: 'randomRotate', degrees: 20 }] }],
        batch: { size: 4 },
      }),
    );
    const r = ganpipe(['preview', config, '--count', '3', '--epochs', '2', '--random', '--split', 'test', '--out', path.join(dir, 'pv.png')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`→ ${path.join(dir, 'pv.png')}, ${path.join(dir, 'pv.html')}`);
    expect((await sharp(path.join(dir, 'pv.png')).metadata()).height).toBe(28 + 3 * 178);
    const page = readFileSync(path.join(dir, 'pv.html'), 'utf8');
    expect(page.match(/<br>split test/g)).toHaveLength(3);
    expect(page.match(/<li><b>rotate<\/b> angle -?[\d.]+/g)).toHaveLength(3 * 2);
  });

  it('augment errors in a pipeline file carry the stage path', () => {
    expect(() =>
      buildPipeline(
        { source: { type: 'idx', images: 'fixtures/mnist-slice-images-idx3-ubyte' }, stages: [{ type: 'augment', ops: [{ op: 'randomRotate', degrees: -5 }] }], batch: { size: 1 } },
        { baseDir: path.resolve(__dirname, '../..'), where: 'p.json' },
      ),
    ).toThrow(/→ at stages\[0\]\.ops\[0\]\.degrees/);
  });
});
