import path from 'node:path';
import type { LoadedPipelineFile } from '../config/pipelineFile.js';
import { trainFromFile } from '../train/session.js';
import type { TrainProgress } from '../train/train.js';
import { bar, formatDuration, PeakMemory, ProgressLine } from './progress.js';

/** Flags of `ganpipe run` that concern training. */
export interface TrainFlags {
  steps?: number | undefined;
  epochs?: number | undefined;
  resume: boolean;
  json: boolean;
  out?: string | undefined;
}

/** Trains a pipeline file's `train` section, with a progress bar on a TTY and a summary. */
export async function trainCommand(file: string, loaded: LoadedPipelineFile, flags: TrainFlags): Promise<number> {
  const name = loaded.pipeline.name ?? path.basename(file, '.json');
  const out = flags.out ?? path.join('runs', name);
  const progress = new ProgressLine({ plain: !flags.json });
  const memory = new PeakMemory();
  if (!flags.json) console.error(`training ${loaded.train!.model} on ${file} (seed ${loaded.pipeline.seed}) → ${out}`);
  let firstStep: number | undefined;
  const onStep = (p: TrainProgress) => {
    // Steps of this process only: after --resume, the rate and ETA are not skewed by earlier runs.
    firstStep ??= p.step - 1;
    const milestone = p.total !== undefined && (p.step === p.total || Math.floor((p.step * 10) / p.total) > Math.floor(((p.step - 1) * 10) / p.total));
    progress.update(stepLine(p, (p.step - firstStep) / (p.elapsedMs / 1000)), milestone);
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
    console.log(`${summary.model}: ${summary.steps} steps in ${formatDuration(result.seconds * 1000)} (${summary.stepsPerSecond} steps/s), data stall ${(summary.dataStall * 100).toFixed(1)}% (+${(summary.pipelineShare * 100).toFixed(1)}% pipeline work between steps), peak memory ${summary.peakRssMiB} MiB`);
    if (result.last) console.log(`  last step: d_loss ${result.last.d_loss.toFixed(3)}, g_loss ${result.last.g_loss.toFixed(3)}`);
    if (summary.dataStall > 0.02 && result.steps > 20) {
      console.log(`  hint: the trainer waited for data ${(summary.dataStall * 100).toFixed(1)}% of the time; raise the pipeline's "concurrency" (loads in flight) to about 4× the batch size, or add a "cache" stage after the deterministic stages`);
    }
    console.log(`  run folder: ${out} (samples/, checkpoints/, metrics.jsonl); next: ganpipe sample ${out} / ganpipe eval ${out}`);
  }
  return 0;
}

/** `[####....] step 1200/3000 (40%) epoch 8 · 4.1 steps/s · ETA 7m18s · d 1.234 g 0.876 D(x) 0.61 D(G(z)) 0.38` */
export function stepLine({ step, total, epoch, metrics: m }: TrainProgress, stepsPerSecond: number): string {
  const parts = [
    `${total ? `${bar(step / total, 20)} ` : ''}step ${step}${total ? `/${total} (${Math.floor((step / total) * 100)}%)` : ''} epoch ${epoch + 1}`,
    `${stepsPerSecond.toFixed(1)} steps/s`,
    ...(total && stepsPerSecond > 0 ? [`ETA ${formatDuration(((total - step) / stepsPerSecond) * 1000)}`] : []),
    `d ${m.d_loss.toFixed(3)} g ${m.g_loss.toFixed(3)} D(x) ${m.d_real.toFixed(2)} D(G(z)) ${m.d_fake.toFixed(2)}`,
  ];
  return parts.join(' · ');
}
