/**
 * Limited-data experiment (DiffAugment / ADA issue): DCGAN on MNIST with 100%, 10% and 2% of
 * the training digits, each without augmentation, with DiffAugment and with ADA, for the same
 * number of steps. Scores: Fréchet distance in the eval classifier's feature space (trained once
 * on the full training split) against the same held-out digits. Writes results.json and
 * results.png (sample grids side by side) next to this file.
 *
 * Run: `npx tsx experiments/limited-data/run.ts [--steps 1000] [--data 100%,10%,2%] [--name results]`
 * (about 1.5 minutes per arm of 1000 steps on 2 cores).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type * as T from '@tensorflow/tfjs';
import { pipeline, sources, stages, tf, train, type Sample } from '../../src/index.js';
import { ganModel } from '../../src/train/models/index.js';
import { classifierPlaces, featureClassifier, predictInChunks, type ImageSet } from '../../src/train/eval/classifier.js';
import { frechetDistance, moments } from '../../src/train/eval/frechet.js';
import { imageGrid } from '../../src/train/grid.js';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1000' },
    out: { type: 'string', default: path.join(here, 'runs') },
    /** Data arms to run, e.g. "2%" (default: all three). */
    data: { type: 'string', default: '100%,10%,2%' },
    /** Name of the result files (results.json / results.png by default). */
    name: { type: 'string', default: 'results' },
  },
});
const steps = Number(values.steps);
const fixtures = path.join(root, 'fixtures/mnist');

// The full dataset, split once by id hash: 80% train (arms draw from it), 20% held out.
const all = pipeline({ seed: 1 })
  .from(sources.idx({ images: path.join(fixtures, 'images-idx3-ubyte.gz'), labels: path.join(fixtures, 'labels-idx1-ubyte.gz') }))
  .pipe(stages.split({ method: 'hash', ratios: { train: 0.8, test: 0.2 } }), stages.normalize({ range: [-1, 1] }));
const trainSamples: Sample[] = [];
const testSamples: Sample[] = [];
for await (const s of all.samples()) (s.split === 'train' ? trainSamples : testSamples).push(s);

const toSet = (samples: Sample[]): ImageSet => {
  const images = new Float32Array(samples.length * 784);
  samples.forEach((s, i) => images.set(s.image.data, i * 784));
  return { images, labels: Int32Array.from(samples, (s) => Number(s.label)), shape: [28, 28, 1], count: samples.length };
};
const heldOut = toSet(testSamples);
const clf = await featureClassifier(classifierPlaces(path.join(values.out!, 'classifier')), toSet(trainSamples), heldOut, 10, (m) => console.log(m));
const realFeatures = predictInChunks(clf.features, heldOut);
const n = Math.floor(heldOut.count / 2);
const m = (t: T.Tensor2D) => moments(t.dataSync() as Float32Array, t.shape[0], t.shape[1]);
const realA = m(realFeatures.slice([0, 0], [n, -1]) as T.Tensor2D);
const realB = m(realFeatures.slice([n, 0], [n, -1]) as T.Tensor2D);
const floor = frechetDistance(realB, realA);
console.log(`held-out ${heldOut.count} digits, real-vs-real floor ${floor.toFixed(2)}, classifier accuracy ${(clf.accuracy * 100).toFixed(2)}%`);

const arms = [
  { data: '100%', count: trainSamples.length },
  { data: '10%', count: 1000 },
  { data: '2%', count: 200 },
].filter((a) => values.data!.split(',').includes(a.data));
const methods: { name: string; augment?: Record<string, unknown> }[] = [{ name: 'none' }, { name: 'DiffAugment', augment: { policy: 'color,translation,cutout' } }, { name: 'ADA', augment: { adaptive: true } }];
const results: Record<string, unknown>[] = [];
const grids: Buffer[][] = [];
for (const arm of arms) {
  const row: Buffer[] = [];
  for (const method of methods) {
    const subset = trainSamples.slice(0, arm.count).map((s) => ({ id: s.id, image: s.image, label: s.label }));
    const p = pipeline({ seed: 42 }).from(sources.iterable(() => subset)).batch({ size: 64, shuffleBuffer: 10000 });
    const def = ganModel('dcgan')!;
    const trainer = def.create(def.schema.parse(method.augment ? { augment: method.augment } : {}) as never, { imageShape: [28, 28, 1], numClasses: 10, seed: 42 });
    const out = path.join(values.out!, `${arm.data.replace('%', 'pct')}-${method.name}-${steps}`);
    const started = performance.now();
    const r = await train(p, trainer, { out, steps, sampleEvery: steps, checkpointEvery: steps });
    const seconds = (performance.now() - started) / 1000;
    const fakes = trainer.sample(n, { seed: 7 });
    const fakeFeatures = predictInChunks(clf.features, fakes);
    const fd = frechetDistance(m(fakeFeatures), realA);
    row.push(await imageGrid(fakes.slice([0, 0, 0, 0], [36, -1, -1, -1]) as T.Tensor4D, { columns: 6, scale: 1 }));
    tf.dispose([fakes, fakeFeatures]);
    const entry = { data: arm.data, images: arm.count, method: method.name, steps: r.steps, seconds: Number(seconds.toFixed(1)), fd: Number(fd.toFixed(2)), floor: Number(floor.toFixed(2)), augment_p: r.last?.augment_p };
    console.log(JSON.stringify(entry));
    results.push(entry);
    trainer.dispose();
  }
  grids.push(row);
}
mkdirSync(here, { recursive: true });
writeFileSync(path.join(here, `${values.name}.json`), `${JSON.stringify({ steps, floor, classifierAccuracy: clf.accuracy, results }, null, 2)}\n`);

// Sample grids side by side: rows = data size, columns = method.
const meta = await sharp(grids[0]![0]!).metadata();
const [cw, ch] = [meta.width!, meta.height!];
const [left, top, gap] = [60, 24, 10];
const width = left + methods.length * (cw + gap);
const height = top + arms.length * (ch + gap);
const labels = [
  ...methods.map((mm, i) => `<text x="${left + i * (cw + gap) + 4}" y="16">${mm.name}</text>`),
  ...arms.map((a, i) => `<text x="4" y="${top + i * (ch + gap) + ch / 2}">${a.data}</text>`),
].join('');
const composite = [
  ...grids.flatMap((row, r) => row.map((g, c) => ({ input: g, left: left + c * (cw + gap), top: top + r * (ch + gap) }))),
  { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="13">${labels}</svg>`), left: 0, top: 0 },
];
await sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(composite).png().toFile(path.join(here, `${values.name}.png`));
console.log(`wrote ${path.join(here, `${values.name}.json`)} and ${values.name}.png`);
