import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder } from '../../src/check/checkFolder.js';
import { checkHtml, checkPageData } from '../../src/check/checkHtml.js';
import { loadPipeline, train, writeRunReport } from '../../src/index.js';
import { previewRows } from '../../src/stages/augment/preview.js';
import { previewHtml } from '../../src/stages/augment/previewHtml.js';
import type { EvalResult } from '../../src/train/eval/evaluate.js';
import { chromiumPath, inspectPage, INSTALL_CHROMIUM, launchChromium, problemsOf } from '../helpers/browser.js';
import { mnistSlicePipeline, model } from '../helpers/train.js';

const root = path.resolve(import.meta.dirname, '../..');
const messy = path.join(root, 'fixtures/messy');

// One browser for the file; every page is opened from file:// at 1400 px, as a person would open it.
describe('the pages in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-pages-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  let reportFile: string;
  it('report.html of a short training run (with ADA and eval numbers) renders cleanly, with readable axes', async () => {
    const out = path.join(dir, 'run');
    const t = model('dcgan', { width: 16, augment: { adaptive: true, interval: 2, speed: 1, initial: 0.5 } });
    await train(mnistSlicePipeline(), t, { out, steps: 8, sampleEvery: 2 });
    t.dispose();
    // What `ganpipe eval` leaves behind (its numbers are tested in test/train/evalMetrics.test.ts).
    const evalResult: EvalResult = { classifierAccuracy: 0.97, n: 40, frechet: 41.2, frechetRealFloor: 1.8, inceptionScore: 2.1, inceptionScoreReal: 8.9, precision: 0.12, recall: 0.05 };
    writeFileSync(path.join(out, 'eval.json'), JSON.stringify(evalResult));
    reportFile = await writeRunReport(out);
    const found = await inspectPage(browser, reportFile, { screenshot: path.join(dir, 'report.png') });
    expect(problemsOf(found)).toEqual([]);
    // Losses by step and by time, D outputs, ADA, ms per step.
    expect(found.charts).toBe(5);
    // The latest grid, then the strip of grids at steps 2, 4, 6, 8.
    expect(found.images).toBe(5);
    expect(existsSync(path.join(dir, 'report.png'))).toBe(true);
    const page = readFileSync(reportFile, 'utf8');
    expect(page).toContain('seconds since the first step');
    expect(page).toMatch(/41\.200<\/td><td class="num">1\.800/); // the distance beside its real-vs-real floor
  });

  it('check.html of the messy fixtures: clean page, every thumbnail a link to its file, a filter by issue', async () => {
    const report = await checkFolder(messy);
    const file = path.join(dir, 'check', 'check.html');
    mkdirSync(path.dirname(file));
    writeFileSync(file, await checkHtml(checkPageData(report), { linkFrom: path.dirname(file) }));
    expect(problemsOf(await inspectPage(browser, file, { screenshot: path.join(dir, 'check.png') }))).toEqual([]);
    const page = readFileSync(file, 'utf8');
    const links = [...page.matchAll(/<a class="thumb" href="([^"]+)"/g)].map((m) => fileURLToPath(new URL(m[1]!.replace(/&amp;/g, '&'), pathToFileURL(file))));
    expect(links.length).toBe((page.match(/<figure>/g) ?? []).length);
    expect(links.filter((l) => !existsSync(l))).toEqual([]);
    expect(links).toContain(path.join(messy, 'cats/empty.jpg')); // a corrupt file has no thumbnail, but its link

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(file).href);
    const visible = () => tab.locator('section[data-issue]:not([data-issue=problems]):visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-issue')));
    const all = await visible();
    expect(all).toEqual(expect.arrayContaining(['corrupt', 'dark', 'duplicate', 'clean']));
    await tab.click('.filter button[data-issue="corrupt"]');
    expect(await visible()).toEqual(['corrupt']);
    await tab.click('.filter button[data-issue=""]');
    expect(await visible()).toEqual(all);
    await tab.goto(`${pathToFileURL(file).href}#duplicate`); // a link to one issue
    await tab.reload();
    expect(await visible()).toEqual(['duplicate']);
    await context.close();
  });

  it('preview.html shows each sample with its trace as text, cleanly', async () => {
    const rows = await previewRows(await loadPipeline(path.join(root, 'pipelines/messy-augment.json')), { count: 3, epochs: 2 });
    const file = path.join(dir, 'preview.html');
    writeFileSync(file, await previewHtml(rows));
    const found = await inspectPage(browser, file, { screenshot: path.join(dir, 'preview.png') });
    expect(problemsOf(found)).toEqual([]);
    expect(found.images).toBe(3 * 3);
  });

  it('a deliberately broken copy of report.html fails every check: broken image, script error, network, overflow, crowded axis', async () => {
    const broken = readFileSync(reportFile, 'utf8')
      .replace(/src="samples\/step-000002\.png"/, 'src="samples/missing.png"')
      .replace('</main>', '</main><div style="width:2000px">wide</div><img src="http://example.invalid/x.png"><script>console.error("boom")</script>')
      // The first chart's x ticks squeezed onto one spot.
      .replace(/(<g class="axis x">.*?<\/g>)/s, (g) => g.replace(/(<text class="tick" )x="[\d.]+"/g, '$1x="100"'));
    const file = path.join(path.dirname(reportFile), 'report-broken.html');
    writeFileSync(file, broken);
    const found = await inspectPage(browser, file);
    expect(found.brokenImages).toEqual(['samples/missing.png', 'http://example.invalid/x.png']);
    expect(found.failedRequests).toEqual(expect.arrayContaining([expect.stringMatching(/missing\.png: net::ERR_FILE_NOT_FOUND/)]));
    expect(found.online).toEqual(['http://example.invalid/x.png']);
    expect(found.consoleErrors).toEqual(expect.arrayContaining(['boom']));
    expect(found.overflow).toBeGreaterThan(0);
    expect(found.axisProblems).toEqual(expect.arrayContaining([expect.stringMatching(/x ticks .* overlap/)]));
  });
});

describe('without Chromium', () => {
  it('the page tests fail with the command that installs it', () => {
    expect(() => chromiumPath(['/nonexistent/chromium'])).toThrow(`run \`sudo ${INSTALL_CHROMIUM}\``);
  });
});
