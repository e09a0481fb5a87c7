import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckedFile, CheckReport } from '../../src/check/checkFolder.js';
import { checkHtml, checkPageData } from '../../src/check/checkHtml.js';

const file = (p: string, verdict = 'ok', flags: string[] = [], extra: Partial<CheckedFile> = {}): CheckedFile => ({ path: p, verdict, flags, scores: {}, ...extra });
function report(files: CheckedFile[]): CheckReport {
  const verdicts: Record<string, number> = {};
  const flags: Record<string, number> = {};
  for (const f of files) {
    verdicts[f.verdict] = (verdicts[f.verdict] ?? 0) + 1;
    for (const g of f.flags) flags[g] = (flags[g] ?? 0) + 1;
  }
  return { root: '/data/set', files, summary: { files: files.length, verdicts, flags } };
}

// 1,234 dark files, 3 corrupt, 250 duplicates of one file, 40 clean: more than a page shows of some groups.
const big = report([
  ...Array.from({ length: 1234 }, (_, i) => file(`dark/${String(i).padStart(5, '0')}.png`, 'ok', ['dark'])),
  ...['a', 'b', 'c'].map((n) => file(`bad/${n}.jpg`, 'corrupt', [], { reason: 'cannot be decoded' })),
  ...Array.from({ length: 250 }, (_, i) => file(`dup/${i}.png`, 'duplicate', [], { duplicateOf: 'clean/0.png', duplicateKind: 'exact', distance: 0 })),
  ...Array.from({ length: 40 }, (_, i) => file(`clean/${i}.png`)),
]);

describe('check.html', () => {
  it('over 200 files of an issue, shows a seeded sample of 200 in path order, with the true count', () => {
    const data = checkPageData(big);
    const dark = data.issues.find((g) => g.issue === 'dark')!;
    expect(dark.total).toBe(1234);
    expect(dark.shown).toHaveLength(200);
    const paths = dark.shown.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(new Set(paths).size).toBe(200);
    expect(checkPageData(big).issues.find((g) => g.issue === 'dark')!.shown).toEqual(dark.shown); // seeded
    expect(checkPageData(big, { seed: 1 }).issues.find((g) => g.issue === 'dark')!.shown).not.toEqual(dark.shown);
    expect(data.issues.map((g) => [g.issue, g.total, g.shown.length])).toEqual([['corrupt', 3, 3], ['dark', 1234, 200]]);
    expect([data.duplicates.total, data.duplicates.shown.length]).toEqual([250, 200]);
    expect(data.duplicates.shown[0]!.original?.path).toBe('clean/0.png');
    expect([data.clean.total, data.clean.shown.length]).toEqual([40, 24]);
  });

  it('says when it shows a sample, and every thumbnail (even one that cannot be shown) links to its file', async () => {
    const page = await checkHtml(checkPageData(big), { linkFrom: '/data' });
    expect(page).toContain('Showing a random sample of 200 of 1,234 files');
    expect(page).toContain('Showing a random sample of 200 of 250 pairs');
    expect(page).toContain('<h3>dark (1,234)</h3>');
    const figures = page.match(/<figure>/g)!.length;
    expect(figures).toBe(3 + 200 + 2 * 200 + 24);
    expect(page.match(/<figure><a class="thumb" href="set\//g)).toHaveLength(figures);
    expect(page).toContain('href="set/bad/a.jpg"');
  });

  it('escapes file names and labels, and encodes links (spaces, #, ?) relative to the page, or as file: URLs', async () => {
    const odd = report([file('x/<img src=1 onerror=alert(1)> #1?.png', 'corrupt', [], { reason: '"quoted" & <b>' })]);
    const page = await checkHtml(checkPageData(odd), { linkFrom: '/data/set' });
    expect(page).not.toContain('<img src=1');
    expect(page).toContain('&lt;img src=1 onerror=alert(1)&gt; #1?.png');
    expect(page).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
    expect(page).toContain('href="x/%3Cimg%20src%3D1%20onerror%3Dalert(1)%3E%20%231%3F.png"');
    const absolute = await checkHtml(checkPageData(odd));
    expect(absolute).toContain(`href="file://${path.resolve('/data/set/x')}/%3Cimg%20src=1%20onerror=alert(1)%3E%20%231%3F.png"`);
  });
});
