import { describe, expect, it } from 'vitest';
import { randomRotate } from '../../../../src/stages/augment/ops/randomRotate.js';
import { sampleMany } from './sampleMany.js';

describe('randomRotate', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomRotate)) expect(Math.abs(p.angle)).toBeLessThanOrEqual(15);
  });
});
