import { describe, expect, it } from 'vitest';
import { randomHorizontalFlip } from '../../../../src/stages/augment/ops/randomHorizontalFlip.js';
import { sampleMany } from './sampleMany.js';

describe('randomHorizontalFlip', () => {
  it('draws no parameters', () => {
    // Parameter-free: every draw is the same mirror.
    expect(new Set(sampleMany(randomHorizontalFlip, { seeds: 50 }).map((p) => JSON.stringify(p)))).toEqual(new Set(['{}']));
  });
});
