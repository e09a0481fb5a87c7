import type { Batch } from '../core/batch.js';
import type { Pipeline } from '../core/pipeline.js';

/** One epoch's batches, pulled one at a time by the training loop. */
export interface EpochBatches {
  readonly epoch: number;
  /** The next batch, or undefined at the end of the epoch. The caller owns (and disposes) it. */
  next(): Promise<Batch | undefined>;
  /** True once every source item of the epoch has been taken: only the batches in flight remain. */
  readonly sourceDone: boolean;
  /** Stops reading this epoch. */
  close(): Promise<void>;
}

/**
 * The batches a training run consumes, epoch after epoch. An epoch starts reading as soon as it
 * is opened; one opened with `openAhead` while the current epoch's last batches train has its
 * listing, cache check and first decodes done by the time `open` hands it over, instead of
 * stalling that epoch's first step.
 */
export class BatchFeed {
  private ahead: EpochBatches | undefined;

  constructor(
    private readonly pipeline: Pipeline,
    /** Only samples of this split (`sample.split`). */
    private readonly split: string | undefined,
  ) {}

  /** The batches of `epoch` from source position `skip` (resuming mid-epoch): the one opened ahead when it is that. */
  open(epoch: number, skip: number): EpochBatches {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead?.epoch === epoch && skip === 0) return ahead;
    void ahead?.close();
    return this.start(epoch, skip);
  }

  /** Starts reading `epoch` now (once), for `open` to hand over later. */
  openAhead(epoch: number): void {
    this.ahead ??= this.start(epoch, 0);
  }

  /** Stops the epoch opened ahead, if any. */
  async close(): Promise<void> {
    await this.ahead?.close();
    this.ahead = undefined;
  }

  private start(epoch: number, skip: number): EpochBatches {
    const stream = this.pipeline.batches({ epoch, skip, ...(this.split ? { split: this.split } : {}) });
    const iterator = stream[Symbol.asyncIterator]();
    // Pulling the first batch starts the epoch (listing, cache, decodes) without waiting for it.
    let first: Promise<IteratorResult<Batch>> | undefined = iterator.next();
    first.catch(() => undefined); // surfaced when awaited
    return {
      epoch,
      get sourceDone() {
        return stream.sourceDone;
      },
      async next() {
        const result = await (first ?? iterator.next());
        first = undefined;
        return result.done ? undefined : result.value;
      },
      async close() {
        await iterator.return?.();
      },
    };
  }
}
