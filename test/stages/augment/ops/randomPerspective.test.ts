import { describe, expect, it } from 'vitest';
import { randomPerspective } from '../../../../src/stages/augment/ops/randomPerspective.js';
import { sampleMany } from './sampleMany.js';

describe('randomPerspective', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomPerspective)) {
      for (const [x, y] of p.corners) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(23);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(15);
      }
    }
  });
});
