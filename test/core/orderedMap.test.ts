import { describe, expect, it } from 'vitest';
import { firstValueFrom, from, interval, Subject, take, toArray } from 'rxjs';
import { orderedMap } from '../../src/core/orderedMap.js';
import { sleep } from '../helpers/images.js';

describe('orderedMap', () => {
  it('emits in input order although later inputs finish first', async () => {
    const delays = [40, 5, 25, 1, 10, 0];
    const out = await firstValueFrom(
      from(delays).pipe(
        orderedMap(async (ms) => {
          await sleep(ms);
          return ms;
        }, 4),
        toArray(),
      ),
    );
    expect(out).toEqual(delays);
  });

  it('skips undefined results without holding up the rest', async () => {
    const out = await firstValueFrom(from([1, 2, 3, 4]).pipe(orderedMap(async (x) => (x % 2 ? x : undefined), 2), toArray()));
    expect(out).toEqual([1, 3]);
  });

  it('never runs more than `concurrency` tasks at once', async () => {
    let running = 0;
    let peak = 0;
    await firstValueFrom(
      from(Array.from({ length: 20 }, (_, i) => i)).pipe(
        orderedMap(async (x) => {
          running++;
          peak = Math.max(peak, running);
          await sleep(2);
          running--;
          return x;
        }, 3),
        toArray(),
      ),
    );
    expect(peak).toBe(3);
  });

  it('propagates a task error as a stream error', async () => {
    const run = firstValueFrom(
      from([1, 2]).pipe(
        orderedMap(async (x) => {
          if (x === 2) throw new Error('boom');
          return x;
        }, 2),
        toArray(),
      ),
    );
    await expect(run).rejects.toThrow('boom');
  });

  it('tears down on unsubscribe: no emission after it, source unsubscribed', async () => {
    const seen: number[] = [];
    const input = new Subject<number>();
    const sub = input.pipe(orderedMap(async (x) => (await sleep(5), x), 2)).subscribe((x) => seen.push(x));
    input.next(1);
    input.next(2);
    sub.unsubscribe();
    await sleep(20);
    expect(seen).toEqual([]);
    expect(input.observed).toBe(false);
  });

  it('completes after the last result when the source completes', async () => {
    const out = await firstValueFrom(interval(1).pipe(take(5), orderedMap(async (x) => x * 2, 2), toArray()));
    expect(out).toEqual([0, 2, 4, 6, 8]);
  });
});
