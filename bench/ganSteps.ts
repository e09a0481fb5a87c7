/**
 * Median ms per GAN training step (one D and one G update, metrics read back) on real MNIST
 * batches, ganpipe's trainer on the active tfjs backend next to Keras on the same models:
 *   - tutorial-dcgan, batch 64: TensorFlow's DCGAN tutorial (bench/tutorialDcgan.ts), against
 *     Keras' one-pass step (the tutorial's train_step) and a two-pass step, with ganpipe's
 *     default one-pass step (`updates: 'simultaneous'`) and with `updates: 'alternating'`;
 *   - mlp-gan, batch 128: the book's GAN (built-in), against the same in Keras;
 *   - the built-in dcgan (bce, wgan-gp) and cgan at batch 64, tfjs only.
 * tfjs and Keras (bench/peers/keras_gan.py --serve, from $KERAS_PYTHON, bench/.venv-keras or
 * the peers' bench/.venv-peers) take turns, never running at the same time: each of `--rounds` rounds times
 * `--steps` tfjs steps, then as many Keras one-pass and two-pass steps, so that load from other
 * processes hits both sides alike. Ratios are medians of the per-round ratios.
 * Run: `npm run bench:gan [-- --steps 15 --rounds 3 --no-keras --only tutorial-dcgan]`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { pipeline, sources, stages, isNative, tf } from '../src/index.js';
import type { Batch } from '../src/core/batch.js';
import type { StepwiseGanTrainer } from '../src/train/ganTrainer.js';
import { ganModel } from '../src/train/models/index.js';
import { TUTORIAL_BATCH, tutorialDcganTrainer } from './tutorialDcgan.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '3' },
    'no-keras': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const steps = Number(values.steps);
const rounds = Number(values.rounds);
const WARMUP = 5;
const fixtures = path.resolve(import.meta.dirname, '../fixtures/mnist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times `count` steps of `trainer` after `warmup` untimed ones, pulling batches from `batches`. */
async function timeTfjs(trainer: StepwiseGanTrainer, batches: AsyncIterator<Batch>, from: number, count: number, warmup = 0) {
  const times: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const { value: b, done } = await batches.next();
    if (done) throw new Error('the MNIST fixture ran out of batches: fewer --steps or --rounds');
    const t0 = performance.now();
    await trainer.step(b, from + i);
    if (i >= warmup) times.push(performance.now() - t0);
    tf.dispose([b.xs, b.ys!]);
  }
  return times;
}

function mnistBatches(batchSize: number): AsyncIterator<Batch> {
  return pipeline({ seed: 1 })
    .from(sources.idx({ images: path.join(fixtures, 'images-idx3-ubyte.gz'), labels: path.join(fixtures, 'labels-idx1-ubyte.gz') }))
    .pipe(stages.normalize({ range: [-1, 1] }))
    .batch({ size: batchSize, shuffleBuffer: 10000, dropRemainder: true })
    .batches()
    [Symbol.asyncIterator]();
}

/** keras_gan.py in serve mode: one JSON request line in, one reply line out. */
async function startKeras(): Promise<{ info: { tensorflow: string }; time: (model: string, kind: string, count: number, warmup?: number) => Promise<number[]>; close: () => void } | undefined> {
  // Any venv with tensorflow-cpu 2.21: its own, or the peers' (`npm run bench:peers -- --setup` makes it).
  const candidates = [process.env.KERAS_PYTHON, ...['.venv-keras', '.venv-peers'].map((v) => path.resolve(import.meta.dirname, v, 'bin/python'))];
  const python = candidates.find((p) => p && existsSync(p));
  if (!python) {
    console.log('Keras: skipped, no venv with TensorFlow (run `npm run bench:peers -- --setup`, or set KERAS_PYTHON)');
    return undefined;
  }
  const child = spawn(python, [path.resolve(import.meta.dirname, 'peers/keras_gan.py'), '--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const read = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`keras_gan.py exited (${child.exitCode}): ${stderr}`);
    return JSON.parse(value as string);
  };
  const info = await read();
  return {
    info,
    time: async (model, kind, count, warmup = 0) => {
      child.stdin.write(`${JSON.stringify({ model, kind, steps: count, warmup })}\n`);
      return (await read()).times as number[];
    },
    close: () => child.stdin.end(),
  };
}

const builtIn = (type: string, options: Record<string, unknown> = {}) => () => {
  const def = ganModel(type)!;
  return def.create(def.schema.parse(options) as never, { imageShape: [28, 28, 1], numClasses: 10, seed: 1 });
};

const cases: { name: string; batch: number; keras?: string; make: () => StepwiseGanTrainer }[] = [
  { name: 'tutorial-dcgan', batch: TUTORIAL_BATCH, keras: 'tutorial-dcgan', make: () => tutorialDcganTrainer('simultaneous') },
  { name: 'tutorial altern.', batch: TUTORIAL_BATCH, keras: 'tutorial-dcgan', make: () => tutorialDcganTrainer('alternating') },
  { name: 'mlp-gan', batch: 128, keras: 'mlp-gan', make: builtIn('mlp-gan') },
  { name: 'dcgan', batch: 64, make: builtIn('dcgan') },
  { name: 'dcgan wgan-gp', batch: 64, make: builtIn('dcgan', { loss: 'wgan-gp' }) },
  { name: 'cgan', batch: 64, make: builtIn('cgan') },
].filter((c) => !values.only || values.only.split(',').includes(c.name));

const keras = values['no-keras'] || !cases.some((c) => c.keras) ? undefined : await startKeras();
console.log(
  `tfjs backend ${tf.getBackend()} (native: ${isNative()})${keras ? `, Keras ${keras.info.tensorflow}` : ''}; ` +
    `${rounds} rounds of ${steps} steps per side after ${WARMUP} warm-up steps; median ms/step`,
);
console.log('  model             batch   tfjs ms   Keras 1-pass   Keras 2-pass   tfjs / 1-pass   tfjs / 2-pass');
for (const c of cases) {
  const trainer = c.make();
  const batches = mnistBatches(c.batch);
  const all = { tfjs: [] as number[], one: [] as number[], two: [] as number[] };
  const ratios = { one: [] as number[], two: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const warmup = r === 0 ? WARMUP : 0;
    const t = await timeTfjs(trainer, batches, r * (steps + WARMUP), steps, warmup);
    all.tfjs.push(...t);
    if (!keras || !c.keras) continue;
    const one = await keras.time(c.keras, 'one_pass', steps, warmup);
    const two = await keras.time(c.keras, 'two_pass', steps, warmup);
    all.one.push(...one);
    all.two.push(...two);
    ratios.one.push(median(t) / median(one));
    ratios.two.push(median(t) / median(two));
  }
  await batches.return?.();
  trainer.dispose();
  const ms = (xs: number[], w: number) => (xs.length ? median(xs).toFixed(1) : '—').padStart(w);
  const ratio = (xs: number[], w: number) => (xs.length ? `${median(xs).toFixed(2)}×` : '—').padStart(w);
  console.log(
    `  ${c.name.padEnd(16)} ${String(c.batch).padStart(5)} ${ms(all.tfjs, 9)} ${ms(all.one, 14)} ${ms(all.two, 14)} ${ratio(ratios.one, 15)} ${ratio(ratios.two, 15)}`,
  );
}
keras?.close();
