import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** The command that installs the browser the page tests drive (Debian's Chromium). */
export const INSTALL_CHROMIUM = 'apt-get install -y chromium';

/**
 * The system Chromium: `$CHROMIUM_PATH`, else Debian's. Nothing here downloads a browser.
 * @throws Error with the command that installs it, when none of `candidates` exists.
 */
export function chromiumPath(candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']): string {
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(`Chromium is not installed, and the page tests need it: run \`sudo ${INSTALL_CHROMIUM}\` (.ci/run does this), or set CHROMIUM_PATH`);
  }
  return found;
}

/** One headless Chromium for a test file, with its own fresh profile and no network of its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Chromium's own background connections (updates, sync, QUIC probes) are refused on a closed network: turn them off.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// The few DOM types the in-page checks use: the project's tsconfig has no DOM library, on purpose.
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly height: number;
}
interface Element {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  querySelectorAll(selector: string): ArrayLike<Element>;
}
interface ImageElement extends Element {
  readonly complete: boolean;
  readonly naturalWidth: number;
}
interface Document {
  readonly images: ArrayLike<ImageElement>;
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  querySelectorAll(selector: string): ArrayLike<Element>;
}

/** What a person would notice is wrong with a page: each list empty for a good page. */
export interface PageFindings {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  /** Requests for anything but a local file or inline data: the page would not work offline. */
  readonly online: string[];
  /** `<img>` elements that did not decode (naturalWidth 0), by src. */
  readonly brokenImages: string[];
  /** Pixels the page is wider than the window. */
  readonly overflow: number;
  /** Charts whose axes lack readable tick labels, with what is wrong. */
  readonly axisProblems: string[];
  /** Number of charts with data (`svg.chart:not(.empty)`). */
  readonly charts: number;
  readonly images: number;
}

/**
 * Opens a page from its file at 1400 × 900 CSS pixels and reports console errors, failed
 * requests, undecoded images, horizontal overflow and unreadable chart axes; saves a full-page
 * screenshot to `screenshot` when given.
 */
export async function inspectPage(browser: Browser, file: string, { screenshot }: { screenshot?: string } = {}): Promise<PageFindings> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const online: string[] = [];
  page.on('request', (r) => {
    if (!/^(file|data|about):/.test(r.url())) online.push(r.url().slice(0, 120));
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url().slice(0, 120)}: ${r.failure()?.errorText ?? 'failed'}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.url().slice(0, 120)}: HTTP ${r.status()}`);
  });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const found = await page.evaluate(() => {
      const document = (globalThis as unknown as { document: Document }).document;
      const images = Array.from(document.images);
      const brokenImages = images.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => (i.getAttribute('src') ?? '').slice(0, 120));
      const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      const charts = Array.from(document.querySelectorAll('svg.chart:not(.empty)'));
      const axisProblems: string[] = [];
      for (const [n, svg] of charts.entries()) {
        const name = svg.getAttribute('aria-label') ?? `chart ${n}`;
        const frame = svg.getBoundingClientRect();
        for (const axis of ['x', 'y'] as const) {
          const ticks = Array.from(svg.querySelectorAll(`.axis.${axis} text.tick`));
          if (ticks.length < 2) axisProblems.push(`${name}: ${axis} axis has ${ticks.length} tick labels`);
          const boxes = ticks.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
          for (const { text, box } of boxes) {
            if (!Number.isFinite(Number(text.replace(/,/g, '')))) axisProblems.push(`${name}: ${axis} tick "${text}" is not a number`);
            if (box.height < 9) axisProblems.push(`${name}: ${axis} tick "${text}" is ${box.height.toFixed(1)} px tall`);
            if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
              axisProblems.push(`${name}: ${axis} tick "${text}" is outside the chart`);
            }
          }
          const sorted = [...boxes].sort((a, b) => (axis === 'x' ? a.box.left - b.box.left : a.box.top - b.box.top));
          for (let i = 1; i < sorted.length; i++) {
            const [a, b] = [sorted[i - 1]!, sorted[i]!];
            if (axis === 'x' ? a.box.right > b.box.left : a.box.bottom > b.box.top) axisProblems.push(`${name}: ${axis} ticks "${a.text}" and "${b.text}" overlap`);
          }
          if (new Set(boxes.map((b) => b.text)).size < boxes.length) axisProblems.push(`${name}: ${axis} axis repeats a tick label`);
        }
      }
      return { brokenImages, overflow, axisProblems, charts: charts.length, images: images.length };
    });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { consoleErrors, failedRequests, online, ...found };
  } finally {
    await context.close();
  }
}

/** Everything wrong with a page, as lines: empty for a good page. */
export function problemsOf(f: PageFindings): string[] {
  return [
    ...f.consoleErrors.map((e) => `console error: ${e}`),
    ...f.failedRequests.map((r) => `failed request: ${r}`),
    ...f.online.map((u) => `needs the network: ${u}`),
    ...f.brokenImages.map((s) => `image not decoded: ${s}`),
    ...(f.overflow > 0 ? [`${f.overflow} px wider than a 1400 px window`] : []),
    ...f.axisProblems,
  ];
}
