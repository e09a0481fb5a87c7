/**
 * Data stall: the fraction of wall time the trainer waits for its next batch (`ms_wait` over
 * wall time, from the run's metrics.jsonl) while the built-in DCGAN trains on the photos
 * pipeline at 64×64 (glob → resize → flip → brightness → [-1, 1] → batch 64), decoding every
 * JPEG every epoch, and reading them from a sample cache built beforehand.
 * Run: `npm run bench:stall [-- --count 3000 --steps 460 --concurrency 256]`. Concurrency is the
 * number of loads in flight: about 4× the batch keeps the thread pool decoding during a step.
 */
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pipeline, sources, stages, train, isNative } from '../src/index.js';
import { ganModel } from '../src/train/models/index.js';
import { benchJpegs } from './data.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '3000' }, steps: { type: 'string', default: '60' }, concurrency: { type: 'string', default: '256' } } });
const dir = await benchJpegs(Number(values.count));
const steps = Number(values.steps);
const concurrency = Number(values.concurrency);
const work = path.join(os.tmpdir(), `ganpipe-stall-${process.pid}`);

function photos(cached: boolean) {
  return pipeline({ seed: 1, concurrency })
    .from(sources.glob({ cwd: dir, patterns: ['*.jpg'], channels: 3 }))
    .pipe(
      stages.resize({ width: 64, height: 64, fit: 'cover' }),
      ...(cached ? [stages.cache({ dir: path.join(work, 'cache') })] : []),
      stages.augment({ ops: [{ op: 'randomHorizontalFlip', p: 0.5 }, { op: 'randomBrightness', brightness: 0.2 }] }),
      stages.normalize({ range: [-1, 1] }),
    )
    .batch({ size: 64, shuffleBuffer: 1000, prefetch: 2, dropRemainder: true });
}

async function run(label: string, cached: boolean, warm: boolean) {
  const p = photos(cached);
  if (warm) for await (const b of p.batches({ epoch: 99 })) b.xs.dispose(); // builds the cache
  const def = ganModel('dcgan')!;
  const trainer = def.create(def.schema.parse({}) as never, { imageShape: [64, 64, 3], numClasses: 0, seed: 1 });
  const out = path.join(work, label.replace(/\W+/g, '-'));
  const result = await train(p, trainer, { out, steps, sampleEvery: 10_000, checkpointEvery: 10_000 });
  trainer.dispose();
  const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { ms_wait: number; ms_step: number; ms_pipeline: number });
  const wait = lines.reduce((s, m) => s + m.ms_wait, 0);
  const turns = lines.reduce((s, m) => s + m.ms_pipeline, 0);
  const median = [...lines.map((m) => m.ms_step)].sort((a, b) => a - b)[lines.length >> 1]!;
  console.log(
    `${label.padEnd(34)} ${steps} steps in ${result.seconds.toFixed(1)} s, median step ${median.toFixed(0)} ms; ` +
      `waiting for data ${(wait / 1000).toFixed(2)} s = ${((100 * wait) / 1000 / result.seconds).toFixed(2)}% of wall time ` +
      `(first batch ${lines[0]!.ms_wait.toFixed(0)} ms); pipeline JS work between steps ${((100 * turns) / 1000 / result.seconds).toFixed(2)}%`,
  );
}

console.log(`dcgan 64×64×3, batch 64, ${values.count} JPEGs, concurrency ${concurrency}, native: ${isNative()}`);
try {
  await run('no cache (decoding every epoch)', false, false);
  await run('cache built beforehand', true, true);
} finally {
  rmSync(work, { recursive: true, force: true });
}
