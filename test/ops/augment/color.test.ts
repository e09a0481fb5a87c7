import { describe, expect, it } from 'vitest';
import { brightness, contrast, gamma, grayscale, hue, saturation } from '../../../src/ops/augment/color.js';
import type { Image } from '../../../src/core/types.js';
import { f32, ramp, u8 } from './helpers.js';

const values = (image: Image) => Array.from(image.data);
const expectClose = (image: Image, expected: number[], digits = 4) => values(image).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));

describe('brightness', () => {
  it('multiplies, rounds half to even and clamps uint8 at 255', () => {
    expect(values(brightness(u8(4, 1, 1, [10, 100, 200, 255]), { factor: 1.5 }))).toEqual([15, 150, 255, 255]);
    // 2.5 → 2, 3.5 → 4 (ties to even), 0 stays 0.
    expect(values(brightness(u8(3, 1, 1, [5, 7, 0]), { factor: 0.5 }))).toEqual([2, 4, 0]);
    expect(values(brightness(u8(2, 1, 1, [10, 255]), { factor: 0 }))).toEqual([0, 0]);
  });

  it('does not clamp float values', () => {
    expect(values(brightness(f32(2, 1, 1, [0.75, -0.5]), { factor: 2 }))).toEqual([1.5, -1]);
  });

  it('leaves alpha unchanged', () => {
    expect(values(brightness(u8(1, 1, 4, [100, 100, 100, 100]), { factor: 2 }))).toEqual([200, 200, 200, 100]);
    expect(values(brightness(f32(1, 1, 4, [0.5, 0.5, 0.5, 0.5]), { factor: 0.5 }))).toEqual([0.25, 0.25, 0.25, 0.5]);
  });

  it('rejects a negative factor', () => {
    expect(() => brightness(ramp(2, 2), { factor: -1 })).toThrow(/brightness\.factor/);
  });
});

describe('contrast', () => {
  // Red and blue: luma 0.299·255 = 76.245 and 0.114·255 = 29.07, mean m = 52.6575.
  const redBlue = u8(2, 1, 3, [255, 0, 0, 0, 0, 255]);
  const m = 52.6575;

  it('blends with the mean luma: m + f·(v − m)', () => {
    // 255 → 153.82875 → 154; 0 → 26.32875 → 26.
    expect(values(contrast(redBlue, { factor: 0.5 }))).toEqual([154, 26, 26, 26, 26, 154]);
    expect(values(contrast(redBlue, { factor: 0 }))).toEqual([53, 53, 53, 53, 53, 53]);
    expect(contrast(redBlue, { factor: 1 })).toEqual(redBlue);
  });

  it('clamps uint8 at both ends', () => {
    // 1 channel: mean 50; factor 2 → −50 and 150 → 0 and 150; factor 4 on 120, 0: mean 60 → 300, −180.
    expect(values(contrast(u8(2, 1, 1, [0, 100]), { factor: 2 }))).toEqual([0, 150]);
    expect(values(contrast(u8(2, 1, 1, [120, 0]), { factor: 4 }))).toEqual([255, 0]);
  });

  it('does not clamp float values', () => {
    const float = f32(2, 1, 3, [255, 0, 0, 0, 0, 255]);
    expectClose(contrast(float, { factor: 3 }), [m + 3 * (255 - m), -2 * m, -2 * m, -2 * m, -2 * m, m + 3 * (255 - m)], 3);
  });

  it('leaves alpha unchanged and ignores it in the mean', () => {
    const out = contrast(u8(2, 1, 4, [255, 0, 0, 9, 0, 0, 255, 200]), { factor: 0.5 });
    expect(values(out)).toEqual([154, 26, 26, 9, 26, 26, 154, 200]);
  });
});

describe('saturation', () => {
  // (200, 100, 50): luma 59.8 + 58.7 + 5.7 = 124.2.
  const orange = u8(1, 1, 3, [200, 100, 50]);

  it('blends each pixel with its luma; 0 gives grayscale', () => {
    expect(values(saturation(orange, { factor: 0 }))).toEqual([124, 124, 124]);
    expect(values(saturation(orange, { factor: 0.5 }))).toEqual([162, 112, 87]);
    expect(saturation(orange, { factor: 1 })).toEqual(orange);
  });

  it('clamps uint8 at both ends: 124.2 + 2·(v − 124.2) = 275.8, 75.8, −24.2', () => {
    expect(values(saturation(orange, { factor: 2 }))).toEqual([255, 76, 0]);
  });

  it('does not clamp float values', () => {
    expectClose(saturation(f32(1, 1, 3, [200, 100, 50]), { factor: 2 }), [275.8, 75.8, -24.2], 3);
  });

  it('leaves alpha unchanged and copies 1-channel images', () => {
    expect(values(saturation(u8(1, 1, 4, [200, 100, 50, 77]), { factor: 0 }))).toEqual([124, 124, 124, 77]);
    const gray = ramp(3, 2, 1);
    const out = saturation(gray, { factor: 3 });
    expect(out).toEqual(gray);
    expect(out.data).not.toBe(gray.data);
  });
});

describe('hue', () => {
  const red = u8(1, 1, 3, [255, 0, 0]);

  it('turns the hue by shift turns: red → green (1/3), blue (−1/3), yellow (1/6), cyan (1/2)', () => {
    expect(values(hue(red, { shift: 1 / 3 }))).toEqual([0, 255, 0]);
    expect(values(hue(red, { shift: -1 / 3 }))).toEqual([0, 0, 255]);
    expect(values(hue(red, { shift: 1 / 6 }))).toEqual([255, 255, 0]);
    expect(values(hue(red, { shift: 0.5 }))).toEqual([0, 255, 255]);
    expect(values(hue(red, { shift: -0.5 }))).toEqual([0, 255, 255]);
  });

  it('keeps value and saturation: (200, 100, 50) by 0.1 turn → (200, 190, 50)', () => {
    // h = (100 − 50)/150 sextant = 1/18 turn; + 0.1 → 14/90 turn, in the red–yellow sextant:
    // g = min + chroma·frac = 50 + 150·(0.9333…) = 190.
    expect(values(hue(u8(1, 1, 3, [200, 100, 50]), { shift: 0.1 }))).toEqual([200, 190, 50]);
    expectClose(hue(f32(1, 1, 3, [0.8, 0.4, 0.2]), { shift: 0.1 }), [0.8, 0.76, 0.2], 6);
  });

  it('leaves gray pixels, alpha and 1-channel images unchanged', () => {
    expect(values(hue(u8(2, 1, 4, [7, 7, 7, 1, 255, 0, 0, 128]), { shift: 1 / 3 }))).toEqual([7, 7, 7, 1, 0, 255, 0, 128]);
    expect(hue(ramp(2, 2, 1), { shift: 0.2 })).toEqual(ramp(2, 2, 1));
  });

  it('undoes itself with the opposite shift (float)', () => {
    const image = f32(2, 1, 3, [0.9, 0.3, 0.1, 0.2, 0.5, 0.7]);
    expectClose(hue(hue(image, { shift: 0.3 }), { shift: -0.3 }), values(image), 6);
  });

  it('rejects a shift outside [−0.5, 0.5]', () => {
    expect(() => hue(red, { shift: 0.6 })).toThrow(/hue\.shift/);
  });
});

describe('gamma', () => {
  it('maps uint8 through 255·gain·(v/255)^gamma, rounded and clamped', () => {
    // 255·(64/255)² = 16.06; 255·√(64/255) = 127.75.
    expect(values(gamma(u8(3, 1, 1, [0, 64, 255]), { gamma: 2 }))).toEqual([0, 16, 255]);
    expect(values(gamma(u8(1, 1, 1, [64]), { gamma: 0.5 }))).toEqual([128]);
    expect(values(gamma(u8(2, 1, 1, [200, 100]), { gamma: 1, gain: 2 }))).toEqual([255, 200]);
  });

  it('maps float values through gain·v^gamma without clamping', () => {
    expectClose(gamma(f32(2, 1, 1, [0.25, 0.81]), { gamma: 0.5, gain: 2 }), [1, 1.8], 6);
  });

  it('leaves alpha unchanged', () => {
    expect(values(gamma(u8(1, 1, 4, [64, 64, 64, 64]), { gamma: 2 }))).toEqual([16, 16, 16, 64]);
  });
});

describe('grayscale', () => {
  it('writes the BT.601 luma into every colour channel', () => {
    // 0.299·255 = 76.245; 0.299·10 + 0.587·20 + 0.114·30 = 18.15.
    expect(values(grayscale(u8(2, 1, 3, [255, 0, 0, 10, 20, 30])))).toEqual([76, 76, 76, 18, 18, 18]);
    expectClose(grayscale(f32(1, 1, 3, [10, 20, 30])), [18.15, 18.15, 18.15]);
  });

  it('keeps the channel count and alpha', () => {
    const out = grayscale(u8(1, 1, 4, [255, 0, 0, 33]));
    expect(out.channels).toBe(4);
    expect(values(out)).toEqual([76, 76, 76, 33]);
  });

  it('copies a 1-channel image', () => {
    expect(grayscale(ramp(3, 3, 1))).toEqual(ramp(3, 3, 1));
  });
});

describe('photometric ops are pure', () => {
  it('never modify their input', () => {
    const image = ramp(4, 4, 4);
    const before = Uint8Array.from(image.data);
    brightness(image, { factor: 2 });
    contrast(image, { factor: 2 });
    saturation(image, { factor: 2 });
    hue(image, { shift: 0.2 });
    gamma(image, { gamma: 2 });
    grayscale(image);
    expect(image.data).toEqual(before);
  });
});
