// The rounding policy of the ops. Results that become uint8 are rounded one of two ways, each where
// an op's reference rounds that way, so outputs can equal OpenCV's (or scipy's) bit for bit:
//
// - half to even, saturating: `cv::saturate_cast<uchar>` / `cvRound` (and `np.round`). OpenCV's
//   float paths (warps, colour adjustments, float-weighted filters) store this way. It is what a
//   store into a `Uint8ClampedArray` does, so most ops round by writing into `allocate()`'s pixels;
//   `toByte` is the same, branch-free, for hot loops whose values leave 0..255 often and at random.
// - half up, saturating: OpenCV's fixed-point paths (`CV_DESCALE`, `(x + 2^(n−1)) >> n`, e.g. its
//   8-bit Gaussian with the small binomial kernels, where exact .5 ties are common), libvips'
//   `VIPS_ROUND_UINT`. `toByteHalfUp` and `roundHalfUp`. The denoise ops store their float64
//   planes this way (`setPlane`).
//
// Coordinates that pick a pixel (nearest-neighbour sampling) use `roundHalfEven`, as `cvRound`.

/** Round half to even (`cvRound`): 0.5 → 0, 1.5 → 2, 2.5 → 2. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Round half up (libvips' `VIPS_ROUND_UINT`, `floor(v + 0.5)`): 0.5 → 1, 2.5 → 3. */
export function roundHalfUp(v: number): number {
  return Math.floor(v + 0.5);
}

/** OpenCV's `CV_DESCALE(x, n)`: a fixed-point value with `n` fraction bits to an integer, half up. */
export function descale(x: number, n: number): number {
  return Math.floor((x + 2 ** (n - 1)) / 2 ** n);
}

// 2^52 + 2^51: adding then subtracting it rounds a double to an integer, half to even (the FPU's mode).
const ROUND = 6755399441055744;
const FAR = 2 ** 30;

/**
 * `v` rounded half to even and saturated to 0…255 (NaN → 0): a `Uint8ClampedArray` store without
 * branches on the value. Where many results fall outside 0…255 at random (saturation, noise), the
 * store's mispredicted clamping branches cost several times the arithmetic; store this result in a
 * `Uint8Array` instead.
 */
export function toByte(v: number): number {
  // Keeps the trick within int32; these two branches always go the same way, so they cost nothing.
  const x = v > FAR ? FAR : v < -FAR ? -FAR : v;
  let i = (x + ROUND - ROUND) | 0;
  i &= ~(i >> 31); // negative → 0
  return (i | ((255 - i) >> 31)) & 255; // above 255 → all ones → 255
}

/** `v` rounded half up and saturated to 0…255. */
export function toByteHalfUp(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
