/**
 * Median ms per training step (one D and one G update) of the built-in models on the active
 * backend, on real MNIST batches: mlp-gan at batch 128 (the book's setting) and dcgan at
 * batch 64. As an in-run reference it also times the D update alone, the part a step cannot
 * avoid. Run: `npm run bench:gan [-- --steps 60]`.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { pipeline, sources, stages, isNative, tf } from '../src/index.js';
import { ganModel } from '../src/train/models/index.js';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '60' } } });
const steps = Number(values.steps);
const fixtures = path.resolve(import.meta.dirname, '../fixtures/mnist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(type: string, batchSize: number, options: Record<string, unknown> = {}) {
  const p = pipeline({ seed: 1 })
    .from(sources.idx({ images: path.join(fixtures, 'images-idx3-ubyte.gz'), labels: path.join(fixtures, 'labels-idx1-ubyte.gz') }))
    .pipe(stages.normalize({ range: [-1, 1] }))
    .batch({ size: batchSize, shuffleBuffer: 10000, dropRemainder: true });
  await p.prepare();
  const def = ganModel(type)!;
  const t = def.create(def.schema.parse(options) as never, { imageShape: [28, 28, 1], numClasses: 10, seed: 1 });
  const full: number[] = [];
  const dOnly: number[] = [];
  let i = 0;
  for await (const b of p.batches()) {
    const t0 = performance.now();
    await t.step(b, i);
    const t1 = performance.now();
    await t.discriminatorStep(b, i);
    const t2 = performance.now();
    tf.dispose([b.xs, b.ys!]);
    if (i >= 5) [full[i - 5], dOnly[i - 5]] = [t1 - t0, t2 - t1]; // 5 warm-up steps
    if (++i === steps + 5) break;
  }
  t.dispose();
  const label = `${type}${options['loss'] ? ` ${String(options['loss'])}` : ''}`;
  console.log(`${label.padEnd(14)} batch ${String(batchSize).padStart(3)}: ${median(full).toFixed(1)} ms/step (${(1000 / median(full)).toFixed(1)} steps/s); D update alone ${median(dOnly).toFixed(1)} ms (${(median(full) / median(dOnly)).toFixed(2)}× of a step)`);
}

console.log(`backend ${tf.getBackend()} (native: ${isNative()}), median of ${steps} steps after 5 warm-up steps`);
await bench('mlp-gan', 128);
await bench('dcgan', 64);
await bench('dcgan', 64, { loss: 'wgan-gp' });
await bench('cgan', 64);
