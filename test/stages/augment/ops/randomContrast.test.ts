import { describe, expect, it } from 'vitest';
import { randomContrast } from '../../../../src/stages/augment/ops/randomContrast.js';
import { sampleMany } from './sampleMany.js';

describe('randomContrast', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomContrast)) {
      expect(p.factor).toBeGreaterThanOrEqual(0.8);
      expect(p.factor).toBeLessThanOrEqual(1.2);
    }
  });
});
