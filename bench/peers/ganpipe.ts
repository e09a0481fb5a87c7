/**
 * ganpipe peer: runs the pipeline file `bench/peers/photos.json` (or `--pipeline FILE`) for two
 * epochs and prints one JSON line of results, in the format of the Python peers. Edit the JSON
 * to try another decode path or a cache stage. `--images DIR` replaces the glob source's folder,
 * so the runner can point it at the generated photo set of any size. (Not `--dir`: tfjs-node's
 * loader, node-pre-gyp, reads process.argv and takes `--dir` as its own `--directory`, and the
 * native backend then fails to load.) Run bench/peers/run.ts rather than
 * this directly.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { buildPipeline, isNative, tf } from '../../src/index.js';

const { values } = parseArgs({
  options: {
    pipeline: { type: 'string', default: path.join(import.meta.dirname, 'photos.json') },
    images: { type: 'string' },
    epochs: { type: 'string', default: '2' },
  },
});
const file = path.resolve(values.pipeline);
const json = JSON.parse(await readFile(file, 'utf8')) as { source: { cwd?: string } };
if (values.images) json.source.cwd = path.resolve(values.images);
// A cache stage starts empty, so epoch 1 builds it and epoch 2 reads it.
for (const stage of (json as { stages?: { type: string; dir?: string }[] }).stages ?? []) {
  if (stage.type === 'cache' && stage.dir) rmSync(path.resolve(path.dirname(file), stage.dir), { recursive: true, force: true });
}
const p = buildPipeline(json, { baseDir: path.dirname(file), where: `pipeline file ${file}` });

const epochs = [];
for (let epoch = 0; epoch < Number(values.epochs); epoch++) {
  const stream = p.batches({ epoch });
  const start = performance.now();
  // All threads of this process: the event loop, libuv's pool (sharp) and TensorFlow's.
  const cpuStart = process.cpuUsage();
  let images = 0;
  let total = 0;
  for await (const batch of stream) {
    const [, h, w, c] = batch.xs.shape;
    if (h !== 64 || w !== 64 || c !== 3) throw new Error(`unexpected batch shape ${JSON.stringify(batch.xs.shape)}`);
    images += batch.ids.length;
    // Same cross-check as the Python peers: the mean pixel value of the epoch.
    total += tf.tidy(() => batch.xs.sum().dataSync()[0]!);
    batch.xs.dispose();
    batch.ys?.dispose();
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const report = stream.report.toJSON() as Record<string, unknown>;
  epochs.push({
    img_s: round(images / seconds, 1),
    cpu_ms_per_img: round((cpu.user + cpu.system) / 1000 / images, 3),
    seconds: round(seconds, 3),
    images,
    mean: round(total / (images * 64 * 64 * 3), 4),
    rejected: report['rejected'],
    // Present once the pipeline has a cache stage: read, built or incomplete.
    ...(report['cache'] ? { cache: report['cache'] } : {}),
  });
}

const name = `ganpipe (${path.basename(file)})`;
const row = { name, epochs, ...Object.fromEntries(epochs.map((e, i) => [`epoch${i + 1}_img_s`, e.img_s])) };
const versions = { node: process.version, sharp: sharp.versions.sharp, libvips: sharp.versions.vips, sharpThreads: sharp.concurrency(), native: isNative() };
console.log(JSON.stringify({ peer: 'ganpipe', versions, rows: [row] }));

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
