/** A one-line progress display on a TTY (rewritten in place); silent elsewhere. */
export class ProgressLine {
  private last = 0;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get active(): boolean {
    return Boolean(this.stream.isTTY);
  }

  /** Redraws at most 10 times a second. */
  update(text: string, force = false): void {
    if (!this.active) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = this.stream.columns ?? 100;
    this.stream.write(`\r${text.slice(0, width - 1).padEnd(width - 1)}`);
  }

  done(): void {
    if (this.active) this.stream.write('\n');
  }
}

/** `[#####.....]` of `fraction` in `width` cells. */
export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
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
