import { describe, expect, it } from 'vitest';
import { pipeline, stages } from '../../src/index.js';
import { countingSource, sleep } from '../helpers/images.js';

describe('backpressure', () => {
  const concurrency = 3;
  const size = 8;
  const prefetch = 2;
  const bound = concurrency + (prefetch + 1) * size;

  it('keeps production within consumed + concurrency + (prefetch + 1) × batch size for a slow consumer', async () => {
    const { source, produced } = countingSource(1000);
    const p = pipeline({ seed: 1, concurrency })
      .from(source)
      .pipe(stages.resize({ width: 6, height: 6 }), stages.normalize())
      .batch({ size, prefetch });
    let consumed = 0;
    let worst = 0;
    let batches = 0;
    for await (const batch of p.batches()) {
      consumed += batch.ids.length;
      batch.xs.dispose();
      batch.ys?.dispose();
      await sleep(3); // a slow trainer
      worst = Math.max(worst, produced() - consumed);
      if (++batches === 30) break;
    }
    expect(consumed).toBe(30 * size);
    expect(worst).toBeLessThanOrEqual(bound);
    expect(worst).toBeGreaterThan(size); // it does prefetch
  });

  it('stops producing after break', async () => {
    const { source, produced } = countingSource(100_000);
    const p = pipeline({ seed: 1, concurrency }).from(source).batch({ size, prefetch });
    const stream = p.batches();
    for await (const batch of stream) {
      batch.xs.dispose();
      batch.ys?.dispose();
      break;
    }
    const afterBreak = produced();
    await sleep(50);
    expect(produced()).toBe(afterBreak);
    expect(afterBreak).toBeLessThanOrEqual(size + bound);
  });

  it('stops producing when the consumer throws', async () => {
    const { source, produced } = countingSource(100_000);
    const p = pipeline({ seed: 1, concurrency }).from(source).batch({ size, prefetch });
    await expect(
      (async () => {
        for await (const batch of p.batches()) {
          batch.xs.dispose();
          batch.ys?.dispose();
          throw new Error('consumer failed');
        }
      })(),
    ).rejects.toThrow('consumer failed');
    const after = produced();
    await sleep(50);
    expect(produced()).toBe(after);
  });

  it('reads nothing until iterated', async () => {
    const { source, produced } = countingSource(10);
    const p = pipeline({ seed: 1 }).from(source).batch({ size: 2 });
    p.batches();
    await sleep(10);
    expect(produced()).toBe(0);
  });
});
