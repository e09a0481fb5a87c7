import { describe, expect, it } from 'vitest';
import { stages } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';

const u8: Image = { data: new Uint8Array([0, 51, 255, 128]), width: 2, height: 2, channels: 1 };

describe('normalize', () => {
  it('maps uint8 to [-1, 1] by default', () => {
    const out = stages.normalizeImage(u8, stages.normalize().options.range);
    expect(out.data).toBeInstanceOf(Float32Array);
    expect(Array.from(out.data)).toEqual([-1, -0.6, 1, 128 / 127.5 - 1].map(Math.fround));
  });

  it('maps uint8 to [0, 1] and to any range', () => {
    expect(Array.from(stages.normalizeImage(u8, [0, 1]).data)).toEqual([0, 0.2, 1, 128 / 255].map(Math.fround));
    expect(Array.from(stages.normalizeImage(u8, [10, 20]).data)).toEqual([10, 12, 20, 10 + 1280 / 255].map(Math.fround));
  });

  it('treats float input as [0, 1] unless inputRange says otherwise', () => {
    const f: Image = { data: new Float32Array([0, 0.5, 1]), width: 3, height: 1, channels: 1 };
    expect(Array.from(stages.normalizeImage(f, [-1, 1]).data)).toEqual([-1, 0, 1]);
    expect(Array.from(stages.normalizeImage(f, [0, 1], [0, 2]).data)).toEqual([0, 0.25, 0.5]);
  });

  it('rejects an empty or reversed range', () => {
    expect(() => stages.normalize({ range: [1, 1] })).toThrow(/low < high/);
    expect(() => stages.normalize({ range: [1] as unknown as [number, number] })).toThrow(/range/);
  });
});
