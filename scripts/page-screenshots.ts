// Regenerates the README's screenshots of the pages (docs/report.png, docs/check.png) in the
// system Chromium: the top of each page at 1400 px, scaled down to small palette PNGs.
//   npx tsx scripts/page-screenshots.ts runs/mnist-dcgan    (a finished run, evaluated)
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { checkFolder } from '../src/check/checkFolder.js';
import { checkHtml, checkPageData } from '../src/check/checkHtml.js';
import { writeRunReport } from '../src/train/report.js';
import { launchChromium } from '../test/helpers/browser.js';

const root = path.resolve(import.meta.dirname, '..');
const run = process.argv[2];
if (!run) throw new Error('usage: npx tsx scripts/page-screenshots.ts <run-dir>');

const checkPage = path.join(mkdtempSync(path.join(os.tmpdir(), 'ganpipe-shots-')), 'check.html');
writeFileSync(checkPage, await checkHtml(checkPageData(await checkFolder(path.join(root, 'fixtures/messy'))), { linkFrom: path.dirname(checkPage) }));
const pages = [
  { file: await writeRunReport(run), out: 'docs/report.png', height: 1500 },
  { file: checkPage, out: 'docs/check.png', height: 1250 },
];

const browser = await launchChromium();
try {
  for (const { file, out, height } of pages) {
    const page = await browser.newPage({ viewport: { width: 1400, height } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const shot = await page.screenshot();
    await sharp(shot).resize({ width: 900 }).png({ palette: true, quality: 90, effort: 10 }).toFile(path.join(root, out));
    console.log(`${out} ← ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
}
