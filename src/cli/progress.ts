/** How a progress line behaves. */
export interface ProgressOptions {
  /** Where it is written. @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** Off a TTY, print plain lines (for logs and CI). False keeps stderr quiet (`--json`). @default true */
  readonly plain?: boolean;
  /** Off a TTY, the least time between two plain lines, unless forced (a milestone). @default 30000 */
  readonly plainEveryMs?: number;
}

/**
 * Progress of a long command. On a TTY: one line rewritten in place, at most 10 times a second.
 * Elsewhere (a log file, CI): the same text as plain lines, at most one per `plainEveryMs`
 * unless forced, so logs show progress without flooding.
 */
export class ProgressLine {
  private last = 0;
  private pending: string | undefined;
  private readonly stream: NodeJS.WriteStream;
  private readonly plain: boolean;
  private readonly plainEveryMs: number;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.plain = options.plain ?? true;
    this.plainEveryMs = options.plainEveryMs ?? 30_000;
    // The first plain line comes after one interval, not at once.
    this.last = Date.now();
  }

  /** True on a TTY (the line is redrawn in place). */
  get active(): boolean {
    return Boolean(this.stream.isTTY);
  }

  /** Shows `text`; `force` draws it now (a milestone), whatever the rate limit. */
  update(text: string, force = false): void {
    const now = Date.now();
    if (this.active) {
      if (!force && now - this.last < 100) return;
      this.last = now;
      const width = this.stream.columns ?? 100;
      this.stream.write(`\r${text.slice(0, width - 1).padEnd(width - 1)}`);
      return;
    }
    if (!this.plain) return;
    this.pending = text;
    if (!force && now - this.last < this.plainEveryMs) return;
    this.flushPlain(now);
  }

  /** Ends the display: a newline on a TTY; off one, the last text if it was not printed yet. */
  done(): void {
    if (this.active) this.stream.write('\n');
    else if (this.plain && this.pending !== undefined) this.flushPlain(Date.now());
  }

  private flushPlain(now: number): void {
    this.last = now;
    this.stream.write(`${this.pending}\n`);
    this.pending = undefined;
  }
}

/** `[#####.....]` of `fraction` in `width` cells. */
export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** `42s`, `3m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Tracks the peak resident memory while something runs. */
export class PeakMemory {
  peak = process.memoryUsage().rss;
  private timer = setInterval(() => this.sample(), 200).unref();
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
