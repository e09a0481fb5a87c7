import { describe, expect, it } from 'vitest';
import { randomElastic } from '../../../../src/stages/augment/ops/randomElastic.js';
import { sampleMany } from './sampleMany.js';

describe('randomElastic', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomElastic)) expect(Number.isInteger(p.seed)).toBe(true);
  });
});
