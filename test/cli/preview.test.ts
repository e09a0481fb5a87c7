import { mkdtempSync } from 'node:fs';
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

  it('augment errors in a pipeline file carry the stage path', () => {
    expect(() =>
      buildPipeline(
        { source: { type: 'idx', images: 'fixtures/mnist-slice-images-idx3-ubyte' }, stages: [{ type: 'augment', ops: [{ op: 'randomRotate', degrees: -5 }] }], batch: { size: 1 } },
        { baseDir: path.resolve(__dirname, '../..'), where: 'p.json' },
      ),
    ).toThrow(/→ at stages\[0\]\.ops\[0\]\.degrees/);
  });
});
