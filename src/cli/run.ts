import { loadPipelineFile } from '../config/pipelineFile.js';
import { trainCommand } from './train.js';
import { RunReport } from '../core/report.js';
import { byCodeUnits } from '../core/types.js';
import { bar, PeakMemory, ProgressLine } from './progress.js';
import { intFlag, parseCommand, UsageError } from './usage.js';

const USAGE = `Usage: ganpipe run <pipeline.json> [--steps N] [--epochs N] [--resume] [--out DIR] [--json]

With a "train" section: trains the GAN it names, writing config.json, metrics.jsonl,
samples/, checkpoints/ and report.html into the run folder (default runs/<pipeline name>).
Without one: streams the pipeline's batches and reports counts, rejects by reason,
throughput and peak memory.

  --steps N    training steps (overrides the file's train.steps)
  --epochs N   epochs to run (default 1, or the file's train.epochs)
  --resume     continue training from the run folder's last checkpoint
  --out DIR    run folder (training)
  --json       print a JSON summary instead of text`;

/** `ganpipe run`: streams a pipeline file and summarises the run. */
export async function runCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(
    argv,
    { epochs: { type: 'string' }, steps: { type: 'string' }, resume: { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (cmd.help || cmd.positionals.length !== 1) {
    if (!cmd.help) throw new UsageError(USAGE);
    console.log(USAGE);
    return 0;
  }
  const file = cmd.positionals[0]!;
  const epochFlag = cmd.values['epochs'] as string | undefined;
  const stepFlag = cmd.values['steps'] as string | undefined;
  // Flags are checked before the file is read: usage errors come first.
  const steps = stepFlag === undefined ? undefined : intFlag(stepFlag, 'steps', 1);
  const epochCount = epochFlag === undefined ? undefined : intFlag(epochFlag, 'epochs', 1);
  const loaded = await loadPipelineFile(file);
  if (loaded.train) {
    return trainCommand(file, loaded, {
      steps,
      epochs: epochCount,
      resume: Boolean(cmd.values['resume']),
      json: Boolean(cmd.values['json']),
      out: cmd.values['out'] as string | undefined,
    });
  }
  if (stepFlag !== undefined || cmd.values['resume']) throw new UsageError(`--steps and --resume need a "train" section in ${file}`);
  const epochs = epochCount ?? 1;
  const p = loaded.pipeline;
  await p.prepare();
  const progress = new ProgressLine({ plain: !cmd.values['json'] });
  const memory = new PeakMemory();
  const started = performance.now();
  const reports: RunReport[] = [];
  let samples = 0;
  let batches = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const stream = p.batches({ epoch });
    reports.push(stream.report);
    for await (const batch of stream) {
      samples += batch.ids.length;
      batches++;
      batch.xs.dispose();
      batch.ys?.dispose();
      const rate = samples / ((performance.now() - started) / 1000);
      const done = stream.report.seen ? stream.report.delivered / stream.report.seen : 0;
      progress.update(`epoch ${epoch + 1}/${epochs} ${bar(done)} ${samples} samples, ${rate.toFixed(0)} samples/s`);
    }
  }
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  const peakRss = memory.stop();
  const byReason: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.byReason())) byReason[k] = (byReason[k] ?? 0) + v;
  const summary = {
    pipeline: file,
    seed: p.seed,
    epochs,
    batches,
    samples,
    seen: reports.reduce((a, r) => a + r.seen, 0),
    rejected: reports.reduce((a, r) => a + r.rejected.length, 0),
    rejectedByReason: byReason,
    flagged: reports.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.flagged)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
    rejections: reports.flatMap((r) => r.rejected),
    // Per split and class, from the first epoch (later epochs repeat it).
    splits: reports[0]?.splits ?? {},
    seconds: Number(seconds.toFixed(3)),
    samplesPerSecond: Number((samples / seconds).toFixed(1)),
    peakRssMiB: Number((peakRss / 2 ** 20).toFixed(1)),
  };
  if (cmd.values['json']) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  console.log(`${file}: ${summary.samples} samples in ${summary.batches} batches over ${epochs} epoch(s), seed ${p.seed}`);
  console.log(`  seen ${summary.seen}, rejected ${summary.rejected}${summary.rejected ? ` (${Object.entries(byReason).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
  for (const [name, perClass] of Object.entries(summary.splits)) {
    const total = Object.values(perClass).reduce((a, b) => a + b, 0);
    console.log(`  split ${name}: ${total} (${Object.entries(perClass).sort(([a], [b]) => byCodeUnits(a, b)).map(([k, v]) => `${k}: ${v}`).join(', ')})`);
  }
  if (Object.keys(summary.flagged).length) console.log(`  flagged: ${Object.entries(summary.flagged).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  for (const r of summary.rejections.slice(0, 20)) console.log(`    ${r.reason.padEnd(12)} ${r.id}: ${r.message}`);
  if (summary.rejections.length > 20) console.log(`    … and ${summary.rejections.length - 20} more (use --json for all)`);
  console.log(`  ${summary.samplesPerSecond} samples/s over ${summary.seconds} s, peak memory ${summary.peakRssMiB} MiB`);
  return 0;
}
