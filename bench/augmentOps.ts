/**
 * Per-op throughput of the augmentation ops (src/ops/augment) in images/s on one core, uint8 RGB at
 * 64×64 and 256×256, beside OpenCV doing the same ops in the same run (bench/augmentOpsOpencv.py,
 * `cv2.setNumThreads(1)`) on the same pixels: a photo (fixtures/messy/cats/img_large_valid.jpg)
 * scaled to each size, since branchy code (hue sectors, clamping) runs slower on random noise than
 * on real images. The machine is shared and noisy: compare the ratios, not the numbers.
 *
 * Run: `npx tsx bench/augmentOps.ts [--time 0.3] [--sizes 64,256] [--ops rotate,hue]`
 * OpenCV side: the Python of `GANPIPE_BENCH_PYTHON` (default /tmp/augvenv/bin/python), a venv with
 * opencv-python-headless and numpy; without it only the ganpipe column is printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { Image } from '../src/core/types.js';
// Per-file imports: the index also loads the tensor ops, hence tfjs and its thread pool.
import { affine, rotate, scale, translate } from '../src/ops/augment/affine.js';
import { gaussianBlur } from '../src/ops/gaussianBlur.js';
import { brightness, contrast, gamma, grayscale, hue, saturation } from '../src/ops/augment/color.js';
import { crop, resizedCrop } from '../src/ops/augment/crop.js';
import { elastic } from '../src/ops/augment/elastic.js';
import { erase } from '../src/ops/augment/erase.js';
import { horizontalFlip, verticalFlip } from '../src/ops/augment/flip.js';
import { gaussianNoise, saltPepper } from '../src/ops/augment/noise.js';
import { perspective } from '../src/ops/augment/perspective.js';

const { values } = parseArgs({
  options: { time: { type: 'string', default: '0.3' }, sizes: { type: 'string', default: '64,256' }, ops: { type: 'string', default: '' } },
});
const seconds = Number(values.time);
const sizes = values.sizes.split(',').map(Number);
const wanted = new Set(values.ops.split(',').filter(Boolean));

/** The ops with the same parameters as the Python side (`s` is the image side). */
function makeOps(s: number): Record<string, (image: Image) => Image> {
  const half = Math.floor(s / 2);
  const quarter = Math.floor(s / 4);
  return {
    horizontalFlip: (im) => horizontalFlip(im),
    verticalFlip: (im) => verticalFlip(im),
    rotate: (im) => rotate(im, { angle: 30 }),
    'rotate (nearest)': (im) => rotate(im, { angle: 30, interpolation: 'nearest' }),
    translate: (im) => translate(im, { dx: 5, dy: -3 }),
    scale: (im) => scale(im, { factor: 1.2 }),
    affine: (im) => affine(im, { angle: 15, translate: [3, -2], scale: 1.1, shear: [8, 0] }),
    perspective: (im) =>
      perspective(im, { corners: [[0.05 * s, 0.03 * s], [0.97 * s, 0], [s - 1, 0.95 * s], [0.02 * s, s - 1]] }),
    elastic: (im) => elastic(im, { alpha: 34, sigma: 4, seed: 1 }),
    'crop (padding 4)': (im) => crop(im, { x: 3, y: 3, width: s, height: s, padding: 4 }),
    resizedCrop: (im) => resizedCrop(im, { x: quarter, y: quarter, width: half, height: half, outWidth: s, outHeight: s }),
    brightness: (im) => brightness(im, { factor: 1.2 }),
    contrast: (im) => contrast(im, { factor: 0.8 }),
    saturation: (im) => saturation(im, { factor: 1.5 }),
    hue: (im) => hue(im, { shift: 0.1 }),
    gamma: (im) => gamma(im, { gamma: 0.8 }),
    grayscale: (im) => grayscale(im),
    gaussianNoise: (im) => gaussianNoise(im, { sigma: 10, seed: 1 }),
    saltPepper: (im) => saltPepper(im, { amount: 0.05, seed: 1 }),
    gaussianBlur: (im) => gaussianBlur(im, { sigma: 1.5 }),
    erase: (im) => erase(im, { x: quarter, y: quarter, width: half, height: half }),
  };
}

/** Images per second of `op` on `image`, after a short warm-up (JIT). */
function throughput(op: (image: Image) => Image, image: Image): number {
  const warm = performance.now() + Math.min(50, (seconds * 1000) / 4);
  while (performance.now() < warm) op(image);
  let n = 0;
  const start = performance.now();
  for (;;) {
    for (let i = 0; i < 8; i++) op(image);
    n += 8;
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds) return n / elapsed;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bench photo as an s×s uint8 RGB image (centre crop, then scaled). */
async function photo(s: number): Promise<Image> {
  const { data } = await sharp(path.join(root, 'fixtures/messy/cats/img_large_valid.jpg'))
    .resize(s, s, { fit: 'cover' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: s, height: s, channels: 3 };
}

type Results = Record<string, Record<string, number>>;

/** Runs the Python side on the same pixels (raw RGB files in `dir`). */
function runOpencv(dir: string): { version: string; results: Results } | string {
  const python = process.env.GANPIPE_BENCH_PYTHON ?? '/tmp/augvenv/bin/python';
  const howTo =
    'make one with: python3 -m venv /tmp/augvenv && /tmp/augvenv/bin/pip install opencv-python-headless numpy ' +
    '(or set GANPIPE_BENCH_PYTHON to a Python that has them)';
  if (!existsSync(python)) return `no Python at ${python}: ${howTo}`;
  const script = path.join(root, 'bench/augmentOpsOpencv.py');
  const args = [script, '--sizes', sizes.join(','), '--time', String(seconds), '--ops', [...wanted].join(','), '--input-dir', dir];
  // One thread for OpenCV's own pool and for any BLAS numpy might touch.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const run = spawnSync(python, args, { encoding: 'utf8', env, maxBuffer: 1 << 20 });
  if (run.status !== 0) return `${python} failed (${run.stderr.trim().split('\n').pop() ?? run.status}): ${howTo}`;
  const parsed = JSON.parse(run.stdout) as { opencv: string; results: Results };
  return { version: parsed.opencv, results: parsed.results };
}

const ours: Results = {};
const dir = mkdtempSync(path.join(tmpdir(), 'ganpipe-augment-bench-'));
for (const s of sizes) {
  const image = await photo(s);
  writeFileSync(path.join(dir, `rgb-${s}.raw`), image.data);
  for (const [name, op] of Object.entries(makeOps(s))) {
    if (wanted.size > 0 && !wanted.has(name)) continue;
    (ours[name] ??= {})[String(s)] = throughput(op, image);
  }
}
const opencv = runOpencv(dir);
rmSync(dir, { recursive: true, force: true });

const fmt = (v: number | undefined) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const header = ['op', ...sizes.flatMap((s) => [`${s}² ganpipe`, `${s}² OpenCV`, `${s}² ratio`])];
const rows = Object.keys(ours).map((name) => [
  name,
  ...sizes.flatMap((s) => {
    const g = ours[name]?.[String(s)];
    const c = typeof opencv === 'string' ? undefined : opencv.results[name]?.[String(s)];
    return [fmt(g), fmt(c), g !== undefined && c !== undefined ? (g / c).toFixed(2) : '—'];
  }),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;

console.log(`augmentation ops, uint8 RGB, images/s on one core (${seconds}s per measurement; ratio = ganpipe / OpenCV, > 1 is faster)`);
console.log(typeof opencv === 'string' ? `OpenCV column skipped: ${opencv}` : `OpenCV ${opencv.version}, cv2.setNumThreads(1), same process run`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
