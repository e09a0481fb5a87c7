import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Channels, Image } from '../../src/core/types.js';
import { psnr } from '../../src/ops/denoise/psnr.js';
import { geometry, resample, type ResampleFit, type ResampleKernel } from '../../src/ops/resample.js';
import { resizeImage } from '../../src/stages/preprocess/resize.js';

const KERNELS: ResampleKernel[] = ['nearest', 'linear', 'cubic', 'mitchell', 'lanczos2', 'lanczos3'];
const FITS: ResampleFit[] = ['cover', 'contain', 'fill', 'inside'];

function image(width: number, height: number, channels: Channels, value: (i: number) => number): Image {
  return { data: Uint8Array.from({ length: width * height * channels }, (_, i) => value(i)), width, height, channels };
}

// A deterministic pseudo-random image.
function noise(width: number, height: number, channels: Channels): Image {
  let s = 12345;
  return image(width, height, channels, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24));
}

async function photo(path: string): Promise<Image> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: info.channels as Channels };
}

const base = { fit: 'cover' as const, kernel: 'lanczos3' as const, background: [0, 0, 0] };

describe('resample', () => {
  it('returns an identical copy at the same size', () => {
    const src = noise(7, 5, 3);
    const out = resample(src, { ...base, width: 7, height: 5 });
    expect(out).toEqual(src);
    expect(out.data).not.toBe(src.data);
  });

  it('keeps a constant image constant, for every kernel and fit, down and up', () => {
    for (const channels of [1, 3, 4] as const) {
      const colour = [37, 180, 90, 200];
      const src = image(23, 17, channels, (i) => colour[i % channels]!);
      for (const kernel of KERNELS) {
        for (const fit of FITS) {
          for (const [width, height] of [[8, 9], [40, 31]] as const) {
            const out = resample(src, { width, height, fit, kernel, background: colour.slice(0, channels) });
            for (let i = 0; i < out.data.length; i++) expect(out.data[i], `${channels} ${kernel} ${fit} ${width}`).toBe(colour[i % channels]);
          }
        }
      }
    }
  });

  it('gives each fit its output shape', () => {
    const src = noise(100, 50, 3);
    const shape = (fit: ResampleFit) => {
      const { width, height, channels } = resample(src, { ...base, fit, width: 30, height: 30 });
      return [width, height, channels];
    };
    expect(shape('cover')).toEqual([30, 30, 3]);
    expect(shape('contain')).toEqual([30, 30, 3]);
    expect(shape('fill')).toEqual([30, 30, 3]);
    // Aspect ratio 2:1 kept within the box.
    expect(shape('inside')).toEqual([30, 15, 3]);
  });

  it('rounds sizes like sharp where they land on .5', async () => {
    // 3000 / (2000 / 593) is 889.5 on paper; sharp's scale round trip makes it 889.
    expect(geometry(3000, 2000, 1111, 593, 'inside')).toMatchObject({ resizedWidth: 889, resizedHeight: 593 });
    const src = image(3000, 2000, 1, () => 0);
    const theirs = await resizeImage(src, { ...base, fit: 'inside', width: 1111, height: 593 });
    expect([theirs.width, theirs.height]).toEqual([889, 593]);
  });

  it('pads contain with the background, centred', () => {
    const src = image(40, 20, 3, () => 128);
    const out = resample(src, { ...base, fit: 'contain', width: 10, height: 10, background: [255, 0, 10] });
    // 40×20 → 10×5, placed at rows 2..6 ((10 − 5) >> 1 = 2).
    const at = (x: number, y: number) => Array.from(out.data.subarray((y * 10 + x) * 3, (y * 10 + x) * 3 + 3));
    for (const y of [0, 1, 7, 8, 9]) expect(at(4, y)).toEqual([255, 0, 10]);
    for (const y of [2, 4, 6]) expect(at(4, y)).toEqual([128, 128, 128]);
  });

  it('pads a gray image with the luma of an RGB background', () => {
    // 4×2 → 2×1 at row (2 − 1) >> 1 = 0, padding below.
    const out = resample(image(4, 2, 1, () => 0), { ...base, fit: 'contain', width: 2, height: 2, background: [100, 200, 50] });
    expect(Array.from(out.data)).toEqual([0, 0, 168, 168]);
  });

  it('nearest only picks existing pixel values', () => {
    const src = noise(37, 29, 3);
    const values = new Set<number>();
    for (let i = 0; i < src.data.length; i += 3) values.add((src.data[i]! << 16) | (src.data[i + 1]! << 8) | src.data[i + 2]!);
    for (const [width, height] of [[10, 12], [80, 60]] as const) {
      const out = resample(src, { ...base, kernel: 'nearest', width, height });
      for (let i = 0; i < out.data.length; i += 3) expect(values.has((out.data[i]! << 16) | (out.data[i + 1]! << 8) | out.data[i + 2]!)).toBe(true);
    }
  });

  it('matches sharp exactly on a 1-D nearest downscale and within 1 on a cubic upscale', async () => {
    const ramp = image(240, 2, 1, (i) => i % 240);
    // Where a sample position falls exactly on a pixel boundary (e.g. 240 → 70, 100), libvips'
    // float rounding picks either side; these widths avoid ties (2.5×) or always tie (6×).
    for (const width of [96, 40]) {
      const o = { ...base, fit: 'fill', kernel: 'nearest', width, height: 2 } as const;
      expect(resample(ramp, o).data).toEqual((await resizeImage(ramp, o)).data);
    }
    const steps = image(7, 2, 1, (i) => (i % 7) * 40);
    const o = { ...base, kernel: 'cubic', width: 17, height: 4 } as const;
    const ours = resample(steps, o).data, theirs = (await resizeImage(steps, o)).data;
    for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - theirs[i]!)).toBeLessThanOrEqual(1);
  });

  it('is within 35 dB PSNR of sharp on photos at 2–4× downscales', async () => {
    for (const path of ['fixtures/messy/cats/img_00.jpg', 'fixtures/messy/cats/img_04.jpg']) {
      const src = await photo(path);
      for (const kernel of ['linear', 'lanczos3'] as const) {
        for (const fit of FITS) {
          for (const shrink of [2, 2.7, 3.9]) {
            const o = { fit, kernel, background: [0, 0, 0], width: Math.round(src.width / shrink), height: Math.round((src.height / shrink) * 0.8) };
            const theirs = await resizeImage(src, o);
            const ours = resample(src, o);
            expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
            expect(psnr(theirs, ours), `${path} ${kernel} ${fit} ${shrink}`).toBeGreaterThanOrEqual(35);
          }
        }
      }
    }
  });

  it('handles 1, 3 and 4 channels like sharp', async () => {
    const src = await photo('fixtures/messy/cats/img_00.jpg');
    const gray = image(src.width, src.height, 1, (i) => src.data[i * 3 + 1]!);
    const rgba = image(src.width, src.height, 4, (i) => (i % 4 === 3 ? 255 : src.data[(i >> 2) * 3 + (i % 4)]!));
    for (const img of [gray, src, rgba]) {
      const o = { ...base, width: 50, height: 40 };
      const ours = resample(img, o);
      expect(ours.channels).toBe(img.channels);
      expect(psnr(await resizeImage(img, o), ours)).toBeGreaterThanOrEqual(35);
    }
  });

  it('keeps transparent pixels from bleeding colour (premultiplied alpha)', () => {
    // Left half opaque red, right half transparent green.
    const src = image(8, 2, 4, (i) => {
      const x = (i >> 2) % 8, ch = i % 4;
      return x < 4 ? [255, 0, 0, 255][ch]! : [0, 255, 0, 0][ch]!;
    });
    const out = resample(src, { ...base, kernel: 'linear', fit: 'fill', width: 3, height: 1 });
    // The middle pixel mixes both: partly transparent, but still pure red.
    expect(Array.from(out.data.subarray(4, 8))).toEqual([255, 0, 0, 128]);
  });

  it('rejects float images and bad sizes', () => {
    const float: Image = { data: new Float32Array(12), width: 2, height: 2, channels: 3 };
    expect(() => resample(float, { ...base, width: 1, height: 1 })).toThrow(RangeError);
    expect(() => resample(noise(2, 2, 3), { ...base, width: 0, height: 1 })).toThrow(/width/);
  });
});
