import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineRandomOp, defineTraceOp, pipeline, randomOpNames, registerRandomOp, replay, sources, stages, type AugmentOpSpec } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';
import { describeTrace } from '../../../src/stages/augment/preview.js';
import { collect, rampImage } from '../../helpers/images.js';

// A user's random op, in one definition: invert every value above a drawn threshold.
const solarizeOp = defineTraceOp<{ threshold: number }>({
  name: 'testSolarize',
  apply: (image, { threshold }): Image => ({ ...image, data: image.data.map((v) => (v >= threshold ? 255 - v : v)) }),
  describe: ({ threshold }) => `solarize ≥${threshold}`,
});
const randomTestSolarize = defineRandomOp({
  name: 'randomTestSolarize',
  description: 'Invert values above a threshold drawn in [min, max].',
  schema: z.strictObject({ p: z.number().min(0).max(1).default(1), threshold: z.tuple([z.number().int(), z.number().int()]).default([128, 255]) }),
  sample: (rng, o) => ({ threshold: o.threshold[0] + Math.floor(rng() * (o.threshold[1] - o.threshold[0] + 1)) }),
  apply: [solarizeOp],
});

// What a TS user writes so their op's specs are typed like the built-ins' (`declare module 'ganpipe'` in a project).
declare module '../../../src/stages/augment/augmentOptions.js' {
  interface RandomOpOptions {
    randomTestSolarize: z.input<typeof randomTestSolarize.schema>;
  }
}

describe('registerRandomOp', () => {
  registerRandomOp(randomTestSolarize);

  it('makes a user op available to augment stages, replay and the preview', async () => {
    expect(randomOpNames()).toContain('randomTestSolarize');
    const ops: stages.AugmentNode[] = [{ op: 'randomTestSolarize', threshold: [100, 120] }];
    const items = () => [0, 1, 2].map((i) => ({ id: `s${i}`, image: rampImage(16, 16, 1, i * 40) }));
    const out = await collect(pipeline({ seed: 4 }).from(sources.iterable(items)).pipe(stages.augment({ ops })).samples());
    out.forEach((s, i) => {
      const [entry] = s.trace!;
      expect(entry!.op).toBe('testSolarize');
      const t = entry!.params['threshold'] as number;
      expect(t).toBeGreaterThanOrEqual(100);
      expect(t).toBeLessThanOrEqual(120);
      expect(Array.from(replay(items()[i]!.image, s.trace!).data)).toEqual(Array.from(s.image.data));
      expect(describeTrace(s.trace!)).toBe(`solarize ≥${t}`);
    });
    expect(() => stages.augment({ ops: [{ op: 'randomTestSolarize', treshold: [1, 2] } as unknown as stages.AugmentNode] })).toThrow(/Unknown key "treshold"; did you mean "threshold"\?/);
  });

  it('refuses a taken name, a trace op name taken by another op, and a schema without p', () => {
    expect(() => registerRandomOp(randomTestSolarize)).toThrow(/"randomTestSolarize" is already registered/);
    const clash = defineTraceOp<{ angle: number }>({ name: 'rotate', apply: (image) => image });
    expect(() => registerRandomOp({ ...randomTestSolarize, name: 'randomClash', apply: [clash] })).toThrow(/trace op "rotate" is already registered by another op/);
    expect(() => registerRandomOp({ ...randomTestSolarize, name: 'randomNoP', schema: z.strictObject({}) })).toThrow(/needs a probability `p`/);
    expect(randomOpNames()).not.toContain('randomClash');
  });
});

describe('describeTrace', () => {
  it("is generated from each trace op's describe, the name where there is none", () => {
    const trace = [
      { op: 'rotate', params: { angle: 12.345 } },
      { op: 'brightness', params: { factor: 1.1234 } },
      { op: 'horizontalFlip', params: {} },
      { op: 'affine', params: {} },
      { op: 'notRegistered', params: {} },
    ];
    expect(describeTrace(trace)).toBe('rotate 12.3°, brightness ×1.12, hflip, affine, notRegistered');
    expect(describeTrace([])).toBe('unchanged');
  });
});

describe('AugmentOpSpec', () => {
  it('types op specs from their schemas, so mistakes fail to compile (and are refused at run time)', () => {
    const good: AugmentOpSpec = { op: 'randomTranslate', fraction: [0.1, 0.2], border: 'reflect' };
    // @ts-expect-error: a misspelt option
    const typo: AugmentOpSpec = { op: 'randomTranslate', fractoin: [0.1, 0.2] };
    // @ts-expect-error: an option of the wrong type
    const wrongType: AugmentOpSpec = { op: 'randomTranslate', fraction: 0.1 };
    // @ts-expect-error: an unknown op
    const unknownOp: AugmentOpSpec = { op: 'randomTranslat' };
    expect(() => stages.augment({ ops: [good] })).not.toThrow();
    for (const bad of [typo, wrongType, unknownOp]) expect(() => stages.augment({ ops: [bad] })).toThrow(/Invalid augment options/);
  });
});
