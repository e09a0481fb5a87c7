import { describe, expect, it } from 'vitest';
import { randomGrayscale } from '../../../../src/stages/augment/ops/randomGrayscale.js';
import { sampleMany } from './sampleMany.js';

describe('randomGrayscale', () => {
  it('draws no parameters', () => {
    expect(new Set(sampleMany(randomGrayscale, { seeds: 50 }).map((p) => JSON.stringify(p)))).toEqual(new Set(['{}']));
  });
});
