import { describe, expect, it } from 'vitest';
import { randomSaltPepper } from '../../../../src/stages/augment/ops/randomSaltPepper.js';
import { sampleMany } from './sampleMany.js';

describe('randomSaltPepper', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomSaltPepper)) expect(p.amount).toBeLessThanOrEqual(0.05);
  });
});
