import { readFileSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pipeline, sources, type Sample } from '../../src/index.js';
import { collect } from '../helpers/images.js';

const messy = path.resolve(__dirname, '../../fixtures/messy');
const expected = JSON.parse(readFileSync(path.join(messy, 'expected.json'), 'utf8')) as Record<
  string,
  { verdict: string; note?: string }
>;
// Verdicts that are decode problems (this source's job); the rest load and are judged by later stages.
const DECODE_REASONS = new Set(['corrupt', 'unsupported', 'too_large']);

async function loadMessy(channels: 1 | 3 | 4) {
  const stream = pipeline({ seed: 1, concurrency: 4 })
    .from(sources.glob({ cwd: messy, labels: 'parentDir', channels }))
    .samples();
  const samples = await collect(stream);
  return { samples, report: stream.report };
}

describe('sources.glob on real-world messy files', () => {
  for (const channels of [1, 3, 4] as const) {
    it(`loads every good file with its true size as ${channels} channel(s), reports the rest with the right reason`, async () => {
      const { samples, report } = await loadMessy(channels);
      const byId = new Map<string, Sample>(samples.map((s) => [s.id, s]));
      const rejected = new Map(report.rejected.map((r) => [r.id, r]));
      for (const [file, { verdict }] of Object.entries(expected)) {
        if (verdict === 'ignored') {
          expect(byId.has(file) || rejected.has(file), file).toBe(false);
        } else if (DECODE_REASONS.has(verdict)) {
          expect(rejected.get(file)?.reason, file).toBe(verdict);
        } else {
          const s = byId.get(file);
          expect(s, `${file} should load`).toBeDefined();
          const meta = await sharp(path.join(messy, file)).metadata();
          const rotated = (meta.orientation ?? 1) >= 5;
          expect([s!.image.width, s!.image.height], file).toEqual(rotated ? [meta.height, meta.width] : [meta.width, meta.pageHeight ?? meta.height]);
          expect(s!.image.channels).toBe(channels);
          expect(s!.image.data.length).toBe(s!.image.width * s!.image.height * channels);
        }
      }
      // Nothing lost: every listed file is delivered or reported.
      expect(report.seen).toBe(samples.length + report.rejected.length);
    });
  }

  it('auto-orients from EXIF: the rotated file comes out 160 wide, 96 high', async () => {
    const { samples } = await loadMessy(3);
    const s = samples.find((x) => x.id === 'cups/img_exif_rotated.jpg')!;
    expect([s.image.width, s.image.height]).toEqual([160, 96]);
  });

  it('sniffs content, not extension; labels from the parent folder; none at the root', async () => {
    const { samples } = await loadMessy(3);
    expect(samples.find((x) => x.id === 'cups/really_a_png.jpg')?.label).toBe('cups');
    expect(samples.find((x) => x.id === 'img_unlabeled.jpg')?.label).toBeUndefined();
  });

  it('converts CMYK, 16-bit, palette, gray and alpha images to RGB with sane pixels', async () => {
    const { samples } = await loadMessy(3);
    for (const id of ['cats/img_cmyk.jpg', 'cups/img_16bit.png', 'cups/img_palette.png', 'cats/img_alpha.png', 'cats/img_gray.png']) {
      const s = samples.find((x) => x.id === id)!;
      const data = s.image.data as Uint8Array;
      const mean = data.reduce((a, b) => a + b, 0) / data.length;
      expect(mean, id).toBeGreaterThan(5);
      expect(mean, id).toBeLessThan(250);
    }
  });

  it('gives each rejection a readable message and the file path', async () => {
    const { report } = await loadMessy(3);
    for (const r of report.rejected) {
      expect(r.message.length).toBeGreaterThan(5);
      expect(r.message).not.toMatch(/unknown error/i);
      expect(r.source).toBe(path.join(messy, r.id));
    }
    expect(report.byReason()).toEqual({ corrupt: 4, too_large: 1 });
  });

  it('ignores dotfiles, matches extensions case-insensitively and sorts paths', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-glob-'));
    mkdirSync(path.join(dir, 'b'));
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#808080' } }).png().toBuffer();
    for (const f of ['b/Z.PNG', 'a.png', '.hidden.png', 'b/a.Png']) writeFileSync(path.join(dir, f), png);
    const listing = await sources.glob({ cwd: dir }).list();
    expect(Array.from(listing.items as Iterable<{ id: string }>, (i) => i.id)).toEqual(['a.png', 'b/Z.PNG', 'b/a.Png']);
  });

  it('reads labels from a CSV file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-csv-'));
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#808080' } }).png().toBuffer();
    for (const f of ['x.png', 'y.png', 'z.png']) writeFileSync(path.join(dir, f), png);
    writeFileSync(path.join(dir, 'labels.csv'), 'file,label\nx.png,cat\ny.png,"dog"\n');
    const p = await pipeline({ seed: 1 })
      .from(sources.glob({ cwd: dir, labels: { csv: path.join(dir, 'labels.csv') } }))
      .prepare();
    expect([...p.classes.keys()]).toEqual(['cat', 'dog']);
    const samples = await collect(p.samples());
    expect(samples.map((s) => [s.id, s.label])).toEqual([
      ['x.png', 'cat'],
      ['y.png', 'dog'],
      ['z.png', undefined],
    ]);
  });

  it('refuses to list nothing, naming the folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-empty-'));
    await expect(sources.glob({ cwd: dir }).list()).rejects.toThrow(`no files match`);
  });
});
