import { html, raw, type SafeHtml } from './html.js';
import { formatTick, niceTicks } from './niceTicks.js';

/** A point of a chart: [x, y]. */
export type Point = readonly [number, number];

/** One line of a chart. */
export interface Series {
  readonly name: string;
  /** A CSS colour. */
  readonly color: string;
  readonly points: readonly Point[];
  /**
   * `line` (default); `faint`: thin, pale and without a legend entry, for raw values under
   * their smoothed line; `dashed`: a reference such as a target or a floor.
   */
  readonly style?: 'line' | 'faint' | 'dashed';
}

/** How a chart is drawn. */
export interface ChartOptions {
  readonly title: string;
  /** @default 'step' */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** In CSS pixels; the chart scales down with its container. @default 560 */
  readonly width?: number;
  /** @default 260 */
  readonly height?: number;
  /** A fixed y range (probabilities: [0, 1]); values outside are drawn at its edge. Default: the data's, made nice. */
  readonly yDomain?: readonly [number, number];
}

/**
 * Trailing moving average over `window` points (the first points average what there is).
 * @example smooth([[1, 2], [2, 4]], 2) // [[1, 2], [2, 3]]
 */
export function smooth(points: readonly Point[], window = 25): [number, number][] {
  const out: [number, number][] = [];
  let sum = 0;
  points.forEach(([x, y], i) => {
    sum += y;
    if (i >= window) sum -= points[i - window]![1];
    out.push([x, sum / Math.min(i + 1, window)]);
  });
  return out;
}

/** At most `max` points, evenly spaced, the first and last always kept: a long run's line stays a small path. */
export function thin<T>(points: readonly T[], max = 400): T[] {
  if (points.length <= max) return [...points];
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]!);
}

const MARGIN = { left: 56, right: 16, top: 46, bottom: 40 };

/**
 * A self-contained SVG line chart: title, legend, axes with nice ticks (see `niceTicks`) and
 * grid lines. The markup names its parts (`svg.chart`, `.axis.x`, `.axis.y`, `text.tick`) so
 * the browser test can check that every axis has readable labels.
 * @example lineChart([{ name: 'D loss', color: '#c0392b', points: [[1, 0.7], [2, 0.6]] }], { title: 'Losses' })
 */
export function lineChart(series: readonly Series[], options: ChartOptions): SafeHtml {
  const { title, xLabel = 'step', yLabel, width = 560, height = 260, yDomain } = options;
  const drawn = series.map((s) => ({ ...s, points: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)) }));
  const all = drawn.flatMap((s) => s.points);
  if (all.length === 0) {
    return html`<svg class="chart empty" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 48" width="${width}" height="48"><text x="8" y="28" font-size="13">${title}: no data yet</text></svg>`;
  }
  const x = niceTicks(Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])), 6);
  const y = yDomain ? niceTicks(yDomain[0], yDomain[1], 5) : niceTicks(Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1])), 5);
  const [left, right, top, bottom] = [MARGIN.left, width - MARGIN.right, MARGIN.top, height - MARGIN.bottom];
  const sx = (v: number) => left + ((v - x.domain[0]) / (x.domain[1] - x.domain[0])) * (right - left);
  const sy = (v: number) => bottom - ((Math.min(y.domain[1], Math.max(y.domain[0], v)) - y.domain[0]) / (y.domain[1] - y.domain[0])) * (bottom - top);
  const r = (v: number) => Number(v.toFixed(1));
  const path = (s: Series) => s.points.map(([px, py], i) => `${i ? 'L' : 'M'}${r(sx(px))},${r(sy(py))}`).join('');
  const stroke = { line: 'stroke-width="1.8"', faint: 'stroke-width="1" stroke-opacity="0.3"', dashed: 'stroke-width="1.4" stroke-dasharray="5 4"' };
  // Faint lines first, so the smoothed ones are drawn over them.
  const ordered = [...drawn].sort((a, b) => Number(b.style === 'faint') - Number(a.style === 'faint'));
  let legendX = left;
  const legend = drawn
    .filter((s) => s.style !== 'faint')
    .map((s) => {
      const at = legendX;
      legendX += 30 + s.name.length * 6.5;
      return html`<line x1="${at}" x2="${at + 18}" y1="30" y2="30" stroke="${s.color}" stroke-width="3"${s.style === 'dashed' ? html` stroke-dasharray="5 3"` : ''}/><text x="${at + 22}" y="34">${s.name}</text>`;
    });
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}" font-family="system-ui, sans-serif" font-size="11" fill="#333">
<text class="title" x="${left}" y="14" font-size="13" font-weight="600">${title}</text>
<g class="legend">${legend}</g>
<g class="grid" stroke="#e6e6e6">${y.ticks.map((v) => html`<line x1="${left}" x2="${right}" y1="${r(sy(v))}" y2="${r(sy(v))}"/>`)}</g>
<g class="axis y"><line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#888"/>${y.ticks.map((v) => html`<text class="tick" x="${left - 6}" y="${r(sy(v) + 4)}" text-anchor="end">${formatTick(v, y.step)}</text>`)}</g>
<g class="axis x"><line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#888"/>${x.ticks.map((v) => html`<line x1="${r(sx(v))}" x2="${r(sx(v))}" y1="${bottom}" y2="${bottom + 4}" stroke="#888"/><text class="tick" x="${r(sx(v))}" y="${bottom + 16}" text-anchor="middle">${formatTick(v, x.step)}</text>`)}</g>
<text class="label x" x="${(left + right) / 2}" y="${height - 6}" text-anchor="middle">${xLabel}</text>
${yLabel ? html`<text class="label y" transform="translate(14 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>` : ''}
<g class="lines" fill="none">${ordered.map((s) => html`<path d="${path(s)}" stroke="${s.color}" ${raw(stroke[s.style ?? 'line'])}><title>${s.name}</title></path>`)}</g>
</svg>`;
}
