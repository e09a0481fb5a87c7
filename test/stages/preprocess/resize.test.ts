import { describe, expect, it } from 'vitest';
import { PipelineConfigError, SampleError, stages } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';

// 6×2 gray image: columns 0–1 = 10, 2–3 = 100, 4–5 = 200.
function bands(channels: 1 | 3 | 4 = 1): Image {
  const values = [10, 10, 100, 100, 200, 200];
  const data = new Uint8Array(6 * 2 * channels);
  for (let y = 0; y < 2; y++) for (let x = 0; x < 6; x++) for (let c = 0; c < channels; c++) data[(y * 6 + x) * channels + c] = values[x]!;
  return { data, width: 6, height: 2, channels };
}
const opts = (o: Partial<stages.ResolvedResizeOptions>) => stages.resize({ width: 1, height: 1, ...o } as stages.ResizeOptions).options;

describe('resize', () => {
  it('fill stretches (nearest): 6×2 → 3×1 keeps one pixel per band', async () => {
    const out = await stages.resizeImage(bands(), opts({ width: 3, height: 1, fit: 'fill', kernel: 'nearest' }));
    expect([out.width, out.height, out.channels]).toEqual([3, 1, 1]);
    expect(Array.from(out.data)).toEqual([10, 100, 200]);
  });

  it('cover keeps the aspect ratio and crops the centre: 6×2 → 2×2 is the middle band', async () => {
    const out = await stages.resizeImage(bands(), opts({ width: 2, height: 2, fit: 'cover', kernel: 'nearest' }));
    expect(Array.from(out.data)).toEqual([100, 100, 100, 100]);
  });

  it('contain pads with the background colour: 6×2 → 6×6 has 2 padded rows top and bottom', async () => {
    const out = await stages.resizeImage(bands(3), opts({ width: 6, height: 6, fit: 'contain', kernel: 'nearest', background: [7, 8, 9] }));
    expect([out.width, out.height, out.channels]).toEqual([6, 6, 3]);
    const px = (x: number, y: number) => Array.from(out.data.subarray((y * 6 + x) * 3, (y * 6 + x) * 3 + 3));
    expect(px(0, 0)).toEqual([7, 8, 9]);
    expect(px(5, 5)).toEqual([7, 8, 9]);
    expect(px(0, 2)).toEqual([10, 10, 10]);
    expect(px(5, 3)).toEqual([200, 200, 200]);
  });

  it('inside keeps the aspect ratio within the box', async () => {
    const out = await stages.resizeImage(bands(), opts({ width: 3, height: 3, fit: 'inside', kernel: 'nearest' }));
    expect([out.width, out.height]).toEqual([3, 1]);
  });

  it('keeps 1 and 4 channels', async () => {
    for (const c of [1, 4] as const) {
      const out = await stages.resizeImage(bands(c), opts({ width: 3, height: 2, fit: 'fill' }));
      expect(out.channels).toBe(c);
      expect(out.data.length).toBe(3 * 2 * c);
    }
  });

  it('refuses float images with a hint to resize before normalize', async () => {
    const img: Image = { data: new Float32Array(4), width: 2, height: 2, channels: 1 };
    await expect(stages.resizeImage(img, opts({ width: 1, height: 1 }), 'a.png')).rejects.toThrow(SampleError);
    await expect(stages.resizeImage(img, opts({ width: 1, height: 1 }), 'a.png')).rejects.toThrow(/put resize before normalize/);
  });

  it('validates options at construction', () => {
    expect(() => stages.resize({ width: 0, height: 64 })).toThrow(PipelineConfigError);
    expect(() => stages.resize({ width: 64, height: 64, fit: 'cove' as 'cover' })).toThrowErrorMatchingInlineSnapshot(`
      [PipelineConfigError: Invalid resize options (1 problem):
      ✖ Expected one of "cover" | "contain" | "fill" | "inside", received "cove" (string); did you mean "cover"?
        → at fit]
    `);
  });
});
