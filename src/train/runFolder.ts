import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GanpipeError } from '../core/errors.js';
import type { GanTrainer } from '../core/trainer.js';
import { writeRunReport } from './report.js';
import { appendMetrics, readMetrics, readState, runPaths, writeJson, type MetricsLine, type RunPaths, type TrainState } from './runFiles.js';

// Metrics lines held in memory before they are appended to metrics.jsonl.
const METRICS_FLUSH_LINES = 50;

/**
 * A run folder while a run trains in it: `train()` opens one, and everything the run writes
 * (config.json, metrics.jsonl, samples/, checkpoints/, report.html) goes through it. The
 * folder's layout and file formats are in runFiles.ts; this is their lifecycle: start fresh or
 * resume, log, save, finish. (What a run must own exclusively, such as a lock or the handling of
 * an interrupt, belongs here too.)
 */
export class RunFolder {
  readonly paths: RunPaths;
  // Metrics lines not yet in metrics.jsonl (appended in bulk, and before every checkpoint).
  private readonly pending: MetricsLine[] = [];

  private constructor(dir: string) {
    this.paths = runPaths(dir);
  }

  /** Starts a fresh run in `dir`: an earlier run's metrics, samples and checkpoints are removed. */
  static async start(dir: string, config: unknown): Promise<RunFolder> {
    const folder = new RunFolder(dir);
    const { metrics, checkpoints, samples } = folder.paths;
    await rm(metrics, { force: true });
    await rm(checkpoints, { recursive: true, force: true });
    await rm(samples, { recursive: true, force: true });
    await folder.prepare(config);
    return folder;
  }

  /**
   * Continues the run in `dir` from its last checkpoint: loads it into `trainer` and drops the
   * metrics logged after it (those steps are redone, and each step appears once).
   * @returns the folder and where training stands (step, epoch, data position).
   * @throws GanpipeError when there is no checkpoint, or it was made with another seed.
   */
  static async resume(dir: string, trainer: GanTrainer, seed: number | string, config: unknown): Promise<{ folder: RunFolder; state: TrainState }> {
    const folder = new RunFolder(dir);
    const { paths } = folder;
    const saved = await readState(paths);
    if (!saved) throw new GanpipeError(`--resume: no checkpoint in ${paths.checkpoints}; run without --resume to start`);
    if (saved.seed !== seed) throw new GanpipeError(`--resume: the checkpoint used seed ${saved.seed}, the pipeline has ${seed}`);
    await trainer.load(paths.latest);
    const kept = (await readMetrics(paths)).filter((m) => m.step <= saved.step);
    await writeFile(paths.metrics, '');
    await appendMetrics(paths, kept);
    await folder.prepare(config);
    return { folder, state: saved };
  }

  private async prepare(config: unknown): Promise<void> {
    await mkdir(this.paths.samples, { recursive: true });
    await writeJson(this.paths.config, config);
  }

  /** Records one step's metrics (written in bulk; `flush` writes what is held). */
  async log(line: MetricsLine): Promise<void> {
    this.pending.push(line);
    if (this.pending.length >= METRICS_FLUSH_LINES) await this.flush();
  }

  /** Appends the metrics held in memory to metrics.jsonl. */
  async flush(): Promise<void> {
    await appendMetrics(this.paths, this.pending.splice(0));
  }

  /** Writes the sample grid of `step` (samples/step-NNNNNN.png). */
  async writeGrid(step: number, png: Uint8Array): Promise<void> {
    await writeFile(path.join(this.paths.samples, `step-${String(step).padStart(6, '0')}.png`), png);
  }

  /**
   * Saves `trainer` and `state` as checkpoints/latest, after the metrics up to it. The new
   * checkpoint is written beside and swapped in whole: a run killed mid-save keeps the previous one.
   */
  async checkpoint(trainer: GanTrainer, state: TrainState): Promise<void> {
    await this.flush();
    const next = path.join(this.paths.checkpoints, '.next');
    await rm(next, { recursive: true, force: true });
    await trainer.save(next);
    await writeJson(path.join(next, 'state.json'), state);
    await rm(this.paths.latest, { recursive: true, force: true });
    await rename(next, this.paths.latest);
  }

  /** Writes report.html from what the folder holds (metrics, grids, config, eval). */
  async writeReport(): Promise<void> {
    await writeRunReport(this.paths.dir);
  }
}
