import { describe, expect, it } from 'vitest';
import { randomResizedCrop } from '../../../../src/stages/augment/ops/randomResizedCrop.js';
import { sampleMany } from './sampleMany.js';

describe('randomResizedCrop', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomResizedCrop)) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(24);
      expect(p.y + p.height).toBeLessThanOrEqual(16);
      expect(p.width).toBeGreaterThan(0);
    }
  });
});
