import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GanTrainer } from '../../src/core/trainer.js';
import type { MetricsLine } from '../../src/train/runFiles.js';
import { RunFolder } from '../../src/train/runFolder.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ganpipe-runfolder-'));
const line = (step: number): MetricsLine => ({ step, epoch: 0, d_loss: 1, g_loss: 1, d_real: 0.5, d_fake: 0.5, ms_step: 1, ms_wait: 0, time: 0 });
const steps = (dir: string) => readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as MetricsLine).step);

/** A trainer whose checkpoint is one file holding a label; `load` records what it read. */
function fakeTrainer(label: string, { failSave = false } = {}) {
  const loaded: string[] = [];
  const trainer = {
    async save(dir: string) {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'weights.txt'), label);
      if (failSave) throw new Error('disk full');
    },
    async load(dir: string) {
      loaded.push(readFileSync(path.join(dir, 'weights.txt'), 'utf8'));
    },
  } as unknown as GanTrainer;
  return { trainer, loaded };
}

describe('RunFolder', () => {
  it("start clears an earlier run's metrics, samples and checkpoints, and writes config.json", async () => {
    const dir = tmp();
    for (const d of ['samples', 'checkpoints/latest']) mkdirSync(path.join(dir, d), { recursive: true });
    writeFileSync(path.join(dir, 'metrics.jsonl'), `${JSON.stringify(line(9))}\n`);
    writeFileSync(path.join(dir, 'samples/step-000009.png'), '');
    const folder = await RunFolder.start(dir, { seed: 1 });
    expect(existsSync(path.join(dir, 'metrics.jsonl'))).toBe(false);
    expect(readdirSync(path.join(dir, 'samples'))).toEqual([]);
    expect(existsSync(path.join(dir, 'checkpoints'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ seed: 1 });
    // Metrics are held, then written by a flush or a checkpoint.
    await folder.log(line(1));
    expect(existsSync(path.join(dir, 'metrics.jsonl'))).toBe(false);
    await folder.checkpoint(fakeTrainer('a').trainer, { step: 1, epoch: 0, cursor: 4, seed: 1, model: 'm' });
    expect(steps(dir)).toEqual([1]);
  });

  it('resume loads the last checkpoint and drops the metrics logged after it; a failed save keeps it', async () => {
    const dir = tmp();
    const folder = await RunFolder.start(dir, {});
    for (const s of [1, 2]) await folder.log(line(s));
    await folder.checkpoint(fakeTrainer('at step 2').trainer, { step: 2, epoch: 0, cursor: 8, seed: 3, model: 'm' });
    await folder.log(line(3));
    await expect(folder.checkpoint(fakeTrainer('at step 3', { failSave: true }).trainer, { step: 3, epoch: 0, cursor: 12, seed: 3, model: 'm' })).rejects.toThrow('disk full');
    expect(steps(dir)).toEqual([1, 2, 3]);

    const { trainer, loaded } = fakeTrainer('fresh');
    const resumed = await RunFolder.resume(dir, trainer, 3, {});
    expect(loaded).toEqual(['at step 2']);
    expect(resumed.state).toEqual({ step: 2, epoch: 0, cursor: 8, seed: 3, model: 'm' });
    expect(steps(dir)).toEqual([1, 2]);
    await expect(RunFolder.resume(dir, trainer, 4, {})).rejects.toThrow('--resume: the checkpoint used seed 3, the pipeline has 4');
  });
});
