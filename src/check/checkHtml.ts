import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import sharp from 'sharp';
import type { CheckedFile, CheckReport } from './checkFolder.js';
import { orderedMap } from '../core/orderedMap.js';
import { Reservoir } from '../core/reservoir.js';
import { rngFor } from '../core/rng.js';
import { byCodeUnits } from '../core/types.js';
import { html, type SafeHtml } from '../report/html.js';
import { page } from '../report/page.js';

/** Files to show for one group, out of how many. */
export interface Shown<T> {
  readonly total: number;
  /** All of them up to the page's limit, else a seeded random sample. */
  readonly shown: readonly T[];
}

/**
 * What check.html shows: counts and bounded samples, not the whole report, so a check that
 * streams a huge folder can fill it in one pass with a `Reservoir` per group.
 */
export interface CheckPageData {
  readonly root: string;
  readonly summary: CheckReport['summary'];
  /** One entry per verdict (other than ok and duplicate) and per flag, sorted by name. */
  readonly issues: readonly (Shown<CheckedFile> & { readonly issue: string })[];
  readonly duplicates: Shown<{ readonly file: CheckedFile; readonly original: CheckedFile | undefined }>;
  /** Files with verdict ok and no flag. */
  readonly clean: Shown<CheckedFile>;
}

/** How many files of each kind check.html shows. */
export interface CheckPageOptions {
  /** Files shown per issue (and duplicate pairs); above it, a seeded random sample. @default 200 */
  readonly perIssue?: number;
  /** Clean files on the contact sheet. @default 24 */
  readonly cleanSample?: number;
  /** Seed of the samples. @default 0 */
  readonly seed?: number | string;
}

/**
 * Groups a check report for its page: every flagged or rejected file under each of its
 * issues, duplicates with the copy kept, and the clean files; each group capped at its limit
 * by a seeded uniform sample, shown in path order.
 */
export function checkPageData(report: CheckReport, { perIssue = 200, cleanSample = 24, seed = 0 }: CheckPageOptions = {}): CheckPageData {
  const reservoir = <T>(name: string, size: number) => new Reservoir<T>(size, rngFor(seed, 'check.html', 0, name));
  const issues = new Map<string, Reservoir<CheckedFile>>();
  const offer = (issue: string, f: CheckedFile) => {
    let r = issues.get(issue);
    if (!r) issues.set(issue, (r = reservoir<CheckedFile>(issue, perIssue)));
    r.add(f);
  };
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  const duplicates = reservoir<{ file: CheckedFile; original: CheckedFile | undefined }>('duplicates', perIssue);
  const clean = reservoir<CheckedFile>('clean', cleanSample);
  for (const f of report.files) {
    if (f.verdict === 'duplicate') duplicates.add({ file: f, original: f.duplicateOf === undefined ? undefined : byPath.get(f.duplicateOf) });
    else if (f.verdict !== 'ok') offer(f.verdict, f);
    for (const flag of f.flags) offer(flag, f);
    if (f.verdict === 'ok' && f.flags.length === 0) clean.add(f);
  }
  const inOrder = <T>(r: Reservoir<T>, key: (t: T) => string): Shown<T> => ({ total: r.total, shown: [...r.items].sort((a, b) => byCodeUnits(key(a), key(b))) });
  return {
    root: report.root,
    summary: report.summary,
    issues: [...issues.entries()].sort(([a], [b]) => byCodeUnits(a, b)).map(([issue, r]) => ({ issue, ...inOrder(r, (f) => f.path) })),
    duplicates: inOrder(duplicates, (d) => d.file.path),
    clean: inOrder(clean, (f) => f.path),
  };
}

/** Where check.html is written: thumbnails then link to their files relative to it. */
export interface CheckHtmlOptions {
  /** The folder of the HTML file; links are relative to it. Default: absolute `file:` URLs. */
  readonly linkFrom?: string;
  /** Thumbnail edge in pixels. @default 128 */
  readonly thumbnailSize?: number;
}

// What each issue means, for the reader of the page.
const MEANING: Record<string, string> = {
  corrupt: 'cannot be decoded',
  unsupported: 'not an image format the source reads',
  too_small: 'below the minimum size',
  too_large: 'above the maximum size',
  invalid: 'values or labels that a stage refused',
  dark: 'mostly dark (99th-percentile brightness below the threshold)',
  light: 'mostly light',
  low_information: 'few distinct values (blank, flat or near-constant)',
  blurry: 'little high-frequency detail',
  grayscale: 'a grayscale image in a colour set',
  odd_aspect_ratio: 'unusually long or tall',
  odd_size: 'much smaller or larger than the rest',
};

/**
 * A self-contained HTML report of a check: counts per verdict and flag, a filter by issue,
 * thumbnails (inline JPEGs, each a link to its file) of the flagged and rejected files by
 * issue, duplicate pairs side by side, and a contact sheet of clean images, so a person looks
 * at the data. Groups over the page's limit show a random sample with the true count.
 */
export async function checkHtml(data: CheckPageData, { linkFrom, thumbnailSize = 128 }: CheckHtmlOptions = {}): Promise<string> {
  const files = [...data.issues.flatMap((i) => i.shown), ...data.duplicates.shown.flatMap((d) => [d.file, ...(d.original ? [d.original] : [])]), ...data.clean.shown];
  const unique = [...new Set(files.map((f) => f.path))];
  // Several at a time, not all: a folder of large photos would hold every decoded image at once.
  const thumbs = await lastValueFrom(from(unique).pipe(orderedMap(async (p) => [p, await thumbnail(data.root, p, thumbnailSize)] as const, 4), toArray()), { defaultValue: [] });
  const thumbOf = new Map(thumbs);
  const href = (file: string) => {
    const target = path.join(data.root, file);
    return linkFrom === undefined ? pathToFileURL(target).href : path.relative(linkFrom, target).split(path.sep).map(encodeURIComponent).join('/');
  };
  const card = (f: CheckedFile, caption: string | SafeHtml) => {
    const src = thumbOf.get(f.path);
    return html`<figure><a class="thumb" href="${href(f.path)}" title="open ${f.path}">${src ? html`<img src="${src}" alt="${f.path}">` : html`<span class="broken">cannot be shown</span>`}</a><figcaption><b>${f.path}</b><br>${caption}</figcaption></figure>`;
  };
  const sampled = (g: Shown<unknown>, what: string) =>
    g.shown.length < g.total ? html`<p class="note">Showing a random sample of ${g.shown.length} of ${g.total.toLocaleString('en-US')} ${what}; <code>ganpipe check --json</code> lists them all.</p>` : '';
  const issueSections = data.issues.map(
    (g) => html`<section data-issue="${g.issue}" id="issue-${g.issue}"><h3>${g.issue} (${g.total.toLocaleString('en-US')})</h3>
${MEANING[g.issue] ? html`<p class="note">${MEANING[g.issue]}</p>` : ''}${sampled(g, 'files')}
<div class="grid">${g.shown.map((f) => card(f, f.reason ?? (f.scores[g.issue] !== undefined ? `score ${f.scores[g.issue]!.toFixed(3)}` : '')))}</div></section>`,
  );
  const d = data.duplicates;
  const c = data.clean;
  const filterButton = (issue: string, label: string, count: number) => html`<button type="button" data-issue="${issue}" aria-pressed="${issue === '' ? 'true' : 'false'}">${label} <span>${count.toLocaleString('en-US')}</span></button>`;
  const counts = (rec: Record<string, number>) => Object.entries(rec).map(([k, v]) => html`<tr><td>${k}</td><td class="num">${v.toLocaleString('en-US')}</td></tr>`);
  const body = html`<h1>Data check</h1>
<p class="sub">${data.root}: ${data.summary.files.toLocaleString('en-US')} files</p>
<div class="tables"><table><tr><th>verdict</th><th class="num">files</th></tr>${counts(data.summary.verdicts)}</table>
<table><tr><th>flag</th><th class="num">files</th></tr>${Object.keys(data.summary.flags).length ? counts(data.summary.flags) : html`<tr><td colspan="2">none</td></tr>`}</table></div>
<nav class="filter" aria-label="filter by issue">Show: ${filterButton('', 'everything', data.summary.files)}${data.issues.map((g) => filterButton(g.issue, g.issue, g.total))}${filterButton('duplicate', 'duplicates', d.total)}${filterButton('clean', 'clean', c.total)}</nav>
<section data-issue="problems"><h2>Problems</h2>${issueSections.length ? html`<div class="flow">${issueSections}</div>` : html`<p>None.</p>`}</section>
<section data-issue="duplicate"><h2>Duplicates (${d.total.toLocaleString('en-US')})</h2>${sampled(d, 'pairs')}
${d.shown.length ? html`<div class="flow">${d.shown.map((p) => html`<div class="pair">${card(p.file, `${p.file.duplicateKind ?? 'duplicate'}, distance ${p.file.distance ?? 0}`)}<span aria-hidden="true">≈</span>${p.original ? card(p.original, 'kept') : html`<p>${p.file.duplicateOf ?? ''} (kept)</p>`}</div>`)}</div>` : html`<p>None.</p>`}</section>
<section data-issue="clean"><h2>A random sample of the clean images (${c.shown.length} of ${c.total.toLocaleString('en-US')})</h2>
<div class="grid">${c.shown.map((f) => card(f, `${f.width}×${f.height}${f.label ? `, ${f.label}` : ''}`))}</div></section>`;
  return page({ title: `ganpipe check: ${data.root}`, body, style: STYLE, script: FILTER });
}

const STYLE = `
.tables{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.filter{position:sticky;top:0;background:#f7f7f5;padding:10px 0;margin-top:16px;display:flex;flex-wrap:wrap;gap:6px;align-items:center;z-index:1}
.filter button{font:inherit;border:1px solid #bbb;border-radius:14px;background:#fff;padding:2px 10px;cursor:pointer}.filter button span{color:#777}
.filter button[aria-pressed=true]{background:#2471a3;border-color:#2471a3;color:#fff}.filter button[aria-pressed=true] span{color:#dde}
.flow{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:flex-start}.flow>section{max-width:100%}
.grid{display:flex;flex-wrap:wrap;gap:12px}.grid figure{width:140px}
figure{margin:0;font-size:12px}figure img{display:block;max-width:128px;max-height:128px;border:1px solid #ccc;background:#fff}
.broken{display:flex;width:128px;height:96px;background:#fdd;align-items:center;justify-content:center;color:#900}
.pair{display:flex;align-items:center;gap:10px;background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px}.pair figure{width:140px}.pair>span{font-size:28px}
[hidden]{display:none!important}`;

// The filter: one issue's section, or everything. The hash (#dark) selects on load, so a link can point at one issue.
const FILTER = `
const buttons = [...document.querySelectorAll('.filter button')];
function show(issue) {
  if (!buttons.some((b) => b.dataset.issue === issue)) issue = '';
  const problem = issue !== '' && issue !== 'duplicate' && issue !== 'clean';
  for (const el of document.querySelectorAll('section[data-issue]')) {
    const which = el.dataset.issue;
    el.hidden = issue !== '' && which !== issue && !(which === 'problems' && problem);
  }
  for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.issue === issue));
}
for (const b of buttons) b.addEventListener('click', () => { history.replaceState(null, '', b.dataset.issue ? '#' + b.dataset.issue : '#'); show(b.dataset.issue); });
show(decodeURIComponent(location.hash.slice(1)));`;

// A small JPEG data URI of a file, or undefined when it cannot be decoded (corrupt files).
async function thumbnail(root: string, file: string, size: number): Promise<string | undefined> {
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
