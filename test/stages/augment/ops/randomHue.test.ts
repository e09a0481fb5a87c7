import { describe, expect, it } from 'vitest';
import { randomHue } from '../../../../src/stages/augment/ops/randomHue.js';
import { sampleMany } from './sampleMany.js';

describe('randomHue', () => {
  it('sampled params stay within bounds over 1,000 seeds', () => {
    for (const p of sampleMany(randomHue)) expect(Math.abs(p.shift)).toBeLessThanOrEqual(0.05);
  });
});
