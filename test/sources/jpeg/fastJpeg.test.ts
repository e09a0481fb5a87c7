import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pipeline, sources, stages, tf, type Stage } from '../../../src/index.js';
import { decodeImage, type DecodeOptions } from '../../../src/sources/decode.js';
import { scaledJpegAddon } from '../../../src/sources/jpeg/addon.js';
import { readJpegHeader } from '../../../src/sources/jpeg/header.js';
import { resample, resamplePlan, type ResampleOptions } from '../../../src/ops/resample.js';
import { resizeImage } from '../../../src/stages/preprocess/resize.js';
import { psnr } from '../../../src/ops/denoise/psnr.js';
import { DecodeError } from '../../../src/sources/source.js';

const messy = path.resolve(__dirname, '../../../fixtures/messy');
const file = (name: string) => readFileSync(path.join(messy, name));
const rgb: DecodeOptions = { channels: 3, maxPixels: 1e8 };
const cover64: ResampleOptions = { width: 64, height: 64, fit: 'cover', kernel: 'lanczos3', background: [0, 0, 0] };
// Valid baseline/progressive RGB and gray JPEGs of the messy folder.
const photos = ['cats/img_00.jpg', 'cats/img_02.jpg', 'cats/img_02_small_q60.jpg', 'cats/img_large_valid.jpg', 'cups/img_01.jpg', 'cups/img_blurry.jpg', 'cups/img_05.jpg'];

/** What the sharp path gives: full decode, then the resize stage's sharp resize. */
async function slowPath(bytes: Buffer, o: ResampleOptions, options = rgb) {
  const { info: _info, ...full } = await decodeImage(bytes, { ...options, decoder: 'sharp' });
  return resizeImage(full, { ...o, background: [...o.background] });
}

describe('fast JPEG path', () => {
  // Not skipped when missing: npm install builds it, and without it the fast path is silently off.
  it('has its addon built', () => {
    expect(scaledJpegAddon(), 'native/jpeg addon missing: run npm install (see README "Performance")').toBeDefined();
  });

  it('resamples on the pool thread exactly as the JS resample does', async () => {
    const addon = scaledJpegAddon()!;
    for (const name of photos) {
      const bytes = file(name);
      const h = readJpegHeader(bytes)!;
      for (const o of [cover64, { ...cover64, width: 48, height: 80, fit: 'fill' as const, kernel: 'linear' as const }, { ...cover64, fit: 'contain' as const, kernel: 'mitchell' as const }]) {
        for (const n of [1, 2, 4]) {
          const [w, hh] = [Math.ceil((h.width * n) / 8), Math.ceil((h.height * n) / 8)];
          const plain = await addon.decode(bytes, n, 3);
          const original = { width: h.width, height: h.height, scale: n / 8 };
          const js = resample({ data: new Uint8Array(plain.data), width: plain.width, height: plain.height, channels: 3 }, o, original);
          const plan = resamplePlan(h.width, h.height, o, { width: w, height: hh, scale: n / 8 });
          const native = await addon.decode(bytes, n, 3, plan);
          expect([native.width, native.height]).toEqual([plan.outWidth, plan.outHeight]);
          if (o.fit !== 'contain') expect(new Uint8Array(native.data)).toEqual(js.data);
        }
      }
    }
  });

  it('stays close to a full decode with a sharp lanczos3 resize (PSNR ≥ 30 dB) and is deterministic', async () => {
    const scores: number[] = [];
    for (const name of photos) {
      const bytes = file(name);
      const fast = await decodeImage(bytes, rgb, { resize: cover64 });
      const again = await decodeImage(bytes, rgb, { resize: cover64 });
      expect(again.data).toEqual(fast.data);
      const slow = await slowPath(bytes, cover64);
      expect([fast.width, fast.height, fast.channels]).toEqual([64, 64, 3]);
      scores.push(psnr(slow, fast));
      // What the file was, as the sharp path reports it.
      const { info } = await decodeImage(bytes, { ...rgb, decoder: 'sharp' });
      expect(fast.info).toEqual(info);
    }
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(30);
  });

  it('turns EXIF-rotated JPEGs upright, like sharp', async () => {
    const tall: ResampleOptions = { ...cover64, width: 40, height: 72 };
    for (const orientation of [3, 6, 8]) {
      const bytes = await sharp(file('cats/img_00.jpg')).jpeg({ quality: 95 }).withMetadata({ orientation }).toBuffer();
      const fast = await decodeImage(bytes, rgb, { resize: tall });
      const slow = await slowPath(bytes, tall);
      expect([fast.width, fast.height]).toEqual([40, 72]);
      expect(psnr(slow, fast)).toBeGreaterThan(30);
    }
  });

  it('leaves to sharp what it must judge: CMYK, damaged, not JPEG, over maxPixels, decoder "sharp"', async () => {
    // Decoded in full: the resize stage then resizes it with sharp.
    const cmyk = await decodeImage(file('cats/img_cmyk.jpg'), rgb, { resize: cover64 });
    expect(cmyk.data).toEqual((await decodeImage(file('cats/img_cmyk.jpg'), rgb)).data);
    await expect(decodeImage(file('cats/truncated.jpg'), rgb, { resize: cover64 })).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(decodeImage(file('cats/empty.jpg'), rgb, { resize: cover64 })).rejects.toBeInstanceOf(DecodeError);
    const png = await decodeImage(file('cups/really_a_png.jpg'), rgb, { resize: cover64 });
    expect(png.info.format).toBe('png');
    await expect(decodeImage(file('cats/img_00.jpg'), { ...rgb, maxPixels: 100 }, { resize: cover64 })).rejects.toMatchObject({ reason: 'too_large' });
    const full = await decodeImage(file('cats/img_00.jpg'), { ...rgb, decoder: 'sharp' }, { resize: cover64 });
    expect(full.width).toBeGreaterThan(64);
    // An ICC profile other than sRGB: sharp converts it to sRGB, libjpeg would not.
    for (const [profile, fast] of [['p3', false], ['srgb', true]] as const) {
      const tagged = await sharp(file('cats/img_00.jpg')).withIccProfile(profile).jpeg().toBuffer();
      expect(readJpegHeader(tagged)!.icc).toBe(profile === 'p3' ? 'other' : 'srgb');
      expect((await decodeImage(tagged, rgb, { resize: cover64 })).width === 64).toBe(fast);
    }
    expect(readJpegHeader(file('cats/img_00.jpg'))!.icc).toBe('none');
  });

  it('gives the same batches at any concurrency, and accounts for every file as the sharp path does', async () => {
    const run = async (concurrency: number, decoder: 'auto' | 'sharp') => {
      const p = pipeline({ seed: 2, concurrency })
        .from(sources.glob({ cwd: messy, channels: 3, decoder }))
        .pipe(stages.resize({ width: 32, height: 32 }), stages.normalize({ range: [-1, 1] }))
        .batch({ size: 5, shuffleBuffer: 20 });
      const stream = p.batches();
      const xs: number[][] = [];
      const ids: string[] = [];
      for await (const b of stream) {
        xs.push(Array.from(b.xs.dataSync()));
        ids.push(...b.ids);
        tf.dispose([b.xs, b.ys!]);
      }
      return { xs, ids, rejected: stream.report.toJSON().rejections.map((r) => `${r.id}:${r.reason}`) };
    };
    const one = await run(1, 'auto');
    expect(await run(8, 'auto')).toEqual(one);
    const slow = await run(4, 'sharp');
    expect(one.ids).toEqual(slow.ids);
    expect(one.rejected).toEqual(slow.rejected);
    expect(one.xs).not.toEqual(slow.xs); // the fast path did run
  });

  it('applies only when the resize stage comes first', async () => {
    const first = (await pipelineImages([stages.integrity(), stages.resize({ width: 32, height: 32 })], 'auto'))!;
    const sharpOnly = (await pipelineImages([stages.integrity(), stages.resize({ width: 32, height: 32 })], 'sharp'))!;
    expect(first).toEqual(sharpOnly);
  });
});

async function pipelineImages(list: Stage[], decoder: 'auto' | 'sharp') {
  const p = pipeline({ seed: 1 }).from(sources.glob({ cwd: messy, patterns: ['cats/img_0*.jpg'], decoder })).pipe(...list);
  const out: number[][] = [];
  for await (const s of p.samples()) out.push(Array.from(s.image.data));
  return out;
}
