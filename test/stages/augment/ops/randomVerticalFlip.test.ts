import { describe, expect, it } from 'vitest';
import { randomVerticalFlip } from '../../../../src/stages/augment/ops/randomVerticalFlip.js';
import { sampleMany } from './sampleMany.js';

describe('randomVerticalFlip', () => {
  it('draws no parameters', () => {
    expect(new Set(sampleMany(randomVerticalFlip, { seeds: 50 }).map((p) => JSON.stringify(p)))).toEqual(new Set(['{}']));
  });
});
