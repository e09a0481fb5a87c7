/**
 * Image quality of the fast JPEG path: the 64×64 output of ganpipe's default path for a resize
 * that comes first (libjpeg-turbo decode at n/8 scale + lanczos3 resample) against a full decode
 * with a high-quality resize (sharp: full decode, lanczos3), over the bench photos. Prints
 * PSNR (dB) and SSIM (luma, 11×11 Gaussian window, σ 1.5, as Wang et al. 2004).
 * Run: `npm run bench:quality [-- --count 500]`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import { decodeImage } from '../src/sources/decode.js';
import { resizeImage } from '../src/stages/preprocess/resize.js';
import { psnr } from '../src/ops/denoise/psnr.js';
import { gaussianKernel } from '../src/ops/kernel/index.js';
import type { Image } from '../src/core/types.js';
import { benchJpegs } from './data.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' } } });
const dir = await benchJpegs(3000);
const files = (await fg('*.jpg', { cwd: dir })).sort().slice(0, Number(values.count));
const resize = { width: 64, height: 64, fit: 'cover' as const, kernel: 'lanczos3' as const, background: [0, 0, 0] };

/** Luma plane (BT.601) as float64. */
function luma(image: Image): Float64Array {
  const out = new Float64Array(image.width * image.height);
  for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!;
  return out;
}

/** Mean SSIM of two RGB images' luma, Gaussian-weighted windows fully inside the image. */
function ssim(a: Image, b: Image): number {
  const [x, y] = [luma(a), luma(b)];
  const w = a.width;
  const k = Array.from(gaussianKernel(1.5, 11));
  const [c1, c2] = [(0.01 * 255) ** 2, (0.03 * 255) ** 2];
  let sum = 0;
  let n = 0;
  for (let cy = 5; cy < a.height - 5; cy++) {
    for (let cx = 5; cx < w - 5; cx++) {
      let [mx, my, xx, yy, xy] = [0, 0, 0, 0, 0];
      for (let dy = -5; dy <= 5; dy++) {
        for (let dx = -5; dx <= 5; dx++) {
          const g = k[dy + 5]! * k[dx + 5]!;
          const i = (cy + dy) * w + cx + dx;
          mx += g * x[i]!;
          my += g * y[i]!;
          xx += g * x[i]! * x[i]!;
          yy += g * y[i]! * y[i]!;
          xy += g * x[i]! * y[i]!;
        }
      }
      const [vx, vy, cov] = [xx - mx * mx, yy - my * my, xy - mx * my];
      sum += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      n++;
    }
  }
  return sum / n;
}

const psnrs: number[] = [];
const ssims: number[] = [];
for (const f of files) {
  const bytes = await readFile(path.join(dir, f));
  const fast = await decodeImage(bytes, { channels: 3, maxPixels: 1e8 }, { resize });
  const { info: _info, ...full } = await decodeImage(bytes, { channels: 3, maxPixels: 1e8, decoder: 'sharp' });
  const reference = await resizeImage(full, resize);
  psnrs.push(psnr(reference, fast));
  ssims.push(ssim(reference, fast));
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  return `mean ${(xs.reduce((p, q) => p + q, 0) / xs.length).toFixed(3)}, median ${s[s.length >> 1]!.toFixed(3)}, worst ${s[0]!.toFixed(3)}`;
};
console.log(`fast JPEG path vs full decode + sharp lanczos3, ${files.length} photos → 64×64 (cover)`);
console.log(`PSNR dB: ${stats(psnrs)}`);
console.log(`SSIM:    ${stats(ssims)}`);
