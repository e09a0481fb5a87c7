import { describe, expect, it } from 'vitest';
import { randomSaturation } from '../../../../src/stages/augment/ops/randomSaturation.js';
import { sampleMany } from './sampleMany.js';

describe('randomSaturation', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomSaturation)) {
      expect(p.factor).toBeGreaterThanOrEqual(0.8);
      expect(p.factor).toBeLessThanOrEqual(1.2);
    }
  });
});
