import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { medianFilter } from '../../../src/ops/denoise/median.js';
import { addGaussianNoise, gray, toFloat } from './helpers.js';

describe('medianFilter', () => {
  it('removes an isolated impulse exactly', async () => {
    const image = gray(5, 5, [
      10, 10, 10, 10, 10,
      10, 10, 10, 10, 10,
      10, 10, 255, 10, 10,
      10, 10, 10, 10, 10,
      10, 10, 10, 10, 10,
    ]);
    expect(Array.from((await medianFilter(image)).data)).toEqual(new Array(25).fill(10));
  });

  it('takes the median of each 3×3 window, edges repeated', async () => {
    const image = gray(4, 3, [
      1, 2, 3, 4,
      5, 6, 7, 8,
      9, 10, 11, 12,
    ]);
    // Top-left window with repeated edges: 1 1 2 / 1 1 2 / 5 5 6 → median 2.
    expect(Array.from((await medianFilter(image)).data)).toEqual([2, 3, 4, 4, 5, 6, 7, 8, 9, 9, 10, 11]);
  });

  it('keeps a one-pixel line only when its window has a majority (radius 2)', async () => {
    const data = new Uint8Array(7 * 7);
    for (let y = 0; y < 7; y++) data[y * 7 + 3] = 200; // a vertical line: 5 of 25 in each window
    const out = await medianFilter({ data, width: 7, height: 7, channels: 1 }, { radius: 2 });
    expect(Array.from(out.data).every((v) => v === 0)).toBe(true);
  });

  it('gives the same values through sharp (uint8) and the TS quickselect (float32), per channel', async () => {
    for (const channels of [1, 3, 4] as const) {
      const base: Image = { data: new Uint8Array(23 * 17 * channels).fill(120), width: 23, height: 17, channels };
      const image = addGaussianNoise(base, 50, `median${channels}`);
      for (const radius of [1, 2]) {
        const viaSharp = await medianFilter(image, { radius });
        const viaTs = await medianFilter(toFloat(image), { radius });
        expect(viaSharp.channels).toBe(channels);
        expect(Array.from(viaSharp.data), `${channels} channels, radius ${radius}`).toEqual(Array.from(viaTs.data));
      }
    }
  });

  it('is the identity for radius 0', async () => {
    const image = gray(3, 2, [5, 1, 9, 2, 8, 3]);
    expect((await medianFilter(image, { radius: 0 })).data).toEqual(image.data);
  });

  it('rejects a negative or fractional radius', async () => {
    await expect(medianFilter(gray(1, 1, [0]), { radius: -1 })).rejects.toThrow(/radius/);
    await expect(medianFilter(gray(1, 1, [0]), { radius: 1.5 })).rejects.toThrow(/integer/);
  });
});
