import { describe, expect, it } from 'vitest';
import { elastic, elasticDisplacement, elasticNoise } from '../../../src/ops/augment/elastic.js';
import { diff, ramp, randomFloat } from './helpers.js';

const std = (a: Float32Array) => {
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  return Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
};

describe('elasticNoise', () => {
  it('draws width × height uniforms in [−1, 1) per axis, the same for the same seed', () => {
    const a = elasticNoise(40, 30, 5);
    expect(a.dx.length).toBe(1200);
    expect(a.dy.length).toBe(1200);
    for (const v of [...a.dx, ...a.dy]) expect(v >= -1 && v < 1).toBe(true);
    // Uniform on [−1, 1): variance 1/3.
    expect(std(a.dx)).toBeCloseTo(Math.sqrt(1 / 3), 1);
    expect(elasticNoise(40, 30, 5)).toEqual(a);
    expect(elasticNoise(40, 30, 6).dx).not.toEqual(a.dx);
  });

  it('rejects a non-integer seed', () => {
    expect(() => elasticNoise(4, 4, 0.5)).toThrow(/elastic\.seed/);
  });
});

describe('elasticDisplacement', () => {
  it('scales linearly with alpha and shrinks as sigma grows', () => {
    const one = elasticDisplacement(64, 64, { alpha: 1, sigma: 3, seed: 1 });
    const ten = elasticDisplacement(64, 64, { alpha: 10, sigma: 3, seed: 1 });
    ten.dx.forEach((v, i) => expect(v).toBeCloseTo(10 * one.dx[i]!, 4));
    const smoother = elasticDisplacement(64, 64, { alpha: 1, sigma: 6, seed: 1 });
    expect(std(smoother.dx)).toBeLessThan(std(one.dx));
    // Smoothing a [−1, 1) white field by a 2-D Gaussian of σ leaves std ≈ 0.577 / (2√π σ).
    expect(std(one.dx)).toBeGreaterThan(0.5 * 0.577 / (2 * Math.sqrt(Math.PI) * 3));
    expect(std(one.dx)).toBeLessThan(2 * 0.577 / (2 * Math.sqrt(Math.PI) * 3));
  });
});

describe('elastic', () => {
  const image = ramp(32, 24, 3);
  const params = { alpha: 34, sigma: 4, seed: 7 };

  it('is deterministic: same seed gives identical output, a different seed a different one', () => {
    const a = elastic(image, params);
    expect(elastic(image, params)).toEqual(a);
    expect(elastic(image, { ...params, seed: 8 }).data).not.toEqual(a.data);
    expect(diff(a, image).max).toBeGreaterThan(0);
  });

  it('is the identity for alpha 0', () => {
    expect(elastic(image, { ...params, alpha: 0 })).toEqual(image);
    const float = randomFloat(10, 8, 4);
    expect(elastic(float, { ...params, alpha: 0 })).toEqual(float);
  });

  it('keeps the type, shape and channels', () => {
    const out = elastic(randomFloat(12, 9, 1), params);
    expect(out.data).toBeInstanceOf(Float32Array);
    expect([out.width, out.height, out.channels]).toEqual([12, 9, 1]);
  });

  it('rejects sigma ≤ 0, negative alpha and an even kernel', () => {
    expect(() => elastic(image, { ...params, sigma: 0 })).toThrow(/elastic\.sigma/);
    expect(() => elastic(image, { ...params, alpha: -1 })).toThrow(/elastic\.alpha/);
    expect(() => elastic(image, { ...params, kernelSize: 4 })).toThrow(/elastic\.kernelSize/);
  });
});
