import type { Image } from '../core/types.js';
import { allocate, check, checkImage, checkNumber, checkOneOf, copyImage, resamplingTaps, roundHalfUp, type Taps } from './kernel/index.js';

/** How the image fits the `width`×`height` box (sharp's `fit`, with `position: 'centre'`). */
export type ResampleFit = 'cover' | 'contain' | 'fill' | 'inside';

/** Resampling kernels, named and defined as in libvips (sharp's `kernel`). */
export type ResampleKernel = 'nearest' | 'linear' | 'cubic' | 'mitchell' | 'lanczos2' | 'lanczos3';

/** Parameters of {@link resample}. */
export interface ResampleOptions {
  readonly width: number;
  readonly height: number;
  readonly fit: ResampleFit;
  readonly kernel: ResampleKernel;
  /** Pad colour for `contain`, 0..255: gray, `[r, g, b]` or `[r, g, b, a]` (missing g, b = r; a = 255). */
  readonly background: readonly number[];
}

/**
 * Resizes an 8-bit image in JS with sharp's geometry and kernels, without sharp's ~1 ms per-call
 * overhead: what a scaled JPEG decode (n/8) needs to reach its exact size.
 *
 * Geometry is sharp's (`src/pipeline.cc`, `ResolveShrink`, `CalculateCrop`): one shrink factor
 * per axis (`cover` the smaller of width/target and height/target, `contain`/`inside` the larger,
 * `fill` each its own), resized size `round(size / shrink)`, then a centred crop at
 * `(resized − target + 1) >> 1` (`cover`) or a centred pad at `(target − resized) >> 1`
 * (`contain`). Sampling is centre-aligned (output pixel `x` sits at input `(x + ½)·shrink − ½`),
 * edges are extended by copying (`VIPS_EXTEND_COPY`), and on downscale the kernel is stretched by
 * the shrink factor, so it antialiases like libvips' `reduce`. Upscaling interpolates; as in
 * libvips, every kernel but `nearest` and `linear` then becomes Catmull-Rom (`bicubic`). RGBA is
 * resampled premultiplied by alpha, as sharp does. Differences from sharp that remain (PSNR
 * against sharp ≈ 55 dB below 4×, ≈ 46 dB at 6×): libvips box-shrinks by an integer factor first
 * when shrinking 4× or more, quantizes its weights, breaks `nearest` ties at exact pixel
 * boundaries either way, and when one axis upscales while the other does not, also shifts the
 * other axis by half a pixel.
 *
 * @example const small = resample(decoded, { width: 64, height: 64, fit: 'cover', kernel: 'lanczos3', background: [0, 0, 0] });
 * @throws OpParameterError on a malformed or float image, or bad options.
 */
export function resample(image: Image, o: ResampleOptions, source?: ScaledSource): Image {
  checkImage(image, 'resample');
  check(image.data instanceof Uint8Array, 'resample', 'image.data', 'a Uint8Array (resample works on 8-bit images)', image.data.constructor.name);
  for (const key of ['width', 'height'] as const) checkNumber('resample', key, o[key], { integer: true, min: 1, max: 16384 });
  checkOneOf('resample', 'kernel', o.kernel, Object.keys(KERNELS) as ResampleKernel[]);
  checkOneOf('resample', 'fit', o.fit, FITS);
  const { width: w, height: h } = image;
  if (w === o.width && h === o.height) return copyImage(image);
  const plan = source ? resamplePlan(source.width, source.height, o, { width: w, height: h, scale: source.scale }) : resamplePlan(w, h, o);
  const src = image.data as Uint8Array;
  const alpha = image.channels === 4 && o.kernel !== 'nearest';
  const resized = convolve(alpha ? premultiply(src) : src, w, image.channels, plan.xs, plan.ys, plan.outWidth, plan.outHeight, alpha);
  return finishResample(resized, plan, o);
}

/**
 * A resample as two separable passes, for code that runs them elsewhere (the JPEG addon runs
 * them on libuv's thread pool with the same arithmetic, so the results are identical).
 */
export interface ResamplePlan {
  /** Taps along x (input width → `outWidth`) and y (input height → `outHeight`). */
  readonly xs: Taps<Float32Array>;
  readonly ys: Taps<Float32Array>;
  /** Size of the resampled region, before `contain`'s padding. */
  readonly outWidth: number;
  readonly outHeight: number;
  readonly geometry: ResampleGeometry;
}

/**
 * The original of an image decoded at reduced scale (a JPEG at n/8): resampling then follows the
 * original's geometry, so crop and scale match a full decode exactly instead of being rounded
 * to the smaller image's pixels.
 */
export interface ScaledSource {
  readonly width: number;
  readonly height: number;
  /** Decoded size over original size (n/8). */
  readonly scale: number;
}

/**
 * The passes that resize a `w`×`h` image as `o` asks; with `decoded`, they run on a reduced-scale
 * decode of it (its size and scale) and land where they would on the full image.
 */
export function resamplePlan(
  w: number,
  h: number,
  o: Pick<ResampleOptions, 'width' | 'height' | 'fit' | 'kernel'>,
  decoded?: { readonly width: number; readonly height: number; readonly scale: number },
): ResamplePlan {
  const g = geometry(w, h, o.width, o.height, o.fit);
  const scale = decoded?.scale ?? 1;
  return {
    xs: taps(decoded?.width ?? w, g.resizedWidth, g.hshrink * scale, g.left, g.outWidth, o.kernel),
    ys: taps(decoded?.height ?? h, g.resizedHeight, g.vshrink * scale, g.top, g.outHeight, o.kernel),
    outWidth: g.outWidth,
    outHeight: g.outHeight,
    geometry: g,
  };
}

/** Pads a resampled region to the box when the plan leaves room (`contain`). */
export function finishResample(resized: Image, plan: ResamplePlan, o: ResampleOptions): Image {
  const g = plan.geometry;
  if (o.fit !== 'contain' || (g.outWidth === o.width && g.outHeight === o.height)) return resized;
  return pad(resized, o.width, o.height, g.padLeft, g.padTop, fillColour(o.background, resized.channels));
}

const FITS: readonly ResampleFit[] = ['cover', 'contain', 'fill', 'inside'];

/** Where the resized image lands: shrink factors, resized size and the crop or pad offsets. */
export interface ResampleGeometry {
  readonly hshrink: number;
  readonly vshrink: number;
  /** Size of the whole resized image, before `cover`'s crop. */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  /** Crop offset into the resized image (`cover`). */
  readonly left: number;
  readonly top: number;
  /** Size of the resampled region (the output, less `contain`'s padding). */
  readonly outWidth: number;
  readonly outHeight: number;
  /** Pad offset of the resampled region in the output (`contain`). */
  readonly padLeft: number;
  readonly padTop: number;
}

/** sharp's resize geometry for a `w`×`h` input and a `tw`×`th` box. */
export function geometry(w: number, h: number, tw: number, th: number, fit: ResampleFit): ResampleGeometry {
  let hshrink = w / tw;
  let vshrink = h / th;
  if (fit === 'cover') hshrink = vshrink = Math.min(hshrink, vshrink);
  else if (fit === 'contain' || fit === 'inside') hshrink = vshrink = Math.max(hshrink, vshrink);
  // sharp never shrinks an axis below one pixel.
  hshrink = Math.min(hshrink, w);
  vshrink = Math.min(vshrink, h);
  // sharp hands libvips scale = 1 / shrink and libvips' reduce divides by 1 / scale: the double
  // round trip decides sizes that land on .5 (3000 / (2000 / 593) → 889, not 890).
  hshrink = 1 / (1 / hshrink);
  vshrink = 1 / (1 / vshrink);
  // libvips' VIPS_ROUND_UINT: round half up.
  const resizedWidth = Math.max(1, roundHalfUp(w / hshrink));
  const resizedHeight = Math.max(1, roundHalfUp(h / vshrink));
  const crop = fit === 'cover' || fit === 'fill';
  const outWidth = crop ? Math.min(tw, resizedWidth) : resizedWidth;
  const outHeight = crop ? Math.min(th, resizedHeight) : resizedHeight;
  return {
    hshrink,
    vshrink,
    resizedWidth,
    resizedHeight,
    left: (resizedWidth - outWidth + 1) >> 1,
    top: (resizedHeight - outHeight + 1) >> 1,
    outWidth,
    outHeight,
    padLeft: fit === 'contain' ? Math.max(0, (tw - outWidth) >> 1) : 0,
    padTop: fit === 'contain' ? Math.max(0, (th - outHeight) >> 1) : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Kernels: libvips' resample/templates.h definitions, each with its radius at scale 1.

type Filter = (x: number) => number;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Mitchell–Netravali cubic with parameters B, C. */
function bcCubic(b: number, c: number): Filter {
  return (x) => {
    const ax = Math.abs(x);
    const ax2 = ax * ax, ax3 = ax2 * ax;
    if (ax < 1) return ((12 - 9 * b - 6 * c) * ax3 + (-18 + 12 * b + 6 * c) * ax2 + (6 - 2 * b)) / 6;
    if (ax < 2) return ((-b - 6 * c) * ax3 + (6 * b + 30 * c) * ax2 + (-12 * b - 48 * c) * ax + (8 * b + 24 * c)) / 6;
    return 0;
  };
}

function lanczos(a: number): Filter {
  return (x) => (Math.abs(x) < a ? sinc(x) * sinc(x / a) : 0);
}

const KERNELS: Readonly<Record<ResampleKernel, { readonly radius: number; readonly filter: Filter }>> = {
  nearest: { radius: 0.5, filter: () => 1 },
  linear: { radius: 1, filter: (x) => Math.max(0, 1 - Math.abs(x)) },
  // sharp's 'cubic' is libvips' VIPS_KERNEL_CUBIC: Catmull-Rom.
  cubic: { radius: 2, filter: bcCubic(0, 0.5) },
  mitchell: { radius: 2, filter: bcCubic(1 / 3, 1 / 3) },
  lanczos2: { radius: 2, filter: lanczos(2) },
  lanczos3: { radius: 3, filter: lanczos(3) },
};

// ---------------------------------------------------------------------------------------------
// Taps (kernel/taps.ts): per output pixel along one axis, a run of input pixels and their weights.

// Taps depend only on sizes, offset and kernel, which repeat across a dataset: keep recent ones.
const tapCache = new Map<string, Taps<Float32Array>>();
const TAP_CACHE_SIZE = 64;

/**
 * Taps from an input axis of `size` pixels to output pixels `offset … offset + outSize − 1` of its
 * `resized`-pixel resize by `shrink`.
 */
function taps(size: number, resized: number, shrink: number, offset: number, outSize: number, kernel: ResampleKernel): Taps<Float32Array> {
  const key = `${size},${resized},${shrink},${offset},${outSize},${kernel}`;
  const hit = tapCache.get(key);
  if (hit) {
    // Refresh its place in the LRU order.
    tapCache.delete(key);
    tapCache.set(key, hit);
    return hit;
  }
  const t = computeTaps(size, shrink, offset, outSize, kernel);
  if (tapCache.size >= TAP_CACHE_SIZE) tapCache.delete(tapCache.keys().next().value!);
  tapCache.set(key, t);
  return t;
}

function computeTaps(size: number, shrink: number, offset: number, outSize: number, kernel: ResampleKernel): Taps<Float32Array> {
  // Upscaling samples at libvips' affine positions, downscaling at reduce's centres.
  const half = shrink >= 1 ? 0.5 : 0;
  if (kernel === 'nearest') {
    const at = (o: number) => Math.floor((o + offset + half) * shrink);
    return resamplingTaps({ size, outSize, stride: 1, span: (o) => [at(o), at(o)], weight: () => 1, normalize: true }, Float32Array);
  }
  // Upscaling interpolates with libvips' matching interpolator; downscaling stretches the kernel.
  const { radius, filter } = KERNELS[shrink > 1 || kernel === 'linear' ? kernel : 'cubic'];
  const stretch = Math.max(1, shrink);
  const support = radius * stretch;
  // libvips upsizes with vips_affine, whose output pixel x samples input x / scale − ½ (half an
  // output pixel left of the centre-aligned position reduce uses). Out-of-range taps read the edge
  // pixel (extend copy): the builder folds their weight onto it.
  const centre = (o: number) => (o + offset + half) * shrink - 0.5;
  return resamplingTaps(
    {
      size,
      outSize,
      stride: Math.ceil(support) * 2 + 1,
      span: (o) => [Math.ceil(centre(o) - support), Math.floor(centre(o) + support)],
      weight: (o, i) => filter((i - centre(o)) / stretch),
      normalize: true,
    },
    Float32Array,
  );
}

// ---------------------------------------------------------------------------------------------
// Passes.

/** Horizontal pass over the rows the vertical taps touch, then the vertical pass. */
function convolve(src: Uint8Array | Float32Array, w: number, c: number, xs: Taps, ys: Taps, ow: number, oh: number, alpha: boolean): Image {
  const { pixels: out, result } = allocate({ data: new Uint8Array(0), width: ow, height: oh, channels: c as 1 | 3 | 4 });
  const rowLen = ow * c;
  const mid = new Float32Array((ys.hi - ys.lo + 1) * rowLen);
  horizontal(src, mid, w, c, xs, ys.lo, ys.hi, ow);
  if (alpha) {
    verticalPremultiplied(mid, out, ys, rowLen, oh);
    return result;
  }
  const { first: yf, count: yn, weights: yw, stride: yStride } = ys;
  for (let y = 0, q = 0; y < oh; y++) {
    const p0 = (yf[y]! - ys.lo) * rowLen, n = yn[y]!, wo = y * yStride;
    for (let x = 0; x < rowLen; x++, q++) {
      let v = 0;
      for (let k = 0, p = p0 + x; k < n; k++, p += rowLen) v += mid[p]! * yw[wo + k]!;
      // Uint8ClampedArray stores round and clamp.
      out[q] = v;
    }
  }
  return result;
}

function horizontal(src: Uint8Array | Float32Array, mid: Float32Array, w: number, c: number, xs: Taps, lo: number, hi: number, ow: number): void {
  const { first: xf, count: xn, weights: xw, stride: xStride } = xs;
  for (let y = lo, m = 0; y <= hi; y++) {
    const row = y * w * c;
    if (c === 3) {
      // Unrolled for RGB, the common case: faster than the channel loop below.
      for (let x = 0; x < ow; x++, m += 3) {
        let r = 0, g = 0, b = 0;
        let p = row + xf[x]! * 3, wo = x * xStride;
        for (let k = xn[x]!; k > 0; k--, p += 3, wo++) {
          const wt = xw[wo]!;
          r += src[p]! * wt;
          g += src[p + 1]! * wt;
          b += src[p + 2]! * wt;
        }
        mid[m] = r; mid[m + 1] = g; mid[m + 2] = b;
      }
    } else {
      for (let x = 0; x < ow; x++) {
        const p0 = row + xf[x]! * c, wo = x * xStride, n = xn[x]!;
        for (let ch = 0; ch < c; ch++, m++) {
          let v = 0;
          for (let k = 0, p = p0 + ch; k < n; k++, p += c) v += src[p]! * xw[wo + k]!;
          mid[m] = v;
        }
      }
    }
  }
}

/** RGBA with colours scaled by alpha / 255, so transparent pixels don't bleed into opaque ones. */
function premultiply(src: Uint8Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i += 4) {
    const a = src[i + 3]! / 255;
    out[i] = src[i]! * a;
    out[i + 1] = src[i + 1]! * a;
    out[i + 2] = src[i + 2]! * a;
    out[i + 3] = src[i + 3]!;
  }
  return out;
}

/** The vertical pass for premultiplied RGBA: each output row is summed, then divided by its alpha. */
function verticalPremultiplied(mid: Float32Array, out: Uint8ClampedArray | Float32Array, ys: Taps, rowLen: number, oh: number): void {
  const acc = new Float32Array(rowLen);
  for (let y = 0; y < oh; y++) {
    acc.fill(0);
    let p = (ys.first[y]! - ys.lo) * rowLen, wo = y * ys.stride;
    for (let k = ys.count[y]!; k > 0; k--, p += rowLen, wo++) {
      const wt = ys.weights[wo]!;
      for (let x = 0; x < rowLen; x++) acc[x]! += mid[p + x]! * wt;
    }
    for (let i = 0; i < rowLen; i += 4) {
      const a = acc[i + 3]!;
      const f = a > 0 ? 255 / a : 0;
      acc[i]! *= f;
      acc[i + 1]! *= f;
      acc[i + 2]! *= f;
    }
    out.set(acc, y * rowLen);
  }
}

/** sharp's pad colour per channel: gray from RGB by Rec. 709 luma, alpha 255 unless given. */
function fillColour(background: readonly number[], channels: number): number[] {
  const [r = 0, g = r, b = r, a = 255] = background;
  if (channels === 1) return [background.length >= 3 ? 0.2126 * r + 0.7152 * g + 0.0722 * b : r];
  return channels === 3 ? [r, g, b] : [r, g, b, a];
}

function pad(image: Image, width: number, height: number, left: number, top: number, colour: readonly number[]): Image {
  const c = image.channels;
  const { pixels: out, result } = allocate(image, width, height);
  for (let i = 0; i < out.length; i += c) for (let k = 0; k < c; k++) out[i + k] = colour[k]!;
  const rowLen = image.width * c;
  for (let y = 0; y < image.height; y++) {
    out.set(image.data.subarray(y * rowLen, (y + 1) * rowLen), ((y + top) * width + left) * c);
  }
  return result;
}
