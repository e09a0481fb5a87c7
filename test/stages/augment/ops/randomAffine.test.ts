import { describe, expect, it } from 'vitest';
import { randomAffine } from '../../../../src/stages/augment/ops/randomAffine.js';
import { sampleMany } from './sampleMany.js';

describe('randomAffine', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomAffine)) {
      expect(Math.abs(p.angle)).toBeLessThanOrEqual(10);
      expect(Math.abs(p.shear[0])).toBeLessThanOrEqual(5);
      expect(Math.abs(p.translate[0])).toBeLessThanOrEqual(3);
      expect(p.scale).toBeGreaterThanOrEqual(0.9);
    }
  });
});
