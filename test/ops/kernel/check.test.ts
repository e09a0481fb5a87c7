import { describe, expect, it } from 'vitest';
import { checkImage, checkNumber, checkOddSize, OpParameterError } from '../../../src/ops/kernel/index.js';

const caught = (f: () => void): OpParameterError => {
  try {
    f();
  } catch (error) {
    return error as OpParameterError;
  }
  throw new Error('did not throw');
};

describe('OpParameterError', () => {
  it('names the op, the parameter, the expectation and the value, and is a RangeError (it costs one sample, not the run)', () => {
    const error = caught(() => checkNumber('gaussianBlur', 'sigma', 0, { greaterThan: 0 }));
    expect(error).toBeInstanceOf(OpParameterError);
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('OpParameterError');
    expect([error.op, error.parameter, error.expected, error.received]).toEqual(['gaussianBlur', 'sigma', 'a finite number > 0', 0]);
    expect(error.message).toBe('Expected gaussianBlur.sigma to be a finite number > 0, received 0');
  });

  it('words number bounds from the range', () => {
    expect(caught(() => checkNumber('medianFilter', 'radius', 1.5, { integer: true, min: 0, max: 100 })).expected).toBe('an integer ≥ 0 and ≤ 100');
    expect(caught(() => checkNumber('rotate', 'angle', Number.NaN)).expected).toBe('a finite number');
    expect(caught(() => checkOddSize('nlm', 'templateWindowSize', 6)).message).toBe('Expected nlm.templateWindowSize to be a positive odd integer, received 6');
    expect(() => checkNumber('x', 'y', Number.POSITIVE_INFINITY)).toThrow(OpParameterError);
  });

  it('checks images: sizes, channels, type and length', () => {
    const ok = { data: new Uint8Array(6), width: 2, height: 1, channels: 3 as const };
    expect(() => checkImage(ok, 'op')).not.toThrow();
    expect(caught(() => checkImage({ ...ok, width: 0 }, 'op')).parameter).toBe('image.width');
    expect(caught(() => checkImage({ ...ok, channels: 2 as never }, 'op')).parameter).toBe('image.channels');
    expect(caught(() => checkImage({ ...ok, data: new Float64Array(6) as never }, 'op')).message).toBe('Expected op.image.data to be a Uint8Array or Float32Array, received Float64Array');
    expect(caught(() => checkImage({ ...ok, data: new Uint8Array(5) }, 'op')).message).toBe('Expected op.image.data.length to be 6 (2×1×3), received 5');
  });
});
