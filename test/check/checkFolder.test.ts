import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolder, type CheckReport } from '../../src/check/checkFolder.js';
import { ganpipe } from '../helpers/cli.js';

const messy = path.resolve(__dirname, '../../fixtures/messy');
type Expected = Record<string, { verdict: string; of?: string; kind?: string; flags?: string[] }>;
const expected = JSON.parse(readFileSync(path.join(messy, 'expected.json'), 'utf8')) as Expected;

describe('ganpipe check on real-world messy files', () => {
  let report: CheckReport;

  it('matches expected.json entirely: verdicts, duplicates (of, kind), flags, ignored files', async () => {
    report = await checkFolder(messy);
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    for (const [file, e] of Object.entries(expected)) {
      const got = byPath.get(file);
      if (e.verdict === 'ignored') {
        expect(got, `${file} is ignored`).toBeUndefined();
        continue;
      }
      expect(got?.verdict, file).toBe(e.verdict);
      expect(got?.duplicateOf, `${file} duplicateOf`).toBe(e.of);
      expect(got?.duplicateKind, `${file} kind`).toBe(e.kind);
      // Every expected flag, and no content flag on the clean photos.
      expect([...(got?.flags ?? [])].sort(), `${file} flags`).toEqual([...(e.flags ?? [])].sort());
    }
    // Every file found is accounted for exactly once, and nothing else is listed.
    const listed = Object.entries(expected).filter(([, e]) => e.verdict !== 'ignored').map(([f]) => f).sort();
    expect(report.files.map((f) => f.path)).toEqual(listed);
  });

  it('records scores, sizes and labels, and a near duplicate has its Hamming distance', () => {
    const black = report.files.find((f) => f.path === 'cats/img_black.png')!;
    expect(black).toMatchObject({ label: 'cats', width: 128, height: 128, channels: 3 });
    expect(black.scores['dark']).toBeLessThan(0.25);
    const near = report.files.find((f) => f.path === 'cats/img_02_small_q60.jpg')!;
    expect(near.distance).toBeLessThanOrEqual(3);
    expect(report.summary.verdicts).toEqual({ ok: 26, corrupt: 4, duplicate: 3, too_small: 1, too_large: 1 });
  });

  it('CLI: --json prints the report; --html writes a self-contained page; --fail-on exits 1', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-check-'));
    const html = path.join(dir, 'report.html');
    const r = ganpipe(['check', messy, '--json', '--html', html]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.root).toBe(messy);
    expect(json.files).toHaveLength(35);
    expect(Object.keys(json.files[0]).sort()).toEqual(expect.arrayContaining(['path', 'verdict', 'flags', 'scores']));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('data:image/jpeg;base64,');
    expect(page).toContain('Duplicates (3)');
    expect(page).toContain('A random sample of the clean images');
    const failing = ganpipe(['check', messy, '--fail-on', 'corrupt,duplicate']);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('7 file(s) with corrupt, duplicate');
  });

  it('takes integrity and dedup options from a pipeline file with --config', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-checkcfg-'));
    const cfg = path.join(dir, 'p.json');
    writeFileSync(
      cfg,
      JSON.stringify({ source: { type: 'glob', cwd: '.', channels: 3 }, stages: [{ type: 'integrity', minPixels: 10000 }, { type: 'dedup', near: false }], batch: { size: 1 } }),
    );
    const r = ganpipe(['check', messy, '--json', '--config', cfg]);
    expect(r.code, r.stderr).toBe(0);
    const files = JSON.parse(r.stdout).files as { path: string; verdict: string }[];
    expect(files.find((f) => f.path === 'cups/img_strip.png')?.verdict).toBe('too_small'); // 2400 px < 10000
    expect(files.find((f) => f.path === 'cats/img_02_small_q60.jpg')?.verdict).toBe('ok'); // near matching off
  });
});
