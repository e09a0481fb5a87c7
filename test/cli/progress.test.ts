import { describe, expect, it, vi } from 'vitest';
import { formatDuration, ProgressLine } from '../../src/cli/progress.js';
import { stepLine } from '../../src/cli/train.js';

// A stand-in for process.stderr that records what is written.
function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

describe('ProgressLine', () => {
  it('off a TTY prints plain lines at most once per interval, milestones at once, and the last text at the end', () => {
    vi.useFakeTimers();
    try {
      const { writes, stream: s } = stream(false);
      const p = new ProgressLine({ stream: s, plainEveryMs: 10_000 });
      p.update('a');
      vi.advanceTimersByTime(5_000);
      p.update('b');
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(5_000);
      p.update('c');
      expect(writes).toEqual(['c\n']);
      p.update('d', true); // a milestone
      p.update('e');
      p.done();
      expect(writes).toEqual(['c\n', 'd\n', 'e\n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('off a TTY with plain: false (--json) writes nothing', () => {
    const { writes, stream: s } = stream(false);
    const p = new ProgressLine({ stream: s, plain: false, plainEveryMs: 0 });
    p.update('a', true);
    p.done();
    expect(writes).toEqual([]);
  });

  it('on a TTY rewrites one line in place, padded to the width, then ends it', () => {
    const { writes, stream: s } = stream(true);
    const p = new ProgressLine({ stream: s });
    p.update('step 1', true);
    p.done();
    expect(writes[0]).toBe(`\r${'step 1'.padEnd(79)}`);
    expect(writes[1]).toBe('\n');
  });
});

describe('the training progress line', () => {
  it('shows step/total, steps/s, ETA and the last losses', () => {
    const metrics = { step: 1200, d_loss: 1.2345, g_loss: 0.8765, d_real: 0.613, d_fake: 0.381 } as never;
    const line = stepLine({ step: 1200, total: 3000, epoch: 7, metrics, elapsedMs: 0 }, 4);
    expect(line).toBe('[########............] step 1200/3000 (40%) epoch 8 · 4.0 steps/s · ETA 7m30s · d 1.234 g 0.876 D(x) 0.61 D(G(z)) 0.38');
    expect(stepLine({ step: 5, total: undefined, epoch: 0, metrics, elapsedMs: 0 }, 2)).toBe('step 5 epoch 1 · 2.0 steps/s · d 1.234 g 0.876 D(x) 0.61 D(G(z)) 0.38');
  });

  it('formats durations', () => {
    expect([formatDuration(4_400), formatDuration(185_000), formatDuration(3_725_000)]).toEqual(['4s', '3m05s', '1h02m']);
  });
});
