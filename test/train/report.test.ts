import { describe, expect, it } from 'vitest';
import { runReportHtml } from '../../src/train/report.js';
import type { MetricsLine } from '../../src/train/runFiles.js';

// 400 steps of 250 ms each: 90 ms training, 10 ms waiting; ADA every 4 steps.
const metrics: MetricsLine[] = Array.from({ length: 400 }, (_, i) => ({
  step: i + 1,
  epoch: 0,
  d_loss: 1.3 - i / 1000,
  g_loss: 0.8 + i / 1000,
  d_real: 0.55,
  d_fake: 0.45,
  ms_step: 90,
  ms_wait: 10,
  ms_pipeline: 0,
  time: 1_000_000 + 100 + i * 250,
  ...((i + 1) % 4 === 0 ? { augment_p: i / 800, augment_rt: 0.5 } : {}),
}));

const ticks = (page: string, title: string, axis: 'x' | 'y') => {
  const chart = page.slice(page.indexOf(`aria-label="${title}`));
  const group = new RegExp(`<g class="axis ${axis}">(.*?)</g>`, 's').exec(chart)![1]!;
  return [...group.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
};

describe('report.html', () => {
  const page = runReportHtml({
    dir: 'runs/x',
    metrics,
    config: { model: 'dcgan', seed: 7, pipeline: { train: { augment: { adaptive: true, target: 0.6 } } } },
    grids: ['step-000250.png', 'step-000400.png'],
  });

  it('plots losses by step and by seconds since the run started, smoothed over a window that grows with the run', () => {
    expect(page).toContain('Losses by step, moving average of 10 steps');
    expect(ticks(page, 'Losses by step', 'x')).toEqual(['0', '50', '100', '150', '200', '250', '300', '350', '400']);
    // The first step ended 0.1 s after the run began; the last 99.85 s later.
    expect(ticks(page, 'Losses by wall time', 'x')).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(ticks(page, 'D(x) and D(G(z))', 'y')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  });

  it('shows ADA with its target, the stall shares, the grids with their step and time, and where eval is missing, how to run it', () => {
    expect(page).toContain('Adaptive augmentation (ADA)');
    expect(page).toContain('target 0.6');
    expect(page).toContain('<b>10.0%</b> went to waiting for data');
    expect(page).toContain('<figcaption>step 250 · 62 s</figcaption>');
    expect(page).toContain('src="samples/step-000400.png" alt="latest samples, step 400 · 100 s"');
    expect(page).toContain('Not evaluated yet: run <code>ganpipe eval runs/x</code>');
  });

  it('a run without steps yet still renders, saying there is no data', () => {
    const empty = runReportHtml({ dir: 'runs/<new>', metrics: [], config: {}, grids: [] });
    expect(empty).toContain('Losses by step: no data yet');
    expect(empty).toContain('No sample grid yet.');
    expect(empty).toContain('runs/&lt;new&gt;');
    expect(empty).not.toContain('Adaptive augmentation');
  });
});
