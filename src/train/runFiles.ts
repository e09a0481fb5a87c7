import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where a run keeps its artefacts. */
export function runPaths(dir: string) {
  return {
    dir,
    config: path.join(dir, 'config.json'),
    metrics: path.join(dir, 'metrics.jsonl'),
    samples: path.join(dir, 'samples'),
    checkpoints: path.join(dir, 'checkpoints'),
    latest: path.join(dir, 'checkpoints', 'latest'),
    state: path.join(dir, 'checkpoints', 'latest', 'state.json'),
    eval: path.join(dir, 'eval.json'),
    classifier: path.join(dir, 'classifier'),
    report: path.join(dir, 'report.html'),
  };
}
export type RunPaths = ReturnType<typeof runPaths>;

/** Where training stands: enough to resume with the same steps, noise and data position. */
export interface TrainState {
  readonly step: number;
  readonly epoch: number;
  /** Source position after the last batch trained on (see `Batch.cursor`). */
  readonly cursor: number;
  readonly seed: number | string;
  readonly model: string;
}

/** One line of metrics.jsonl. */
export interface MetricsLine {
  step: number;
  epoch: number;
  d_loss: number;
  g_loss: number;
  d_real: number;
  d_fake: number;
  ms_step: number;
  /** Waiting for the next batch: none was ready. */
  ms_wait: number;
  /** The pipeline's JS work on this thread after the step (reads and decodes that finished during it). */
  ms_pipeline?: number;
  time: number;
  augment_p?: number;
  augment_rt?: number;
}

export async function readState(paths: RunPaths): Promise<TrainState | undefined> {
  return existsSync(paths.state) ? (JSON.parse(await readFile(paths.state, 'utf8')) as TrainState) : undefined;
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function appendMetrics(paths: RunPaths, lines: MetricsLine[]): Promise<void> {
  if (lines.length) await appendFile(paths.metrics, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

export async function readMetrics(paths: RunPaths): Promise<MetricsLine[]> {
  if (!existsSync(paths.metrics)) return [];
  return (await readFile(paths.metrics, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MetricsLine);
}
