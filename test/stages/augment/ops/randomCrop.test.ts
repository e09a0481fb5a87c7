import { describe, expect, it } from 'vitest';
import { randomCrop } from '../../../../src/stages/augment/ops/randomCrop.js';
import { sampleMany } from './sampleMany.js';

describe('randomCrop', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomCrop)) {
      expect(p.x + p.width).toBeLessThanOrEqual(24 + 4);
      expect(p.y + p.height).toBeLessThanOrEqual(16 + 4);
      expect(p.x).toBeGreaterThanOrEqual(0);
    }
  });
});
