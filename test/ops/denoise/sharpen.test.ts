import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { unsharpMask } from '../../../src/ops/denoise/sharpen.js';
import { gray, toFloat } from './helpers.js';

/** A 10×3 horizontal step: 50 then 150. */
const STEP = gray(10, 3, Array.from({ length: 30 }, (_, i) => (i % 10 < 5 ? 50 : 150)));
const row = (image: Image, y = 1) => Array.from(image.data.subarray(y * image.width, (y + 1) * image.width));

describe('unsharpMask', () => {
  it('increases contrast across a step edge: undershoot before it, overshoot after it', () => {
    const out = row(unsharpMask(STEP));
    expect(out[4]).toBeLessThan(50);
    expect(out[5]).toBeGreaterThan(150);
    // Far from the edge the image is flat and unchanged.
    expect(out[0]).toBe(50);
    expect(out[9]).toBe(150);
    // Contrast across the edge grows.
    expect(out[5]! - out[4]!).toBeGreaterThan(100);
  });

  it('computes in + amount · (in − blurred) exactly on float images', () => {
    const f = toFloat(STEP);
    const once = row(unsharpMask(f, { amount: 1 }));
    const twice = row(unsharpMask(f, { amount: 2 }));
    const input = row(f);
    // The detail term doubles with the amount.
    for (let x = 0; x < 10; x++) expect(twice[x]! - input[x]!).toBeCloseTo(2 * (once[x]! - input[x]!), 4);
  });

  it('is the identity for amount 0 and on a constant image', () => {
    expect(unsharpMask(STEP, { amount: 0 }).data).toEqual(STEP.data);
    const flat: Image = { data: new Uint8Array(5 * 4 * 3).fill(31), width: 5, height: 4, channels: 3 };
    expect(unsharpMask(flat, { sigma: 3, amount: 4 }).data).toEqual(flat.data);
  });

  it('leaves detail below the threshold alone', () => {
    // ±2 ripples stay; the step's large detail is sharpened.
    const ripple = gray(8, 1, [100, 102, 100, 102, 100, 102, 100, 102]);
    expect(unsharpMask(ripple, { threshold: 3 }).data).toEqual(ripple.data);
    expect(unsharpMask(ripple, { threshold: 0 }).data).not.toEqual(ripple.data);
    expect(row(unsharpMask(STEP, { threshold: 3 }))[5]).toBeGreaterThan(150);
  });

  it('clamps uint8 output to 0..255 and does not clip float output', () => {
    const hard = gray(4, 1, [0, 0, 255, 255]);
    const out = unsharpMask(hard, { amount: 3 });
    expect(Array.from(out.data)).toEqual([0, 0, 255, 255]);
    const f = unsharpMask(toFloat(hard), { amount: 3 });
    expect(Math.min(...f.data)).toBeLessThan(0);
    expect(Math.max(...f.data)).toBeGreaterThan(255);
  });

  it('rejects sigma <= 0 and negative amount or threshold', () => {
    expect(() => unsharpMask(STEP, { sigma: 0 })).toThrow(/sigma/);
    expect(() => unsharpMask(STEP, { amount: -1 })).toThrow(/amount/);
    expect(() => unsharpMask(STEP, { threshold: -1 })).toThrow(/threshold/);
  });
});
