import seedrandom from 'seedrandom';
import type { Image } from '../../core/types.js';
import { allocate, check, checkImage, checkNumber, toByte } from '../kernel/index.js';

/** Parameters of `gaussianNoise`. */
export interface GaussianNoiseParams {
  /** Standard deviation in the image's units (≥ 0): 0…255 for uint8, 0…1 for float images in [0, 1]. */
  readonly sigma: number;
  /** Integer seed of the noise: same seed, same noise. */
  readonly seed: number;
  /** Mean of the noise, same units. @default 0 */
  readonly mean?: number;
}

/** Parameters of `saltPepper`. */
export interface SaltPepperParams {
  /** Probability that a pixel is replaced, in [0, 1]. */
  readonly amount: number;
  /** Share of replaced pixels that become salt (white) rather than pepper (black), in [0, 1]. @default 0.5 */
  readonly saltRatio?: number;
  /** Integer seed: same seed, same pixels. */
  readonly seed: number;
}

/**
 * Adds independent Gaussian noise `N(mean, sigma²)` to every colour value (alpha is left as it is),
 * from a generator keyed by `seed` (`seedrandom.alea`, Marsaglia's polar method). uint8 results are rounded and
 * clamped to 0…255; float results are not clamped.
 *
 * @example gaussianNoise(image, { sigma: 10, seed: 42 }); // uint8: ±10 levels typical
 * @example gaussianNoise(floatImage, { sigma: 0.04, seed: 42 }); // float in [0, 1]
 * @throws OpParameterError on a malformed image, `sigma < 0` or a non-integer seed.
 */
export function gaussianNoise(image: Image, params: GaussianNoiseParams): Image {
  checkImage(image, 'gaussianNoise');
  const { sigma, seed, mean = 0 } = params;
  checkNumber('gaussianNoise', 'sigma', sigma, { min: 0 });
  checkNumber('gaussianNoise', 'mean', mean);
  checkNumber('gaussianNoise', 'seed', seed, { integer: true });
  const { data, channels } = image;
  const z = standardNormals(seed, channels === 4 ? (data.length / 4) * 3 : data.length);
  const { pixels, raw, result } = allocate(image);
  if (channels === 4) raw.set(data);
  // uint8 through `toByte` into the plain bytes, as results near 0 or 255 are clamped at random.
  const bytes = data instanceof Uint8Array;
  for (let i = 0, j = 0; i < data.length; i++) {
    if (channels === 4 && (i & 3) === 3) continue; // alpha, copied above
    const value = data[i]! + mean + sigma * z[j++]!;
    if (bytes) raw[i] = toByte(value);
    else pixels[i] = value;
  }
  return result;
}

/**
 * `count` independent standard normals from `seedrandom.alea` keyed by `seed`, by Marsaglia's polar
 * method (two normals per accepted pair of uniforms, no trigonometry: faster than Box–Muller).
 */
function standardNormals(seed: number, count: number): Float64Array {
  const rng = seedrandom.alea(`${seed}\u001fgaussianNoise`);
  const z = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 2) {
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * rng() - 1;
      v = 2 * rng() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const m = Math.sqrt((-2 * Math.log(q)) / q);
    z[i] = u * m;
    z[i + 1] = v * m;
  }
  return z;
}

/**
 * Salt-and-pepper noise: each pixel, with probability `amount`, has all its colour channels set to
 * the maximum (salt: 255, or 1 for float images) with probability `saltRatio`, else to 0 (pepper).
 * Alpha is left as it is. One uniform draw per pixel from `seedrandom.alea` keyed by `seed`.
 *
 * @example saltPepper(image, { amount: 0.05, seed: 7 });
 * @example saltPepper(image, { amount: 0.02, saltRatio: 0, seed: 7 }); // pepper only
 * @throws OpParameterError on a malformed image, values outside [0, 1] or a non-integer seed.
 */
export function saltPepper(image: Image, params: SaltPepperParams): Image {
  checkImage(image, 'saltPepper');
  const { amount, saltRatio = 0.5, seed } = params;
  check(Number.isFinite(amount) && amount >= 0 && amount <= 1, 'saltPepper', 'amount', 'a number in [0, 1]', amount);
  check(Number.isFinite(saltRatio) && saltRatio >= 0 && saltRatio <= 1, 'saltPepper', 'saltRatio', 'a number in [0, 1]', saltRatio);
  checkNumber('saltPepper', 'seed', seed, { integer: true });
  const rng = seedrandom.alea(`${seed}\u001fsaltPepper`);
  const { data, channels } = image;
  const { pixels, raw, result } = allocate(image);
  raw.set(data);
  const salt = data instanceof Uint8Array ? 255 : 1;
  const saltBelow = amount * saltRatio;
  const step = channels === 4 ? 3 : channels;
  for (let p = 0; p < data.length; p += channels) {
    const u = rng();
    if (u >= amount) continue;
    const v = u < saltBelow ? salt : 0;
    for (let k = 0; k < step; k++) pixels[p + k] = v;
  }
  return result;
}
