import { describe, expect, it } from 'vitest';
import type { Image } from '../../../../src/core/types.js';
import { stages } from '../../../../src/index.js';
import { randomSharpness, sharpness } from '../../../../src/stages/augment/ops/randomSharpness.js';
import { sampleMany } from './sampleMany.js';

const gray = (width: number, height: number, values: number[]): Image => ({ data: Uint8Array.from(values), width, height, channels: 1 });

// torchvision's adjust_sharpness written out plainly, in float64, for any image.
function reference(image: Image, factor: number): Float64Array {
  const { data, width: w, height: h, channels: c } = image;
  const out = Float64Array.from(data);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      for (let k = 0; k < (c === 4 ? 3 : c); k++) {
        let s = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += (dx === 0 && dy === 0 ? 5 : 1) * data[((y + dy) * w + x + dx) * c + k]!;
        const i = (y * w + x) * c + k;
        out[i] = factor * data[i]! + (1 - factor) * (data instanceof Uint8Array ? Math.round(s / 13) : s / 13);
      }
    }
  }
  return out;
}

describe('randomSharpness', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomSharpness)) {
      expect(p.factor).toBeGreaterThanOrEqual(0.5);
      expect(p.factor).toBeLessThanOrEqual(1.5);
    }
    for (const p of sampleMany(randomSharpness, { options: { sharpness: [1, 3] }, seeds: 200 })) expect(p.factor).toBeGreaterThanOrEqual(1);
  });

  it('blends the centre with the [1 1 1; 1 5 1; 1 1 1] / 13 mean and leaves the frame', () => {
    // The centre sees 5 × 130 = 650 → mean 50; factor 0 gives it, 2 gives 50 + 2 · 80 = 210.
    const image = gray(3, 3, [0, 0, 0, 0, 130, 0, 0, 0, 0]);
    expect(Array.from(sharpness(image, { factor: 0 }).data)).toEqual([0, 0, 0, 0, 50, 0, 0, 0, 0]);
    expect(Array.from(sharpness(image, { factor: 2 }).data)).toEqual([0, 0, 0, 0, 210, 0, 0, 0, 0]);
    expect(Array.from(sharpness(image, { factor: 3 }).data)).toEqual([0, 0, 0, 0, 255, 0, 0, 0, 0]); // saturated
    expect(sharpness(image, { factor: 1 }).data).toEqual(image.data);
  });

  it('equals torchvision adjust_sharpness on uint8 (within 1, rounding) and float32 images, keeping alpha', () => {
    for (const channels of [1, 3, 4] as const) {
      const n = 11 * 7 * channels;
      const u8: Image = { data: Uint8Array.from({ length: n }, (_, i) => (i * 97 + (i >> 3) * 31) % 256), width: 11, height: 7, channels };
      const f32: Image = { ...u8, data: Float32Array.from(u8.data, (v) => v / 255) };
      for (const factor of [0, 0.4, 1.7]) {
        const want = reference(u8, factor);
        sharpness(u8, { factor }).data.forEach((v, i) => expect(Math.abs(v - Math.min(255, Math.max(0, want[i]!)))).toBeLessThanOrEqual(1));
        const wantF = reference(f32, factor);
        sharpness(f32, { factor }).data.forEach((v, i) => expect(v).toBeCloseTo(wantF[i]!, 6));
        if (channels === 4) for (let i = 3; i < n; i += 4) expect(sharpness(u8, { factor }).data[i]).toBe(u8.data[i]);
      }
    }
  });

  it('returns small images unchanged and rejects a negative factor', () => {
    const tiny = gray(2, 2, [1, 2, 3, 4]);
    expect(sharpness(tiny, { factor: 2 }).data).toEqual(tiny.data);
    expect(() => sharpness(tiny, { factor: -1 })).toThrow(/sharpness\.factor/);
    expect(() => stages.augment({ ops: [{ op: 'randomSharpness', sharpnes: 0.5 } as never] })).toThrow(/did you mean "sharpness"/);
  });
});
