// 8-bit CIE Lab from linear RGB and back, integer for integer as OpenCV's cvtColor with
// COLOR_LRGB2Lab / COLOR_Lab2LRGB on uint8 (imgproc/src/color_lab.cpp, RGB2Lab_b and
// Lab2RGBinteger): D65 white, no sRGB gamma, L scaled to 0..255, a and b offset by 128.
// fastNlMeansDenoisingColored denoises in this space, so nlm does too. Tables are built the way
// OpenCV builds them, with its float32 ("softfloat") arithmetic where it uses it.

import { descale, roundHalfEven } from '../kernel/index.js';

const f = Math.fround;

// sRGB2XYZ_D65 and XYZ2sRGB_D65 (rows X, Y, Z from R, G, B and back) and the D65 white point.
const RGB_TO_XYZ = [0.412453, 0.35758, 0.180423, 0.212671, 0.71516, 0.072169, 0.019334, 0.119193, 0.950227];
const XYZ_TO_RGB = [3.240479, -1.53715, -0.498535, -0.969256, 1.875991, 0.041556, 0.055648, -0.204043, 1.057311];
const D65 = [0.950456, 1, 1.088754];

const LAB_SHIFT = 12;
const GAMMA_SHIFT = 3;
const LAB_SHIFT2 = LAB_SHIFT + GAMMA_SHIFT;
const BASE_SHIFT = 14;
const BASE = 1 << BASE_SHIFT;
const INV_GAMMA_SHIFT = 12;
const MIN_AB = -8145;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * OpenCV's softfloat cbrt (Turkowski's rational approximation in double, mantissa truncated to
 * float32); Math.cbrt rounds differently often enough to move table entries by one.
 */
function cbrtF32(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  if ((bits & 0x7fffffff) === 0) return 0;
  let ex = ((bits >>> 23) & 0xff) - 127;
  let shx = ex % 3;
  if (shx >= 0) shx -= 3;
  ex = (ex - shx) / 3 - 1;
  // 0.125 <= fr < 1: the mantissa with exponent shx.
  let fr = (1 + (bits & 0x7fffff) / 2 ** 23) * 2 ** shx;
  fr =
    ((((45.2548339756803022511987494 * fr + 192.2798368355061050458134625) * fr + 119.1654824285581628956914143) * fr +
      13.43250139086239872172837314) *
      fr +
      0.1636161226585754240958355063) /
    ((((14.80884093219134573786480845 * fr + 151.9714051044435648658557668) * fr + 168.5254414101568283957668343) * fr +
      33.9905941350215598754191872) *
      fr +
      1);
  // fr is in [0.5, 1): keep its top 23 fraction bits (truncated) under exponent ex.
  const mantissa = Math.floor((fr * 2 - 1) * 2 ** 23);
  u32[0] = ((ex + 127) << 23) | mantissa;
  return f32[0]!;
}

interface Tables {
  readonly toXyz: Int32Array;
  readonly cbrt: Uint16Array;
  readonly toRgb: Int32Array;
  readonly yf: Uint16Array;
  readonly abToXz: Int32Array;
}

let cached: Tables | undefined;

function tables(): Tables {
  if (cached) return cached;
  const toXyz = new Int32Array(9);
  const toRgb = new Int32Array(9);
  for (let i = 0; i < 9; i++) {
    // Forward: row i over white[i]; backward: column i times white[i]; both scaled by 2^12.
    toXyz[i] = roundHalfEven(((1 << LAB_SHIFT) * RGB_TO_XYZ[i]!) / D65[Math.floor(i / 3)]!);
    toRgb[i] = roundHalfEven((1 << LAB_SHIFT) * XYZ_TO_RGB[i]! * D65[i % 3]!);
  }

  // LabCbrtTab_b: f(t) of t = i / (255 · 2^3), in 2^15 fixed point.
  const cbrt = new Uint16Array((256 * 3) / 2 * (1 << GAMMA_SHIFT));
  const scale = f(1 / f(255 * (1 << GAMMA_SHIFT)));
  const threshold = f(f(216) / f(24389));
  const slope = f(f(841) / f(108));
  const bias = f(f(16) / f(116));
  for (let i = 0; i < cbrt.length; i++) {
    const x = f(scale * i);
    cbrt[i] = roundHalfEven(f((1 << LAB_SHIFT2) * (x < threshold ? f(x * slope + bias) : cbrtF32(x))));
  }

  // LabToYF_b: Y and f(Y) in 2^14 fixed point for each 8-bit L.
  const yf = new Uint16Array(512);
  for (let i = 0; i < 256; i++) {
    let y: number;
    let ify: number;
    if (i <= 20) {
      y = roundHalfEven(f(f(i * BASE * 20 * 9) / f(17 * 29 * 29 * 29)));
      ify = roundHalfEven(f(f(BASE) * f(f(f(16) / f(116)) + f(f(i * 5) / f(3 * 17 * 29)))));
    } else {
      const fy = f(f(f(i * 100 * BASE) / f(255 * 116)) + f(f(16 * BASE) / f(116)));
      ify = roundHalfEven(fy);
      y = roundHalfEven(f(f(f(fy * fy) * fy) / f(BASE * BASE)));
    }
    yf[2 * i] = y;
    yf[2 * i + 1] = ify;
  }

  // abToXZ_b: f⁻¹ in 2^14 fixed point, C integer division (truncating).
  const abToXz = new Int32Array((BASE * 9) / 4);
  const linearOffset = Math.trunc((Math.trunc((BASE * 16) / 116) * 108) / 841);
  for (let i = MIN_AB; i < abToXz.length + MIN_AB; i++) {
    abToXz[i - MIN_AB] = i <= 3390 ? Math.trunc((i * 108) / 841) - linearOffset : Math.trunc((Math.trunc((i * i) / BASE) * i) / BASE);
  }
  return (cached = { toXyz, cbrt, toRgb, yf, abToXz });
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/**
 * Interleaved 8-bit RGB (stride `channels`, alpha ignored) to three planes L, a, b (each 0..255),
 * as `cv2.cvtColor(rgb, cv2.COLOR_LRGB2Lab)`.
 */
export function rgbToLab8(data: Uint8Array, channels: number, n: number): [Float64Array, Float64Array, Float64Array] {
  const { toXyz: c, cbrt } = tables();
  const L = new Float64Array(n);
  const A = new Float64Array(n);
  const B = new Float64Array(n);
  const lScale = Math.trunc((116 * 255 + 50) / 100);
  const lShift = -Math.trunc((16 * 255 * (1 << LAB_SHIFT2) + 50) / 100);
  const offset = 128 * (1 << LAB_SHIFT2);
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    // The linear "gamma" table is value · 2^3.
    const r = data[i]! << GAMMA_SHIFT;
    const g = data[i + 1]! << GAMMA_SHIFT;
    const b = data[i + 2]! << GAMMA_SHIFT;
    const fX = cbrt[descale(r * c[0]! + g * c[1]! + b * c[2]!, LAB_SHIFT)]!;
    const fY = cbrt[descale(r * c[3]! + g * c[4]! + b * c[5]!, LAB_SHIFT)]!;
    const fZ = cbrt[descale(r * c[6]! + g * c[7]! + b * c[8]!, LAB_SHIFT)]!;
    L[p] = clamp(descale(lScale * fY + lShift, LAB_SHIFT2), 0, 255);
    A[p] = clamp(descale(500 * (fX - fY) + offset, LAB_SHIFT2), 0, 255);
    B[p] = clamp(descale(200 * (fY - fZ) + offset, LAB_SHIFT2), 0, 255);
  }
  return [L, A, B];
}

/**
 * Three 8-bit Lab planes back to interleaved RGB in `out` (stride `channels`, alpha untouched), as
 * `cv2.cvtColor(lab, cv2.COLOR_Lab2LRGB)`. Its last step, `(v · 255) >> 12`, truncates.
 */
export function lab8ToRgb(L: ArrayLike<number>, A: ArrayLike<number>, B: ArrayLike<number>, out: Uint8Array, channels: number): void {
  const { toRgb: c, yf, abToXz } = tables();
  const shift = LAB_SHIFT + (BASE_SHIFT - INV_GAMMA_SHIFT);
  const aOffset = Math.trunc((128 * BASE) / 500);
  const bOffset = Math.trunc((128 * BASE) / 200) - 1;
  const top = (1 << INV_GAMMA_SHIFT) - 1;
  for (let p = 0, i = 0; p < L.length; p++, i += channels) {
    const l = L[p]!;
    const y = yf[2 * l]!;
    const ify = yf[2 * l + 1]!;
    // a·2^14/500 and b·2^14/200, approximated in fixed point as OpenCV does.
    const aDiv = ((5 * A[p]! * 53687 + (1 << 7)) >> 13) - aOffset;
    const bDiv = ((B[p]! * 41943 + (1 << 4)) >> 9) - bOffset;
    const x = abToXz[ify + aDiv - MIN_AB]!;
    const z = abToXz[ify - bDiv - MIN_AB]!;
    for (let ch = 0; ch < 3; ch++) {
      const v = clamp(descale(c[ch * 3]! * x + c[ch * 3 + 1]! * y + c[ch * 3 + 2]! * z, shift), 0, top);
      out[i + ch] = Math.floor((v * 255) / (1 << INV_GAMMA_SHIFT));
    }
  }
}
