import { describe, expect, it } from 'vitest';
import { randomTranslate } from '../../../../src/stages/augment/ops/randomTranslate.js';
import { sampleMany } from './sampleMany.js';

describe('randomTranslate', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomTranslate)) {
      expect(Math.abs(p.dx)).toBeLessThanOrEqual(2);
      expect(Math.abs(p.dy)).toBeLessThanOrEqual(1);
    }
  });
});
