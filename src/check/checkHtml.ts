import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { CheckedFile, CheckReport } from './checkFolder.js';
import { deriveRng } from '../core/rng.js';
import { shuffleInPlace } from '../core/shuffle.js';
import { byCodeUnits } from '../core/types.js';
import { escapeHtml } from '../core/escapeHtml.js';


// A small JPEG data URI of a file, or undefined when it cannot be decoded (corrupt files).
async function thumbnail(root: string, file: string, size = 128): Promise<string | undefined> {
  try {
    const buf = await sharp(await readFile(path.join(root, file)), { failOn: 'none', limitInputPixels: 100_000_000 })
      .rotate()
      .resize(size, size, { fit: 'inside' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
    return `data:image/jpeg;base64,${buf.toString('base64')}`;
  } catch {
    return undefined;
  }
}

async function card(root: string, f: CheckedFile, caption: string): Promise<string> {
  const src = await thumbnail(root, f.path);
  const img = src ? `<img src="${src}" alt="${escapeHtml(f.path)}">` : `<div class="broken">cannot be shown</div>`;
  return `<figure>${img}<figcaption><b>${escapeHtml(f.path)}</b><br>${caption}</figcaption></figure>`;
}

/**
 * A self-contained HTML report of a check: counts per verdict and flag, thumbnails of every
 * flagged or rejected file grouped by issue, duplicate pairs side by side with their distance,
 * and a contact sheet of a random sample of the clean images, so a person looks at the data.
 */
export async function checkHtml(report: CheckReport, { sampleSize = 24, seed = 0 }: { sampleSize?: number; seed?: number } = {}): Promise<string> {
  const root = report.root;
  const issues = new Map<string, CheckedFile[]>();
  const file = (issue: string, f: CheckedFile) => {
    const files = issues.get(issue);
    if (files) files.push(f);
    else issues.set(issue, [f]);
  };
  for (const f of report.files) {
    if (f.verdict !== 'ok' && f.verdict !== 'duplicate') file(f.verdict, f);
    for (const flag of f.flags) file(flag, f);
  }
  const sections: string[] = [];
  for (const [issue, files] of [...issues.entries()].sort()) {
    const cards = await Promise.all(
      files.map((f) => card(root, f, escapeHtml(f.reason ?? (f.scores[issue] !== undefined ? `score ${f.scores[issue]!.toFixed(3)}` : '')))),
    );
    sections.push(`<h3>${escapeHtml(issue)} (${files.length})</h3><div class="grid">${cards.join('')}</div>`);
  }
  const duplicates = report.files.filter((f) => f.verdict === 'duplicate');
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  const pairs = await Promise.all(
    duplicates.map(async (f) => {
      const original = byPath.get(f.duplicateOf!)!;
      return `<div class="pair">${await card(root, f, `${f.duplicateKind}, distance ${f.distance}`)}<span>≈</span>${await card(root, original, 'kept')}</div>`;
    }),
  );
  const clean = report.files.filter((f) => f.verdict === 'ok' && f.flags.length === 0);
  const picked = shuffleInPlace([...clean], deriveRng(seed)).slice(0, sampleSize).sort((a, b) => byCodeUnits(a.path, b.path));
  const sheet = await Promise.all(picked.map((f) => card(root, f, `${f.width}×${f.height}${f.label ? `, ${escapeHtml(f.label)}` : ''}`)));
  const counts = (rec: Record<string, number>) => Object.entries(rec).map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${v}</td></tr>`).join('');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>ganpipe check: ${escapeHtml(root)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin-right:2em}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left}
.tables{display:flex}.grid{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0;width:140px;font-size:11px}figure img{max-width:128px;max-height:128px;border:1px solid #ccc}
.broken{width:128px;height:96px;background:#fdd;display:flex;align-items:center;justify-content:center;color:#900}.pair{display:flex;align-items:center;gap:8px;margin-bottom:10px}.pair span{font-size:28px}</style></head>
<body><h1>Data check</h1><p>${escapeHtml(root)}: ${report.summary.files} files</p>
<div class="tables"><table><tr><th>verdict</th><th>files</th></tr>${counts(report.summary.verdicts)}</table>
<table><tr><th>flag</th><th>files</th></tr>${counts(report.summary.flags) || '<tr><td colspan="2">none</td></tr>'}</table></div>
<h2>Problems</h2>${sections.join('\n') || '<p>None.</p>'}
<h2>Duplicates (${duplicates.length})</h2>${pairs.join('\n') || '<p>None.</p>'}
<h2>A random sample of the clean images (${picked.length} of ${clean.length})</h2><div class="grid">${sheet.join('')}</div>
</body></html>
`;
}
