import { describe, expect, it } from 'vitest';
import { randomBrightnessContrast } from '../../../../src/stages/augment/ops/randomBrightnessContrast.js';
import { traceOf } from '../../../../src/stages/augment/randomOp.js';
import { sampleMany } from './sampleMany.js';

describe('randomBrightnessContrast', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomBrightnessContrast)) {
      for (const { factor } of [p.brightness, p.contrast]) {
        expect(factor).toBeGreaterThanOrEqual(0.8);
        expect(factor).toBeLessThanOrEqual(1.2);
      }
    }
  });

  it('writes two trace entries, brightness then contrast, as the two ops alone write them', () => {
    const [p] = sampleMany(randomBrightnessContrast, { seeds: 1 });
    expect(traceOf(randomBrightnessContrast, p)).toEqual([
      { op: 'brightness', params: p!.brightness },
      { op: 'contrast', params: p!.contrast },
    ]);
  });
});
