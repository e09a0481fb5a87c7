import { describe, expect, it } from 'vitest';
import { randomBrightness } from '../../../../src/stages/augment/ops/randomBrightness.js';
import { sampleMany } from './sampleMany.js';

describe('randomBrightness', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomBrightness)) {
      expect(p.factor).toBeGreaterThanOrEqual(0.8);
      expect(p.factor).toBeLessThanOrEqual(1.2);
    }
  });
});
