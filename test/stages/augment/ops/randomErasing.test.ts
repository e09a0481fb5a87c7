import { describe, expect, it } from 'vitest';
import { randomErasing } from '../../../../src/stages/augment/ops/randomErasing.js';
import { sampleMany } from './sampleMany.js';

describe('randomErasing', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    const draws = sampleMany(randomErasing);
    expect(draws.length).toBeGreaterThan(900); // a box fits almost always at these scales
    for (const p of draws) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(24);
      expect(p.y + p.height).toBeLessThanOrEqual(16);
      expect(p.width).toBeGreaterThan(0);
    }
  });
});
