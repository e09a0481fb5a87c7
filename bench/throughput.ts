/**
 * Throughput of `glob → decode → resize 64×64 → normalize → batch 64` beside sharp doing only
 * the decode and resize, measured in the same run (the machine is shared and noisy: compare
 * the ratio, not the absolute numbers). sharp alone was the ceiling of the first ganpipe, which
 * decoded with it; the fast JPEG path (scaled decode on the thread pool) now passes it, so the
 * ratio says how far past. For the comparison with tf.data and torch see bench/peers.
 * Run: `npm run bench [-- --count 2000 --concurrency 64]`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import sharp from 'sharp';
import { pipeline, sources, stages, isNative } from '../src/index.js';
import { orderedMap } from '../src/core/orderedMap.js';
import { from, lastValueFrom, count as countOp } from 'rxjs';
import { benchJpegs } from './data.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '4' }, rounds: { type: 'string', default: '2' } } });
const total = Number(values.count);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

const dir = await benchJpegs(total);
const files = (await fg('*.jpg', { cwd: dir })).sort();

/** sharp alone: read + decode + resize to 64×64 raw, `concurrency` at a time, nothing else. */
async function ceiling(): Promise<number> {
  const t = performance.now();
  const n = await lastValueFrom(
    from(files).pipe(
      orderedMap(async (f: string) => {
        const buf = await readFile(path.join(dir, f));
        return sharp(buf).rotate().removeAlpha().resize(64, 64, { fit: 'cover' }).raw().toBuffer();
      }, concurrency),
      countOp(),
    ),
  );
  return n / ((performance.now() - t) / 1000);
}

async function ganpipe(): Promise<number> {
  const p = pipeline({ seed: 1, concurrency })
    .from(sources.glob({ cwd: dir, patterns: ['*.jpg'], channels: 3 }))
    .pipe(stages.resize({ width: 64, height: 64, fit: 'cover' }), stages.normalize({ range: [-1, 1] }))
    .batch({ size: 64, shuffleBuffer: 1000, prefetch: 2 });
  const t = performance.now();
  let n = 0;
  for await (const b of p.batches()) {
    n += b.ids.length;
    b.xs.dispose();
  }
  return n / ((performance.now() - t) / 1000);
}

console.log(`${files.length} JPEGs (256–640 px) → 64×64, concurrency ${concurrency}, native backend: ${isNative()}, sharp threads: ${sharp.concurrency()}`);
for (let r = 0; r < rounds; r++) {
  // Interleaved so both see the same machine load.
  const c = await ceiling();
  const g = await ganpipe();
  console.log(`round ${r + 1}: sharp decode+resize only ${c.toFixed(0)} img/s | ganpipe pipeline ${g.toFixed(0)} img/s | ratio ${(g / c).toFixed(2)}`);
}
