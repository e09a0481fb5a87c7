import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { readMetrics, runPaths, type MetricsLine } from './runFiles.js';
import type { EvalResult } from './eval/evaluate.js';
import type { RunConfig } from './session.js';
import { html, type SafeHtml } from '../report/html.js';
import { lineChart, smooth, thin, type Point, type Series } from '../report/lineChart.js';
import { page } from '../report/page.js';

/** Everything report.html shows; read from a run folder by `writeRunReport`. */
export interface RunReportData {
  /** The run folder, as given. */
  readonly dir: string;
  readonly metrics: readonly MetricsLine[];
  readonly config: Partial<RunConfig>;
  readonly evalResult?: EvalResult | undefined;
  /** File names in `samples/` (`step-000250.png`), sorted. */
  readonly grids: readonly string[];
}

/**
 * Writes report.html into a run folder: losses and D(x), D(G(z)) by step and by time, ADA's
 * p and r_t when present, the data stall, the sample grids over time and, once `ganpipe eval`
 * ran, its numbers beside their real-data references. The grids stay beside the page in
 * `samples/`; everything else is inline.
 */
export async function writeRunReport(dir: string): Promise<string> {
  const paths = runPaths(dir);
  const metrics = await readMetrics(paths);
  const config = existsSync(paths.config) ? (JSON.parse(await readFile(paths.config, 'utf8')) as Partial<RunConfig>) : {};
  const evalResult = existsSync(paths.eval) ? (JSON.parse(await readFile(paths.eval, 'utf8')) as EvalResult) : undefined;
  const grids = existsSync(paths.samples) ? readdirSync(paths.samples).filter((f) => f.endsWith('.png')).sort() : [];
  await writeFile(paths.report, runReportHtml({ dir, metrics, config, evalResult, grids }));
  return paths.report;
}

/** The report page of one run (see `writeRunReport`). */
export function runReportHtml(data: RunReportData): string {
  const { metrics, config } = data;
  const seconds = elapsedSeconds(metrics);
  const window = Math.min(50, Math.max(1, Math.round(metrics.length / 40)));
  const line = (name: string, color: string, points: Point[], raw = true): Series[] => [
    ...(raw ? [{ name, color, points: thin(points, 600), style: 'faint' as const }] : []),
    { name, color, points: thin(smooth(points, window)) },
  ];
  const by = (key: keyof MetricsLine, x: (m: MetricsLine, i: number) => number): Point[] =>
    metrics.flatMap((m, i) => (typeof m[key] === 'number' ? [[x(m, i), m[key]] as const] : []));
  const byStep = (key: keyof MetricsLine) => by(key, (m) => m.step);
  const byTime = (key: keyof MetricsLine) => by(key, (_, i) => seconds[i]!);
  const smoothed = window > 1 ? `, moving average of ${window} steps over the raw values` : '';
  const model = config.model ?? 'GAN';
  const body = html`
<h1>${model} run</h1>
<p class="sub">${data.dir}${config.pipelineFile ? html` · pipeline <code>${config.pipelineFile}</code>` : ''}${config.seed !== undefined ? html` · seed ${config.seed}` : ''}</p>
${summaryCards(data, seconds)}
<h2>Samples over time</h2>
${samplesSection(data, seconds)}
<h2>Losses</h2>
<div class="charts">
${lineChart([...line('D loss', '#c0392b', byStep('d_loss')), ...line('G loss', '#2471a3', byStep('g_loss'))], { title: `Losses by step${smoothed}` })}
${lineChart([...line('D loss', '#c0392b', byTime('d_loss')), ...line('G loss', '#2471a3', byTime('g_loss'))], { title: 'Losses by wall time', xLabel: 'seconds since the first step' })}
</div>
<h2>Discriminator</h2>
<div class="charts">
${lineChart([...line('D(x), real', '#1e8449', byStep('d_real')), ...line('D(G(z)), generated', '#af601a', byStep('d_fake'))], { title: 'D(x) and D(G(z)): the probability D gives real and generated images', yDomain: [0, 1] })}
${adaChart(data)}
</div>
<h2>Data stall</h2>
${stallSection(data, byStep, window)}
<h2>Evaluation</h2>
${evalSection(data)}`;
  return page({ title: `ganpipe run: ${model} — ${data.dir}`, body, style: STYLE });
}

const STYLE = `
.latest{display:flex;gap:20px;align-items:flex-start;flex-wrap:wrap}.latest img{width:min(420px,100%);image-rendering:pixelated;border:1px solid #ccc;background:#fff}
.strip{display:flex;gap:10px;overflow-x:auto;padding:4px 0 10px}.strip figure{margin:0;flex:0 0 auto;text-align:center}
.strip img{width:140px;image-rendering:pixelated;border:1px solid #ccc;display:block}.strip figcaption{font-size:12px;color:#555}
.shares{display:flex;height:22px;border-radius:4px;overflow:hidden;max-width:760px;margin:6px 0}.shares div{min-width:2px}
.keys span{margin-right:16px;font-size:13px}.keys i{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}
.better{color:#666;font-size:12px}`;

// Seconds since the run started, per metrics line: each line is stamped when its step ended.
function elapsedSeconds(metrics: readonly MetricsLine[]): number[] {
  const first = metrics[0];
  if (!first) return [];
  const start = first.time - (first.ms_wait + first.ms_step + (first.ms_pipeline ?? 0));
  return metrics.map((m) => (m.time - start) / 1000);
}

function stallShares(metrics: readonly MetricsLine[]) {
  const sum = (f: (m: MetricsLine) => number) => metrics.reduce((a, m) => a + f(m), 0);
  const [wait, step, turns] = [sum((m) => m.ms_wait), sum((m) => m.ms_step), sum((m) => m.ms_pipeline ?? 0)];
  const total = wait + step + turns;
  return total > 0 ? { wait: wait / total, step: step / total, turns: turns / total } : { wait: 0, step: 0, turns: 0 };
}

const percent = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;

function summaryCards({ metrics, evalResult }: RunReportData, seconds: readonly number[]): SafeHtml {
  const ms = metrics.map((m) => m.ms_step).sort((a, b) => a - b);
  const card = (value: string, label: string) => html`<div class="card"><b>${value}</b><span>${label}</span></div>`;
  return html`<div class="cards">
${card((metrics.at(-1)?.step ?? 0).toLocaleString('en-US'), 'steps')}
${card(`${(seconds.at(-1) ?? 0).toFixed(0)} s`, 'wall time')}
${card(ms.length ? `${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms` : '–', 'median step')}
${card(percent(stallShares(metrics).wait), 'waiting for data')}
${evalResult ? card(evalResult.frechet.toFixed(2), `Fréchet distance (floor ${evalResult.frechetRealFloor.toFixed(2)})`) : ''}
</div>`;
}

function samplesSection({ grids, metrics, config }: RunReportData, seconds: readonly number[]): SafeHtml {
  if (grids.length === 0) return html`<p>No sample grid yet.</p>`;
  const timeOf = new Map(metrics.map((m, i) => [m.step, seconds[i]!]));
  const caption = (file: string) => {
    const step = Number(/(\d+)/.exec(file)?.[1] ?? NaN);
    const t = timeOf.get(step);
    return Number.isFinite(step) ? `step ${step.toLocaleString('en-US')}${t !== undefined ? ` · ${t.toFixed(0)} s` : ''}` : file.replace(/\.png$/, '');
  };
  const latest = grids.at(-1)!;
  const perClass = config.model === 'cgan' && config.classes?.length ? ', one class per column' : '';
  const src = (file: string) => `samples/${encodeURIComponent(file)}`;
  return html`<div class="latest"><a href="${src(latest)}"><img src="${src(latest)}" alt="latest samples, ${caption(latest)}"></a>
<p>Latest grid: ${caption(latest)}.<br>Every grid shows the same latent vectors${perClass}, so the strip below reads as one set of images learning.</p></div>
<div class="strip">${grids.map((g) => html`<figure><a href="${src(g)}"><img src="${src(g)}" alt="samples at ${caption(g)}"></a><figcaption>${caption(g)}</figcaption></figure>`)}</div>`;
}

function adaChart({ metrics, config }: RunReportData): SafeHtml | string {
  const p = metrics.flatMap((m) => (m.augment_p !== undefined ? [[m.step, m.augment_p] as const] : []));
  if (p.length === 0) return '';
  const rt = metrics.flatMap((m) => (m.augment_rt !== undefined ? [[m.step, m.augment_rt] as const] : []));
  const target = ((config.pipeline?.['train'] as { augment?: { target?: unknown } } | undefined)?.augment?.target);
  const last = p.at(-1)!;
  const series: Series[] = [
    { name: 'p (augmentation probability)', color: '#7d3c98', points: thin(p) },
    { name: 'r_t (overfitting signal)', color: '#138d75', points: thin(rt) },
    ...(typeof target === 'number' ? [{ name: `target ${target}`, color: '#138d75', points: [[p[0]![0], target], [last[0], target]] as Point[], style: 'dashed' as const }] : []),
  ];
  return lineChart(series, { title: 'Adaptive augmentation (ADA): p follows r_t towards its target', yDomain: [0, 1] });
}

function stallSection({ metrics }: RunReportData, byStep: (key: keyof MetricsLine) => Point[], window: number): SafeHtml {
  const s = stallShares(metrics);
  const parts = [
    { name: 'training step', color: '#5d6d7e', share: s.step },
    { name: 'waiting for the next batch', color: '#d35400', share: s.wait },
    { name: "pipeline's JS work between steps", color: '#f5b041', share: s.turns },
  ];
  const ms = (name: string, color: string, key: keyof MetricsLine): Series => ({ name, color, points: thin(smooth(byStep(key), window)) });
  return html`<p>Of the training loop's time, <b>${percent(s.wait)}</b> went to waiting for data and ${percent(s.turns)} to the pipeline's own work on the training thread between steps. Above a few percent, the pipeline is the bottleneck.</p>
<div class="shares" role="img" aria-label="share of time">${parts.map((p) => html`<div style="flex:${p.share.toFixed(4)};background:${p.color}" title="${p.name}: ${percent(p.share)}"></div>`)}</div>
<p class="keys">${parts.map((p) => html`<span><i style="background:${p.color}"></i>${p.name} ${percent(p.share)}</span>`)}</p>
<div class="charts">${lineChart([ms('step', '#5d6d7e', 'ms_step'), ms('wait for data', '#d35400', 'ms_wait'), ms('pipeline between steps', '#f5b041', 'ms_pipeline')], { title: 'Milliseconds per step', yLabel: 'ms' })}</div>`;
}

function evalSection({ evalResult: e, dir }: RunReportData): SafeHtml {
  if (!e) return html`<p>Not evaluated yet: run <code>ganpipe eval ${dir}</code>.</p>`;
  const row = (name: string, value: string, reference: string, better: string) =>
    html`<tr><th>${name}</th><td class="num">${value}</td><td class="num">${reference}</td><td class="better">${better}</td></tr>`;
  const perClass = e.perClassAccuracy ? Object.entries(e.perClassAccuracy).map(([k, v]) => `${k}: ${(v * 100).toFixed(0)}%`).join(', ') : '';
  return html`<table>
<tr><th>metric</th><th class="num">generated</th><th class="num">real data</th><th></th></tr>
${row('Fréchet distance (classifier features)', e.frechet.toFixed(3), e.frechetRealFloor.toFixed(3), `lower is better; real vs real (two halves of n = ${e.n}) is the floor`)}
${row('Inception Score (classifier)', e.inceptionScore.toFixed(3), e.inceptionScoreReal.toFixed(3), 'higher is better, up to the real images’ score')}
${row('Precision (k = 3)', e.precision.toFixed(3), '', 'share of generated images inside the real manifold')}
${row('Recall (k = 3)', e.recall.toFixed(3), '', 'share of real images inside the generated manifold')}
${e.conditionalAccuracy !== undefined ? row('Accuracy of generated classes', percent(e.conditionalAccuracy), percent(e.classifierAccuracy), perClass) : ''}
${row('Feature classifier test accuracy', percent(e.classifierAccuracy), '', 'how well the classifier whose features these are knows the real data')}
</table>`;
}
