/**
 * Median ms per GAN training step (one D and one G update, metrics read back) on real MNIST
 * batches, ganpipe's trainer on the active tfjs backend next to Keras on the same models:
 *   - tutorial-dcgan, batch 64: TensorFlow's DCGAN tutorial (bench/tutorialDcgan.ts), against
 *     Keras' one-pass step (the tutorial's train_step) and a two-pass step;
 *   - mlp-gan, batch 128: the book's GAN (built-in), against the same in Keras;
 *   - the built-in dcgan (bce, wgan-gp) and cgan at batch 64, tfjs only.
 * Keras runs after tfjs, never at the same time (bench/peers/keras_gan.py, in the venv
 * bench/.venv-keras or $KERAS_PYTHON). Run: `npm run bench:gan [-- --steps 30 --no-keras]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { pipeline, sources, stages, isNative, tf } from '../src/index.js';
import type { StepwiseGanTrainer } from '../src/train/ganTrainer.js';
import { ganModel } from '../src/train/models/index.js';
import { TUTORIAL_BATCH, tutorialDcganTrainer } from './tutorialDcgan.js';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '30' }, 'no-keras': { type: 'boolean', default: false }, only: { type: 'string' } },
});
const steps = Number(values.steps);
const WARMUP = 5;
const fixtures = path.resolve(import.meta.dirname, '../fixtures/mnist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeSteps(trainer: StepwiseGanTrainer, batchSize: number): Promise<number> {
  const p = pipeline({ seed: 1 })
    .from(sources.idx({ images: path.join(fixtures, 'images-idx3-ubyte.gz'), labels: path.join(fixtures, 'labels-idx1-ubyte.gz') }))
    .pipe(stages.normalize({ range: [-1, 1] }))
    .batch({ size: batchSize, shuffleBuffer: 10000, dropRemainder: true });
  await p.prepare();
  const times: number[] = [];
  let i = 0;
  for await (const b of p.batches()) {
    const t0 = performance.now();
    await trainer.step(b, i);
    if (i >= WARMUP) times.push(performance.now() - t0);
    tf.dispose([b.xs, b.ys!]);
    if (++i === steps + WARMUP) break;
  }
  trainer.dispose();
  return median(times);
}

const builtIn = (type: string, options: Record<string, unknown> = {}) => () => {
  const def = ganModel(type)!;
  return def.create(def.schema.parse(options) as never, { imageShape: [28, 28, 1], numClasses: 10, seed: 1 });
};

const cases: { name: string; batch: number; keras?: string; make: () => StepwiseGanTrainer }[] = [
  { name: 'tutorial-dcgan', batch: TUTORIAL_BATCH, keras: 'tutorial-dcgan', make: () => tutorialDcganTrainer() },
  { name: 'mlp-gan', batch: 128, keras: 'mlp-gan', make: builtIn('mlp-gan') },
  { name: 'dcgan', batch: 64, make: builtIn('dcgan') },
  { name: 'dcgan wgan-gp', batch: 64, make: builtIn('dcgan', { loss: 'wgan-gp' }) },
  { name: 'cgan', batch: 64, make: builtIn('cgan') },
].filter((c) => !values.only || values.only.split(',').includes(c.name));

console.log(`tfjs backend ${tf.getBackend()} (native: ${isNative()}), median of ${steps} steps after ${WARMUP} warm-up steps`);
const tfjsMs = new Map<string, number>();
for (const c of cases) {
  const ms = await timeSteps(c.make(), c.batch);
  tfjsMs.set(c.name, ms);
  console.log(`  ${c.name.padEnd(15)} batch ${String(c.batch).padStart(3)}: ${ms.toFixed(1)} ms/step`);
}

interface KerasRow {
  model: string;
  batch: number;
  one_pass_ms: number;
  two_pass_ms: number;
}
const kerasModels = cases.flatMap((c) => (c.keras ? [c.keras] : []));
let keras: { tensorflow: string; results: KerasRow[] } | undefined;
if (!values['no-keras'] && kerasModels.length > 0) {
  const python = process.env.KERAS_PYTHON ?? path.resolve(import.meta.dirname, '.venv-keras/bin/python');
  if (!existsSync(python)) {
    console.log(`\nKeras: skipped, no ${python} (see bench/peers/keras_gan.py for the venv, or set KERAS_PYTHON)`);
  } else {
    const script = path.resolve(import.meta.dirname, 'peers/keras_gan.py');
    const r = spawnSync(python, [script, '--steps', String(steps), '--warmup', String(WARMUP), '--models', kerasModels.join(',')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`keras_gan.py failed (${r.status}): ${r.stderr.slice(-2000)}`);
    keras = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  }
}

if (keras) {
  console.log(`\nKeras ${keras.tensorflow} (tf.function steps), same batches and step count:`);
  console.log('  model            batch   tfjs ms   Keras 1-pass   Keras 2-pass   tfjs / 1-pass   tfjs / 2-pass');
  for (const k of keras.results) {
    const ms = tfjsMs.get(k.model)!;
    const cols = [ms.toFixed(1).padStart(8), k.one_pass_ms.toFixed(1).padStart(14), k.two_pass_ms.toFixed(1).padStart(14)];
    const ratios = [(ms / k.one_pass_ms).toFixed(2).padStart(14), (ms / k.two_pass_ms).toFixed(2).padStart(15)];
    console.log(`  ${k.model.padEnd(15)} ${String(k.batch).padStart(5)} ${cols.join(' ')} ${ratios.map((r) => `${r}×`).join(' ')}`);
  }
}
