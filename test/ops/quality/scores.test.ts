import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import {
  aspectRatioScore,
  blurScore,
  darkScore,
  DEFAULT_THRESHOLDS,
  entropyScore,
  grayscaleScore,
  lightScore,
  qualityFlags,
  qualityScores,
  type QualityScores,
} from '../../../src/ops/quality/scores.js';

const gray = (width: number, height: number, f: (x: number, y: number) => number): Image => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { data, width, height, channels: 1 };
};
const rgb = (width: number, height: number, pixel: (i: number) => [number, number, number]): Image => {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(pixel(i), i * 3);
  return { data, width, height, channels: 3 };
};
const constant = (v: number) => rgb(8, 8, () => [v, v, v]);

/** Separable box blur with clamped borders, rounded to bytes. */
function boxBlur(image: Image, radius: number): Image {
  const { width, height } = image;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          sum += image.data[yy * width + xx]!;
        }
      }
      out[y * width + x] = Math.round(sum / (2 * radius + 1) ** 2);
    }
  }
  return { ...image, data: out };
}

describe('brightness scores (dark, light)', () => {
  it('black is dark, white is light', () => {
    expect(darkScore(constant(0))).toBe(0);
    expect(lightScore(constant(0))).toBe(1);
    expect(darkScore(constant(255))).toBeCloseTo(1, 12);
    expect(lightScore(constant(255))).toBeCloseTo(0, 12);
  });

  it('reads brightness as sqrt(0.241 R² + 0.691 G² + 0.068 B²) / 255', () => {
    expect(darkScore(rgb(2, 2, () => [200, 0, 0]))).toBeCloseTo(Math.sqrt(0.241) * (200 / 255), 12);
    expect(darkScore(rgb(2, 2, () => [0, 0, 200]))).toBeCloseTo(Math.sqrt(0.068) * (200 / 255), 12);
    expect(darkScore(constant(77))).toBeCloseTo(77 / 255, 12);
  });

  it('interpolates percentiles linearly between order statistics, as NumPy', () => {
    const ramp = gray(10, 10, (x, y) => 99 - (y * 10 + x)); // 0..99, reversed so selection has work to do
    expect(darkScore(ramp)).toBeCloseTo(98.01 / 255, 12); // p99 at rank 0.99 × 99 = 98.01
    expect(lightScore(ramp)).toBeCloseTo(1 - 4.95 / 255, 12); // p5 at rank 4.95
  });

  it('is not fooled by runs of equal values', () => {
    const mostlyBlack = gray(100, 100, (x, y) => (y === 99 && x >= 98 ? 255 : 0)); // 2 white pixels in 10⁴
    expect(darkScore(mostlyBlack)).toBe(0);
  });
});

describe('entropyScore (low_information)', () => {
  it('is 0 on a constant image, whatever its channels', () => {
    expect(entropyScore(constant(123))).toBe(0);
    expect(entropyScore(gray(5, 3, () => 9))).toBe(0);
  });

  it('is 0.1 × entropy in bits of the luma histogram', () => {
    expect(entropyScore(gray(4, 4, (x) => (x < 2 ? 0 : 255)))).toBeCloseTo(0.1, 12); // 1 bit
    expect(entropyScore(gray(16, 16, (x, y) => y * 16 + x))).toBeCloseTo(0.8, 12); // 8 bits
    expect(entropyScore(gray(4, 1, (x) => [0, 0, 1, 2][x]!))).toBeCloseTo(0.15, 12); // 1.5 bits
  });
});

describe('blurScore', () => {
  const checkerboard = gray(64, 64, (x, y) => ((Math.floor(x / 16) + Math.floor(y / 16)) % 2 === 1 ? 255 : 0));

  it('a checkerboard is not blurry, its blurred copy is', () => {
    const blurred = boxBlur(boxBlur(checkerboard, 8), 8);
    expect(blurScore(checkerboard)).toBe(1);
    expect(blurScore(blurred)).toBeLessThan(DEFAULT_THRESHOLDS.blurry);
    expect(blurScore(boxBlur(checkerboard, 8))).toBeGreaterThan(blurScore(blurred));
  });

  it('leaves flat images to low_information (the tone term)', () => {
    expect(blurScore(gray(64, 64, () => 40))).toBeCloseTo(1 - Math.exp(-2.555), 3); // histogram std 255.5
    expect(blurScore(gray(20, 10, () => 40))).toBeCloseTo(1 - Math.exp(-2.555), 3); // scaled to 64×64
  });

  it('downscales large images to 64 px on the longer side first', () => {
    const big = gray(256, 256, (x, y) => ((Math.floor(x / 64) + Math.floor(y / 64)) % 2 === 1 ? 255 : 0));
    expect(blurScore(big)).toBe(blurScore(checkerboard));
  });
});

describe('grayscaleScore', () => {
  it('is 0 for 1-channel images and for colour images with equal channels', () => {
    expect(grayscaleScore(gray(3, 3, (x) => x * 50))).toBe(0);
    expect(grayscaleScore(rgb(3, 3, (i) => [i * 20, i * 20, i * 20]))).toBe(0);
  });

  it('is the mean of (max − min) / 255 over pixels', () => {
    expect(grayscaleScore(rgb(2, 1, () => [255, 0, 0]))).toBe(1);
    expect(grayscaleScore(rgb(2, 1, (i) => (i === 0 ? [255, 0, 0] : [9, 9, 9])))).toBe(0.5);
    expect(grayscaleScore(rgb(1, 1, () => [10, 13, 12]))).toBe(3 / 255);
  });

  it('ignores alpha', () => {
    const data = Uint8Array.from([10, 10, 10, 0, 20, 20, 20, 255]);
    expect(grayscaleScore({ data, width: 2, height: 1, channels: 4 })).toBe(0);
  });
});

describe('aspectRatioScore', () => {
  it('is min(w/h, h/w)', () => {
    expect(aspectRatioScore({ width: 400, height: 6 })).toBe(0.015);
    expect(aspectRatioScore({ width: 96, height: 160 })).toBe(0.6);
    expect(aspectRatioScore({ width: 128, height: 128 })).toBe(1);
  });
});

describe('qualityScores and qualityFlags', () => {
  it('qualityScores gives the values of the single functions', () => {
    const image = rgb(70, 30, (i) => [(i * 7) % 256, (i * 13) % 256, (i * 29) % 256]);
    expect(qualityScores(image)).toEqual({
      dark: darkScore(image),
      light: lightScore(image),
      low_information: entropyScore(image),
      blurry: blurScore(image),
      grayscale: grayscaleScore(image),
      odd_aspect_ratio: aspectRatioScore(image),
    });
  });

  it('flags scores strictly below the threshold, with per-issue overrides', () => {
    const scores: QualityScores = { dark: 0.25, light: 0.5, low_information: 0.5, blurry: 0.5, grayscale: 0.5, odd_aspect_ratio: 0.5 };
    expect(qualityFlags(scores)).toEqual([]); // 0.25 is not below 0.25
    expect(qualityFlags(scores, { dark: 0.3, blurry: 0.6 })).toEqual(['dark', 'blurry']);
  });

  it('does not call a flat image grayscale on top of low_information', () => {
    expect(qualityFlags(qualityScores(constant(0)))).toEqual(['dark', 'low_information']);
    expect(qualityFlags(qualityScores(constant(128)))).toEqual(['low_information']);
  });

  it('DEFAULT_THRESHOLDS is frozen', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
  });
});

describe('fixtures/messy', () => {
  const dir = path.resolve(import.meta.dirname, '../../../fixtures/messy');
  type Expected = Record<string, { verdict: string; flags?: string[] }>;
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  // Decodable images: "ok", and duplicates, which are ordinary photos as far as content goes.
  const files = Object.keys(expected).filter((f) => ['ok', 'duplicate'].includes(expected[f]!.verdict));
  // img_16bit.png is img_gray.png stored as 16-bit gray: the same pixels (asserted below), so any
  // pixel-based score flags both. expected.json mirrors CleanVision, which only looks at PIL's mode
  // ("L" for img_gray, "I;16" for img_16bit), a fact the decoded Image no longer carries.
  const knownConflicts: Record<string, string[]> = { 'cups/img_16bit.png': ['grayscale'] };
  const decoded = new Map<string, Image>();

  beforeAll(async () => {
    for (const f of files) {
      const { data, info } = await sharp(path.join(dir, f)).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      decoded.set(f, { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 });
    }
  });

  it('flags exactly the expected issues on every decodable file', () => {
    const got = Object.fromEntries(files.map((f) => [f, qualityFlags(qualityScores(decoded.get(f)!))]));
    const want = Object.fromEntries(files.map((f) => [f, knownConflicts[f] ?? expected[f]!.flags ?? []]));
    expect(got).toEqual(want);
    expect(files.length).toBeGreaterThanOrEqual(29);
  });

  it('img_16bit.png decodes to the same pixels as img_gray.png (why it is a known conflict)', () => {
    expect(decoded.get('cups/img_16bit.png')!.data).toEqual(decoded.get('cats/img_gray.png')!.data);
  });

  it('unflagged files clear each threshold by at least 10%, so the defaults are not tuned to the edge', () => {
    for (const f of files) {
      const scores = qualityScores(decoded.get(f)!);
      const flags = knownConflicts[f] ?? expected[f]!.flags ?? [];
      for (const [issue, threshold] of Object.entries(DEFAULT_THRESHOLDS) as [keyof QualityScores, number][]) {
        if (flags.includes(issue) || (issue === 'grayscale' && flags.includes('low_information'))) continue;
        expect(scores[issue], `${f} ${issue}`).toBeGreaterThan(threshold * 1.1);
      }
    }
  });
});
