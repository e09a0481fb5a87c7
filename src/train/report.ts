import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { readMetrics, runPaths } from './runFiles.js';
import { lineChart, smooth } from './svgChart.js';
import type { EvalResult } from './eval/evaluate.js';
import type { RunConfig } from './session.js';
import { escapeHtml } from '../core/escapeHtml.js';


/**
 * Writes report.html into a run folder: loss curves, D(x) and D(G(z)), the data-stall
 * fraction, the sample grids over time and, once `ganpipe eval` ran, its numbers.
 */
export async function writeRunReport(dir: string): Promise<string> {
  const paths = runPaths(dir);
  const metrics = await readMetrics(paths);
  const config = existsSync(paths.config) ? (JSON.parse(await readFile(paths.config, 'utf8')) as Partial<RunConfig>) : {};
  const evalResult = existsSync(paths.eval) ? (JSON.parse(await readFile(paths.eval, 'utf8')) as EvalResult) : undefined;
  const grids = existsSync(paths.samples) ? readdirSync(paths.samples).filter((f) => f.endsWith('.png')).sort() : [];
  const series = (key: 'd_loss' | 'g_loss' | 'd_real' | 'd_fake' | 'ms_step' | 'ms_wait') => smooth(metrics.map((m) => [m.step, m[key]] as const));
  const raw = (key: 'augment_p' | 'augment_rt') => metrics.filter((m) => m[key] !== undefined).map((m) => [m.step, m[key]!] as [number, number]);
  const ada = raw('augment_p').length
    ? lineChart(
        [
          { name: 'p', color: '#7d3c98', points: smooth(raw('augment_p'), 1) },
          { name: 'r_t', color: '#138d75', points: smooth(raw('augment_rt'), 1) },
        ],
        { title: 'Adaptive augmentation: probability p and overfitting signal r_t' },
      )
    : '';
  const waited = metrics.reduce((a, m) => a + m.ms_wait, 0);
  const busy = metrics.reduce((a, m) => a + m.ms_step, 0);
  const turns = metrics.reduce((a, m) => a + (m.ms_pipeline ?? 0), 0);
  const stall = waited + busy + turns > 0 ? waited / (waited + busy + turns) : 0;
  const share = waited + busy + turns > 0 ? turns / (waited + busy + turns) : 0;
  const evalRows = evalResult
    ? [
        ['Classifier test accuracy', `${(evalResult.classifierAccuracy * 100).toFixed(2)}%`],
        ['Fréchet distance (classifier features)', `${evalResult.frechet.toFixed(3)} — real-vs-real floor ${evalResult.frechetRealFloor.toFixed(3)} (n = ${evalResult.n})`],
        ['Inception Score (classifier)', `${evalResult.inceptionScore.toFixed(3)} — real images ${evalResult.inceptionScoreReal.toFixed(3)}`],
        ['Precision / recall (k = 3)', `${evalResult.precision.toFixed(3)} / ${evalResult.recall.toFixed(3)}`],
        ...(evalResult.perClassAccuracy
          ? [['Accuracy of generated classes', `${((evalResult.conditionalAccuracy ?? 0) * 100).toFixed(1)}% (${Object.entries(evalResult.perClassAccuracy).map(([k, v]) => `${escapeHtml(k)}: ${(v * 100).toFixed(0)}%`).join(', ')})`]]
          : []),
      ]
    : [];
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>ganpipe run: ${escapeHtml(dir)}</title>
<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}
.grids{display:flex;flex-wrap:wrap;gap:12px}.grids figure{margin:0}.grids img{width:240px;image-rendering:pixelated}figcaption{font-size:12px;color:#555}</style></head>
<body>
<h1>${escapeHtml(config.model ?? 'GAN')} run</h1>
<table>
<tr><th>Pipeline</th><td>${escapeHtml(config.pipelineFile ?? '')}</td></tr>
<tr><th>Seed</th><td>${escapeHtml(String(config.seed ?? ''))}</td></tr>
<tr><th>Steps</th><td>${metrics.at(-1)?.step ?? 0}</td></tr>
<tr><th>Median ms/step</th><td>${median(metrics.map((m) => m.ms_step)).toFixed(1)}</td></tr>
<tr><th>Data stall</th><td>${(stall * 100).toFixed(2)}% of training time spent waiting for the next batch; ${(share * 100).toFixed(2)}% on the pipeline's JS work between steps</td></tr>
</table>
<h2>Evaluation</h2>
${evalRows.length ? `<table>${evalRows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('\n')}</table>` : '<p>Not evaluated yet: run <code>ganpipe eval ' + escapeHtml(dir) + '</code>.</p>'}
<h2>Losses</h2>
${lineChart([{ name: 'D loss', color: '#c0392b', points: series('d_loss') }, { name: 'G loss', color: '#2471a3', points: series('g_loss') }], { title: 'Losses (moving average of 25 steps)' })}
${lineChart([{ name: 'D(x)', color: '#1e8449', points: series('d_real') }, { name: 'D(G(z))', color: '#af601a', points: series('d_fake') }], { title: 'Discriminator outputs (probabilities)' })}
${ada}
${lineChart([{ name: 'step', color: '#555', points: series('ms_step') }, { name: 'wait for data', color: '#d35400', points: series('ms_wait') }], { title: 'Milliseconds per step' })}
<h2>Samples over time</h2>
<p>The same latent vectors at every checkpoint${config.classes && config.model === 'cgan' ? ', one class per column' : ''}.</p>
<div class="grids">${grids.map((g) => `<figure><img src="samples/${g}" alt="${g}"><figcaption>${g.replace('.png', '')}</figcaption></figure>`).join('\n')}</div>
</body></html>
`;
  await writeFile(paths.report, html);
  return paths.report;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
