import { escapeHtml } from '../core/escapeHtml.js';

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
}


/** Moving average over `window` points, then at most `max` points kept (evenly spaced). */
export function smooth(points: readonly (readonly [number, number])[], window = 25, max = 400): [number, number][] {
  const out: [number, number][] = [];
  let sum = 0;
  points.forEach(([x, y], i) => {
    sum += y;
    if (i >= window) sum -= points[i - window]![1];
    out.push([x, sum / Math.min(i + 1, window)]);
  });
  const stride = Math.max(1, Math.ceil(out.length / max));
  return out.filter((_, i) => i % stride === 0 || i === out.length - 1);
}

/** A self-contained SVG line chart with axes, ticks and a legend. */
export function lineChart(series: readonly Series[], { title, width = 640, height = 260, xLabel = 'step' }: { title: string; width?: number; height?: number; xLabel?: string }): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return `<svg width="${width}" height="40"><text x="10" y="25">${escapeHtml(title)}: no data</text></svg>`;
  const [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const m = { l: 50, r: 120, t: 28, b: 32 };
  const sx = (x: number) => m.l + ((x - x0) / Math.max(1e-9, x1 - x0)) * (width - m.l - m.r);
  const sy = (y: number) => height - m.b - ((y - y0) / (y1 - y0)) * (height - m.t - m.b);
  const ticks = (lo: number, hi: number, n: number) => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${m.l}" y="16" font-size="13" font-weight="bold">${escapeHtml(title)}</text>`,
    ...ticks(y0, y1, 4).map((v) => `<line x1="${m.l}" x2="${width - m.r}" y1="${sy(v)}" y2="${sy(v)}" stroke="#ddd"/><text x="${m.l - 4}" y="${sy(v) + 4}" text-anchor="end">${fmt(v)}</text>`),
    ...ticks(x0, x1, 5).map((v) => `<text x="${sx(v)}" y="${height - m.b + 14}" text-anchor="middle">${Math.round(v)}</text>`),
    `<text x="${(m.l + width - m.r) / 2}" y="${height - 4}" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
    ...series.map((s, i) => {
      const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"/><rect x="${width - m.r + 10}" y="${m.t + i * 18}" width="12" height="3" fill="${s.color}"/><text x="${width - m.r + 26}" y="${m.t + i * 18 + 5}">${escapeHtml(s.name)}</text>`;
    }),
    '</svg>',
  ];
  return parts.join('\n');
}
