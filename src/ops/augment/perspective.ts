import type { Image } from '../../core/types.js';
import { check, checkImage } from '../kernel/index.js';
import { samplingOf, type Point, type SamplingOptions } from './sampling.js';
import { warpPerspective, type Matrix3x3 } from './warp.js';

/** Four points: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Parameters of `perspective`. */
export interface PerspectiveParams extends SamplingOptions {
  /**
   * Where the input's corner pixels land, in order top-left `(0, 0)`, top-right `(w−1, 0)`,
   * bottom-right `(w−1, h−1)`, bottom-left `(0, h−1)` (torchvision's `endpoints`).
   */
  readonly corners: Quad;
}

/**
 * The homography that maps each `from[i]` to `to[i]`, as `cv2.getPerspectiveTransform`: the 8×8
 * linear system with `m8 = 1`, solved by Gaussian elimination with partial pivoting.
 *
 * @example getPerspectiveTransform([[0, 0], [9, 0], [9, 9], [0, 9]], [[1, 0], [8, 1], [9, 9], [0, 8]]);
 * @throws OpParameterError when points are not finite or three of them are collinear (no homography).
 */
export function getPerspectiveTransform(from: Quad, to: Quad): Matrix3x3 {
  const finite = (q: Quad) => q.length === 4 && q.every((p) => p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]));
  check(finite(from), 'getPerspectiveTransform', 'from', '4 [x, y] points', from);
  check(finite(to), 'getPerspectiveTransform', 'to', '4 [x, y] points', to);
  // Rows: a·x + b·y + c − g·x·u − h·y·u = u and d·x + e·y + f − g·x·v − h·y·v = v.
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    A.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  const m = solve(A);
  check(m !== undefined, 'getPerspectiveTransform', 'points', 'a non-degenerate quadrilateral (no three collinear)', { from, to });
  const [a, b, c, d, e, f, g, h] = m!;
  return [a!, b!, c!, d!, e!, f!, g!, h!, 1];
}

/** Solves the augmented n×(n+1) system in place; undefined when singular. */
function solve(A: number[][]): number[] | undefined {
  const n = A.length;
  const scale = Math.max(...A.flat().map(Math.abs), 1);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    if (Math.abs(A[pivot]![col]!) <= 1e-12 * scale) return undefined;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    const p = A[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = A[r]!;
      const k = row[col]! / p[col]!;
      for (let j = col; j <= n; j++) row[j] = row[j]! - k * p[j]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = A[r]!;
    let s = row[n]!;
    for (let j = r + 1; j < n; j++) s -= row[j]! * out[j]!;
    out[r] = s / row[r]!;
  }
  return out;
}

/**
 * Perspective transform that moves the input's 4 corner pixels to `corners` (torchvision
 * `F.perspective(img, startpoints=corners of the image, endpoints=corners)`): the homography from
 * `getPerspectiveTransform`, applied with `warpPerspective` (inverse mapping, OpenCV conventions),
 * same output size.
 *
 * @example
 * perspective(image, { corners: [[2, 1], [w - 1, 0], [w - 4, h - 2], [0, h - 1]] });
 * @throws OpParameterError on a malformed image or a degenerate quadrilateral.
 */
export function perspective(image: Image, params: PerspectiveParams): Image {
  checkImage(image, 'perspective');
  const w = image.width - 1;
  const h = image.height - 1;
  const source: Quad = [[0, 0], [w, 0], [w, h], [0, h]];
  return warpPerspective(image, getPerspectiveTransform(source, params.corners), samplingOf(params));
}
