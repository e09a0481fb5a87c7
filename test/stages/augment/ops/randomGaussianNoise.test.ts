import { describe, expect, it } from 'vitest';
import { randomGaussianNoise } from '../../../../src/stages/augment/ops/randomGaussianNoise.js';
import { sampleMany } from './sampleMany.js';

describe('randomGaussianNoise', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomGaussianNoise)) {
      expect(p.sigma).toBeGreaterThanOrEqual(0.01 * 255);
      expect(p.sigma).toBeLessThanOrEqual(0.05 * 255);
    }
    // On float images sigma stays a fraction of the [0, 1] range.
    for (const p of sampleMany(randomGaussianNoise, { shape: { width: 24, height: 16, channels: 3, float: true }, seeds: 100 })) expect(p.sigma).toBeLessThanOrEqual(0.05);
  });
});
