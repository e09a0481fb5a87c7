import path from 'node:path';
import type { LoadedPipelineFile } from '../config/pipelineFile.js';
import { trainFromFile } from '../train/session.js';
import type { TrainProgress } from '../train/train.js';
import { bar, PeakMemory, ProgressLine } from './progress.js';

/** Flags of `ganpipe run` that concern training. */
export interface TrainFlags {
  steps?: number | undefined;
  epochs?: number | undefined;
  resume: boolean;
  json: boolean;
  out?: string | undefined;
}

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(0)}s` : `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`);

/** Trains a pipeline file's `train` section, with a progress bar on a TTY and a summary. */
export async function trainCommand(file: string, loaded: LoadedPipelineFile, flags: TrainFlags): Promise<number> {
  const name = loaded.pipeline.name ?? path.basename(file, '.json');
  const out = flags.out ?? path.join('runs', name);
  const progress = new ProgressLine();
  const memory = new PeakMemory();
  if (!flags.json) console.error(`training ${loaded.train!.model} on ${file} (seed ${loaded.pipeline.seed}) → ${out}`);
  const onStep = ({ step, total, epoch, metrics: m, elapsedMs }: TrainProgress) => {
    const rate = step / (elapsedMs / 1000);
    const eta = total ? ` ETA ${seconds(((total - step) / rate) * 1000)}` : '';
    progress.update(
      `${total ? bar(step / total, 20) : ''} step ${step}${total ? `/${total}` : ''} epoch ${epoch + 1} ${rate.toFixed(1)} steps/s${eta} | d ${m.d_loss.toFixed(3)} g ${m.g_loss.toFixed(3)} D(x) ${m.d_real.toFixed(2)} D(G(z)) ${m.d_fake.toFixed(2)}`,
    );
    if (!progress.active && !flags.json && step % 100 === 0) console.error(`step ${step}${total ? `/${total}` : ''} d_loss ${m.d_loss.toFixed(3)} g_loss ${m.g_loss.toFixed(3)}`);
  };
  const result = await trainFromFile({ ...loaded, file }, { out, steps: flags.steps, epochs: flags.epochs, resume: flags.resume, onStep });
  result.trainer.dispose();
  progress.done();
  const summary = {
    pipeline: file,
    out,
    model: loaded.train!.model,
    seed: loaded.pipeline.seed,
    steps: result.steps,
    epochs: result.epoch,
    seconds: Number(result.seconds.toFixed(1)),
    stepsPerSecond: Number((result.steps / result.seconds).toFixed(2)),
    dataStall: Number(result.dataStall.toFixed(4)),
    pipelineShare: Number(result.pipelineShare.toFixed(4)),
    last: result.last,
    peakRssMiB: Number((memory.stop() / 2 ** 20).toFixed(1)),
  };
  if (flags.json) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(`${summary.model}: ${summary.steps} steps in ${seconds(result.seconds * 1000)} (${summary.stepsPerSecond} steps/s), data stall ${(summary.dataStall * 100).toFixed(1)}% (+${(summary.pipelineShare * 100).toFixed(1)}% pipeline work between steps), peak memory ${summary.peakRssMiB} MiB`);
    if (result.last) console.log(`  last step: d_loss ${result.last.d_loss.toFixed(3)}, g_loss ${result.last.g_loss.toFixed(3)}`);
    if (summary.dataStall > 0.02 && result.steps > 20) {
      console.log(`  hint: the trainer waited for data ${(summary.dataStall * 100).toFixed(1)}% of the time; raise the pipeline's "concurrency" (loads in flight) to about 4× the batch size, or add a "cache" stage after the deterministic stages`);
    }
    console.log(`  run folder: ${out} (samples/, checkpoints/, metrics.jsonl); next: ganpipe sample ${out} / ganpipe eval ${out}`);
  }
  return 0;
}
