import { describe, expect, it } from 'vitest';
import { randomGamma } from '../../../../src/stages/augment/ops/randomGamma.js';
import { sampleMany } from './sampleMany.js';

describe('randomGamma', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomGamma)) {
      expect(p.gamma).toBeGreaterThanOrEqual(0.8);
      expect(p.gamma).toBeLessThanOrEqual(1.25);
    }
  });
});
