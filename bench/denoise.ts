/**
 * Throughput of the denoising and cleanup ops (src/ops/denoise) in images/s on one core, on
 * 256×256 uint8 gray and RGB images with σ = 20 noise, beside the OpenCV / scikit-image call each
 * op follows, timed in the same run on the same pixels (bench/denoiseOpencv.py, cv2.setNumThreads(1),
 * sharp.concurrency(1)). The machine may be shared and noisy: compare the ratios, not the numbers.
 *
 * Run: `npx tsx bench/denoise.ts [--time 0.5] [--size 256] [--ops "nlm h18 7/21,tvDenoise 0.07"]`
 * Reference side: the Python of `GANPIPE_BENCH_PYTHON` (default /tmp/dnvenv/bin/python), a venv with
 * opencv-python-headless, scikit-image and numpy; without it only the ganpipe columns are printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { Image } from '../src/core/types.js';
import { gaussianBlur } from '../src/ops/gaussianBlur.js';
import { denoiseGaussian } from '../src/stages/cleanup/gaussian.js';
import {
  bilateralFilter,
  medianFilter,
  morphology,
  nlm,
  threshold,
  tvDenoise,
  unsharpMask,
} from '../src/ops/denoise/index.js';
import { addGaussianNoise, loadPng } from '../test/ops/denoise/helpers.js';

const { values } = parseArgs({
  options: { time: { type: 'string', default: '0.5' }, size: { type: 'string', default: '256' }, ops: { type: 'string', default: '' } },
});
const seconds = Number(values.time);
const size = Number(values.size);
const wanted = new Set(values.ops.split(',').filter(Boolean));
const here = path.dirname(fileURLToPath(import.meta.url));

// One core: libvips would otherwise use a thread per core for the sharp-backed ops.
sharp.concurrency(1);

type Op = (image: Image) => Image | Promise<Image>;

/** Same names and parameters as bench/denoiseOpencv.py. */
const OPS: Record<string, { op: Op; reference: string }> = {
  // What the denoise stage runs (sharp for 8-bit gray and RGB), and the pure TS op it falls back to.
  'gaussianBlur σ1': { op: (im) => denoiseGaussian(im), reference: 'cv2.GaussianBlur' },
  'gaussianBlur σ1 (op)': { op: (im) => gaussianBlur(im, { sigma: 1, kernelSize: 7, border: 'edge' }), reference: 'cv2.GaussianBlur' },
  'medianFilter r1': { op: (im) => medianFilter(im), reference: 'cv2.medianBlur' },
  'bilateralFilter 50/2': { op: (im) => bilateralFilter(im), reference: 'cv2.bilateralFilter' },
  'nlm h18 7/21': { op: (im) => nlm(im), reference: 'cv2.fastNlMeansDenoising(Colored)' },
  'nlm h18 7/11': { op: (im) => nlm(im, { searchWindowSize: 11 }), reference: 'cv2.fastNlMeansDenoising(Colored)' },
  'tvDenoise 0.07': { op: (im) => tvDenoise(im), reference: 'skimage denoise_tv_chambolle' },
  'open square3': { op: (im) => morphology(im, { operation: 'open' }), reference: 'cv2.morphologyEx' },
  'close ellipse5': { op: (im) => morphology(im, { operation: 'close', shape: 'ellipse', size: 5 }), reference: 'cv2.morphologyEx' },
  'unsharpMask σ1': { op: (im) => unsharpMask(im), reference: 'skimage unsharp_mask' },
  'threshold otsu': { op: (im) => threshold(im), reference: 'cv2.threshold OTSU' },
};

/** Images per second of `op` on `image`, after a short warm-up (JIT). */
async function throughput(op: Op, image: Image): Promise<number> {
  const warm = performance.now() + Math.min(100, (seconds * 1000) / 4);
  while (performance.now() < warm) await op(image);
  let n = 0;
  const start = performance.now();
  for (;;) {
    await op(image);
    n++;
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds) return n / elapsed;
  }
}

/** size×size crops of camera.png: gray from the centre, RGB from three shifted crops; then σ = 20 noise. */
async function inputs(): Promise<{ gray: Image; rgb: Image }> {
  const camera = await loadPng('camera.png');
  const crop = (left: number, top: number, c: number, out: Uint8Array, channels: number) => {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) out[(y * size + x) * channels + c] = camera.data[(top + y) * camera.width + left + x]!;
    }
  };
  const start = (camera.width - size) >> 1;
  const gray = new Uint8Array(size * size);
  crop(start, start, 0, gray, 1);
  const rgb = new Uint8Array(size * size * 3);
  [0, 16, 32].forEach((shift, c) => crop(start - shift, start + shift, c, rgb, 3));
  return {
    gray: addGaussianNoise({ data: gray, width: size, height: size, channels: 1 }, 20, 'bench-gray'),
    rgb: addGaussianNoise({ data: rgb, width: size, height: size, channels: 3 }, 20, 'bench-rgb'),
  };
}

type Results = Record<string, { gray?: number; rgb?: number }>;

interface ReferenceRun {
  readonly versions: Record<string, string>;
  readonly results: Results;
}

async function runReference(images: { gray: Image; rgb: Image }): Promise<ReferenceRun | string> {
  const python = process.env['GANPIPE_BENCH_PYTHON'] ?? '/tmp/dnvenv/bin/python';
  const howTo =
    'make one with: python3 -m venv /tmp/dnvenv && /tmp/dnvenv/bin/pip install opencv-python-headless scikit-image numpy ' +
    '(add --index-url file:///opt/pypi/simple --extra-index-url file:///opt/pypi-more/simple where the default index is unreachable; ' +
    'or set GANPIPE_BENCH_PYTHON to a Python that has them)';
  if (!existsSync(python)) return `no Python at ${python}: ${howTo}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ganpipe-denoise-bench-'));
  try {
    const files = { gray: path.join(dir, 'gray.raw'), rgb: path.join(dir, 'rgb.raw') };
    await writeFile(files.gray, images.gray.data);
    await writeFile(files.rgb, images.rgb.data);
    const args = [path.join(here, 'denoiseOpencv.py'), '--gray', files.gray, '--rgb', files.rgb];
    args.push('--size', String(size), '--time', String(seconds));
    if (wanted.size > 0) args.push('--ops', [...wanted].join(','));
    // One thread for OpenCV's pool and for any BLAS numpy might touch.
    const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
    const run = spawnSync(python, args, { encoding: 'utf8', env, maxBuffer: 1 << 20 });
    if (run.status !== 0) return `${python} failed (${run.stderr.trim().split('\n').pop() ?? run.status}): ${howTo}`;
    return JSON.parse(run.stdout) as ReferenceRun;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const images = await inputs();
const ours: Results = {};
for (const [name, { op }] of Object.entries(OPS)) {
  if (wanted.size > 0 && !wanted.has(name)) continue;
  ours[name] = { gray: await throughput(op, images.gray), rgb: await throughput(op, images.rgb) };
}
const reference = await runReference(images);

const fmt = (v: number | undefined) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? (a / b).toFixed(2) : '—');
const kinds = ['gray', 'rgb'] as const;
const header = ['op', ...kinds.flatMap((k) => [`${k} ganpipe`, `${k} ref`, `${k} ratio`]), 'reference'];
const rows = Object.keys(ours).map((name) => {
  const ref = typeof reference === 'string' ? undefined : reference.results[name];
  const cells = kinds.flatMap((k) => [fmt(ours[name]?.[k]), fmt(ref?.[k]), ratio(ours[name]?.[k], ref?.[k])]);
  return [name, ...cells, OPS[name]!.reference];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;

console.log(
  `denoise ops, ${size}×${size} uint8 with σ = 20 noise, images/s on one core ` +
    `(${seconds}s per measurement; ratio = ganpipe / reference, > 1 is faster)`,
);
console.log(
  typeof reference === 'string'
    ? `reference columns skipped: ${reference}`
    : `reference: OpenCV ${reference.versions['opencv']} (cv2.setNumThreads(1)), ` +
        `scikit-image ${reference.versions['scikit-image']}, same run, same pixels`,
);
console.log(line(header));
const rule = widths.map((w, i) => (i === 0 || i === widths.length - 1 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`));
console.log(`|${rule.join('|')}|`);
for (const r of rows) console.log(line(r));
