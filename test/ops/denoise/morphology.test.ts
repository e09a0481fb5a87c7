import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { dilate, erode, morphology, structuringElement, type StructuringElementShape } from '../../../src/ops/denoise/morphology.js';
import { FIXTURES, gray, toFloat } from './helpers.js';

const X = 255;
// A plus sign with a lone bright pixel in the corner.
const PATTERN = gray(5, 5, [
  X, 0, 0, 0, 0,
  0, 0, X, 0, 0,
  0, X, X, X, 0,
  0, 0, X, 0, 0,
  0, 0, 0, 0, 0,
]);

describe('structuringElement', () => {
  it('matches cv2.getStructuringElement for every shape and odd size 1–11', async () => {
    const reference = JSON.parse(await readFile(path.join(FIXTURES, 'reference.json'), 'utf8')) as {
      structuringElements: Record<string, string[]>;
    };
    for (const shape of ['square', 'cross', 'ellipse'] as StructuringElementShape[]) {
      for (const size of [1, 3, 5, 7, 9, 11]) {
        const expected = reference.structuringElements[`${shape}${size}`]!.join('').split('').map(Number);
        expect(Array.from(structuringElement({ shape, size })), `${shape}${size}`).toEqual(expected);
      }
    }
  });

  it('draws a 5×5 ellipse as OpenCV does', () => {
    expect(Array.from(structuringElement({ shape: 'ellipse', size: 5 }))).toEqual([
      0, 0, 1, 0, 0,
      1, 1, 1, 1, 1,
      1, 1, 1, 1, 1,
      1, 1, 1, 1, 1,
      0, 0, 1, 0, 0,
    ]);
  });
});

describe('morphology', () => {
  it('erodes with a 3×3 square: only pixels whose whole neighbourhood is set survive', () => {
    expect(Array.from(erode(PATTERN).data)).toEqual(new Array(25).fill(0));
  });

  it('erodes with a cross: the centre of the plus survives', () => {
    const expected = new Array(25).fill(0);
    expected[12] = X;
    expect(Array.from(erode(PATTERN, { shape: 'cross' }).data)).toEqual(expected);
  });

  it('dilates with a cross and with a square, ignoring pixels outside the image', () => {
    expect(Array.from(dilate(PATTERN, { shape: 'cross' }).data)).toEqual([
      X, X, X, 0, 0,
      X, X, X, X, 0,
      X, X, X, X, X,
      0, X, X, X, 0,
      0, 0, X, 0, 0,
    ]);
    expect(Array.from(dilate(PATTERN).data)).toEqual([
      X, X, X, X, 0,
      X, X, X, X, X,
      X, X, X, X, X,
      X, X, X, X, X,
      0, X, X, X, 0,
    ]);
  });

  it('opens away specks smaller than the element and keeps larger shapes', () => {
    const data = new Uint8Array(8 * 8);
    data[0 * 8 + 7] = X; // a speck
    for (let y = 2; y < 6; y++) for (let x = 1; x < 5; x++) data[y * 8 + x] = X; // a 4×4 block
    const opened = morphology({ data, width: 8, height: 8, channels: 1 }, { operation: 'open' });
    const expected = new Uint8Array(data);
    expected[7] = 0;
    expect(opened.data).toEqual(expected);
  });

  it('closes a one-pixel hole and a one-pixel gap', () => {
    const data = new Uint8Array(7 * 7).fill(X);
    data[3 * 7 + 3] = 0;
    const closed = morphology({ data, width: 7, height: 7, channels: 1 }, { operation: 'close' });
    expect(closed.data).toEqual(new Uint8Array(49).fill(X));
  });

  it('works per channel on float images, keeping input values', () => {
    const rgb: Image = { data: Float32Array.from([0.5, -1, 3, 0.25, 2, 1]), width: 2, height: 1, channels: 3 };
    expect(Array.from(erode(rgb).data)).toEqual([0.25, -1, 1, 0.25, -1, 1]);
    expect(Array.from(dilate(toFloat(PATTERN), { shape: 'cross' }).data)).toEqual(Array.from(dilate(PATTERN, { shape: 'cross' }).data));
  });

  it('rejects an unknown operation or shape and even sizes', () => {
    // @ts-expect-error: checked at run time for JSON configs
    expect(() => morphology(PATTERN, { operation: 'thin' })).toThrow(/operation/);
    // @ts-expect-error: checked at run time for JSON configs
    expect(() => erode(PATTERN, { shape: 'disk' })).toThrow(/shape/);
    expect(() => erode(PATTERN, { size: 4 })).toThrow(/morphology\.size to be a positive odd integer/);
  });
});
