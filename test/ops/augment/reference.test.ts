import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { affine, type AffineParams, rotate, type RotateParams } from '../../../src/ops/augment/affine.js';
import { gaussianBlur, type GaussianBlurParams } from '../../../src/ops/gaussianBlur.js';
import { elastic, type ElasticParams } from '../../../src/ops/augment/elastic.js';
import { perspective, type PerspectiveParams } from '../../../src/ops/augment/perspective.js';
import { diff, readPng, toFloat } from './helpers.js';

// Outputs of OpenCV 5 made offline by scripts/augment-reference.py (see its docstring for how each
// reference is computed; elastic uses our random field with OpenCV's blur and remap).
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/augment-reference');

interface Case {
  name: string;
  op: 'rotate' | 'affine' | 'perspective' | 'elastic' | 'gaussianBlur';
  input: string;
  params: Record<string, unknown>;
  output: string;
}

const ops: Record<Case['op'], (image: Image, params: never) => Image> = {
  rotate: rotate as (image: Image, params: RotateParams) => Image,
  affine: affine as (image: Image, params: AffineParams) => Image,
  perspective: perspective as (image: Image, params: PerspectiveParams) => Image,
  elastic: elastic as (image: Image, params: ElasticParams) => Image,
  gaussianBlur: gaussianBlur as (image: Image, params: GaussianBlurParams) => Image,
};

// Tolerances, in uint8 levels. Warps (nearest and bilinear): max 1, from float32 (OpenCV) vs
// float64 (ours) arithmetic flipping a rounding. Nearest cases avoid exact half-pixel ties (a 45°
// turn about a half-integer centre has whole diagonals of them): there OpenCV's float32
// coordinates fall on either side of .5 and pick either neighbour, we round half to even. Blur: OpenCV's uint8 Gaussian is "bit-exact"
// fixed point with a quantised kernel, ours is float, so max 1 there too, mean well under 0.5.
const MAX = 1;
const MEAN = 0.1;

const { cases, opencv } = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { cases: Case[]; opencv: string };

describe(`matches OpenCV ${opencv} references (fixtures/augment-reference)`, () => {
  it.each(cases)('$name (uint8)', async ({ op, input, params, output }) => {
    const actual = ops[op](await readPng(path.join(dir, input)), params as never);
    const d = diff(actual, await readPng(path.join(dir, output)));
    expect(d.max).toBeLessThanOrEqual(MAX);
    expect(d.mean).toBeLessThanOrEqual(MEAN);
  });

  it.each(cases)('$name (float32 input, unrounded, within 1 of the uint8 reference)', async ({ op, input, params, output }) => {
    const actual = ops[op](toFloat(await readPng(path.join(dir, input))), params as never);
    expect(actual.data).toBeInstanceOf(Float32Array);
    const d = diff(actual, await readPng(path.join(dir, output)));
    expect(d.max).toBeLessThanOrEqual(1);
  });
});
