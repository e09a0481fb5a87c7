import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, stages, tf } from '../../src/index.js';
import { train } from '../../src/train/train.js';
import type { GanTrainer } from '../../src/core/trainer.js';
import { countingSource, sleep } from '../helpers/images.js';
import { mnistSlicePipeline, model } from '../helpers/train.js';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `ganpipe-${name}-`));

/** Wraps a trainer to record the batch ids of every step (and optionally slow it down). */
function recording(t: GanTrainer, delayMs = 0) {
  const seen: string[][] = [];
  const wrapped: GanTrainer = {
    ...t,
    step: async (batch, step) => {
      seen.push([...batch.ids]);
      if (delayMs) await sleep(delayMs);
      return t.step(batch, step);
    },
  };
  return { trainer: wrapped, seen };
}

describe('train()', () => {
  it('writes metrics.jsonl (one line per step), sample grids, a checkpoint, config.json and report.html', async () => {
    const out = tmp('train');
    const t = model('dcgan', { width: 16 });
    const result = await train(mnistSlicePipeline(), t, { out, steps: 7, sampleEvery: 3, checkpointEvery: 5 });
    expect(result.steps).toBe(7);
    const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const key of ['d_loss', 'g_loss', 'd_real', 'd_fake', 'ms_step', 'ms_wait']) expect(typeof lines[0][key]).toBe('number');
    expect(readdirSync(path.join(out, 'samples'))).toEqual(['step-000003.png', 'step-000006.png', 'step-000007.png']);
    expect(JSON.parse(readFileSync(path.join(out, 'checkpoints/latest/state.json'), 'utf8'))).toMatchObject({ step: 7 });
    for (const f of ['generator/model.json', 'discriminator/model.json', 'optimizer-generator.bin']) {
      expect(existsSync(path.join(out, 'checkpoints/latest', f)), f).toBe(true);
    }
    expect(existsSync(path.join(out, 'config.json'))).toBe(true);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('samples/step-000006.png');
    t.dispose();
  });

  it('resume continues the step count and sees exactly the batches an uninterrupted run sees, none twice', async () => {
    // Uninterrupted: 9 steps over two epochs of 6 batches.
    const full = recording(model('dcgan', { width: 16 }));
    const fullOut = tmp('full');
    await train(mnistSlicePipeline(3), full.trainer, { out: fullOut, steps: 9, checkpointEvery: 4 });
    // Interrupted after step 4 (its checkpoint), then resumed to 9 in a fresh trainer.
    const out = tmp('resume');
    const first = recording(model('dcgan', { width: 16 }));
    await train(mnistSlicePipeline(3), first.trainer, { out, steps: 4, checkpointEvery: 4 });
    const second = recording(model('dcgan', { width: 16 }));
    const result = await train(mnistSlicePipeline(3), second.trainer, { out, steps: 9, checkpointEvery: 4, resume: true });
    expect(result.steps).toBe(9);
    expect([...first.seen, ...second.seen]).toEqual(full.seen);
    const epoch0 = [...first.seen, ...second.seen].slice(0, 6).flat();
    expect(new Set(epoch0).size).toBe(epoch0.length);
    // Same weights, optimizer state and noise: the resumed run's losses match the uninterrupted one's.
    const losses = (dir: string) => readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const [a, b] = [losses(fullOut), losses(out)];
    expect(b.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 0; i < 9; i++) expect(b[i].d_loss).toBeCloseTo(a[i].d_loss, 4);
  });

  it('opening the next epoch early changes no batch: the steps see epochs 0, 1, 2 in order', async () => {
    const p = mnistSlicePipeline(3, 16);
    const want: string[][] = [];
    for (const epoch of [0, 1, 2]) for await (const b of p.batches({ epoch })) (want.push(b.ids), tf.dispose([b.xs, b.ys!]));
    const { trainer, seen } = recording(model('dcgan', { width: 16 }));
    // 6 batches per epoch: 15 steps end inside epoch 2, with epoch 3 never needed.
    await train(p, trainer, { out: tmp('epochs'), steps: 15, checkpointEvery: 1000, sampleEvery: 1000 });
    expect(seen).toEqual(want.slice(0, 15));
    trainer.dispose();
  });

  it('resume refuses a run folder without a checkpoint', async () => {
    await expect(train(mnistSlicePipeline(), model('dcgan', { width: 16 }), { out: tmp('none'), steps: 2, resume: true })).rejects.toThrow(/no checkpoint/);
  });

  it('a slow trainer sets the pace: the pipeline stays within its in-flight bound and tensors stay flat', async () => {
    const { source, produced } = countingSource(10_000, 28);
    const size = 8;
    const p = pipeline({ seed: 1, concurrency: 2 }).from(source).pipe(stages.normalize()).batch({ size, prefetch: 2 });
    const inner = model('dcgan', { width: 16 }, [28, 28, 1], 3);
    let worst = 0;
    let consumed = 0;
    let tensorsAfterBurnIn = 0;
    const slow: GanTrainer = {
      ...inner,
      step: async (batch, step) => {
        consumed += batch.ids.length;
        await sleep(15);
        worst = Math.max(worst, produced() - consumed);
        const m = await inner.step(batch, step);
        if (step === 1) tensorsAfterBurnIn = tf.memory().numTensors;
        if (step > 1) expect(tf.memory().numTensors).toBe(tensorsAfterBurnIn);
        return m;
      },
    };
    await train(p, slow, { out: tmp('slow'), steps: 25, checkpointEvery: 1000, sampleEvery: 1000 });
    expect(produced()).toBeLessThan(10_000);
    expect(worst).toBeLessThanOrEqual(2 + (2 + 1) * size);
    inner.dispose();
  });
});
