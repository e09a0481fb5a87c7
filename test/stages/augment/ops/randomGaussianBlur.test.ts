import { describe, expect, it } from 'vitest';
import { randomGaussianBlur } from '../../../../src/stages/augment/ops/randomGaussianBlur.js';
import { sampleMany } from './sampleMany.js';

describe('randomGaussianBlur', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomGaussianBlur)) {
      expect(p.sigma).toBeGreaterThanOrEqual(0.1);
      expect(p.sigma).toBeLessThanOrEqual(2);
    }
  });
});
