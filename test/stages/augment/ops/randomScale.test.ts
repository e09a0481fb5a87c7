import { describe, expect, it } from 'vitest';
import { randomScale } from '../../../../src/stages/augment/ops/randomScale.js';
import { sampleMany } from './sampleMany.js';

describe('randomScale', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomScale)) {
      expect(p.factor).toBeGreaterThanOrEqual(0.9);
      expect(p.factor).toBeLessThanOrEqual(1.1);
    }
  });
});
