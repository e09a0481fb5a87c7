/**
 * The quality bar: on camera.png (512×512 gray, the full image) with Gaussian noise of
 * σ = 20 (seedrandom, Box–Muller), every denoiser at its defaults raises PSNR against the clean
 * image, and non-local means and TV gain at least 5 dB. The measured PSNRs are printed for the docs.
 */
import { describe, expect, it } from 'vitest';
import type { Image } from '../../../src/core/types.js';
import { bilateralFilter, medianFilter, nlm, psnr, tvDenoise } from '../../../src/ops/denoise/index.js';
import { denoiseGaussian } from '../../../src/stages/cleanup/gaussian.js';
import { addGaussianNoise, loadPng } from './helpers.js';

const NOISE_SIGMA = 20;
const SEED = 'ganpipe-denoise-camera-sigma20';

const clean = await loadPng('camera.png');
const noisy = addGaussianNoise(clean, NOISE_SIGMA, SEED);
const noisyPsnr = psnr(clean, noisy);

const DENOISERS: Record<string, { run: (image: Image) => Image | Promise<Image>; minGain: number }> = {
  'gaussianBlur (sigma 1)': { run: (i) => denoiseGaussian(i), minGain: 0 },
  'medianFilter (radius 1)': { run: (i) => medianFilter(i), minGain: 0 },
  'bilateralFilter (50, 2)': { run: (i) => bilateralFilter(i), minGain: 0 },
  'nlm (h 18, 7, 21)': { run: (i) => nlm(i), minGain: 5 },
  'tvDenoise (weight 0.07)': { run: (i) => tvDenoise(i), minGain: 5 },
};

describe(`denoisers on camera.png ${clean.width}×${clean.height} with σ = ${NOISE_SIGMA} noise`, () => {
  it('starts from the expected noise level', () => {
    expect(clean.channels).toBe(1);
    // σ = 20 on 0..255 is about 22.1 dB before clipping; clipping at 0 and 255 raises it a little.
    expect(noisyPsnr).toBeGreaterThan(21.5);
    expect(noisyPsnr).toBeLessThan(23);
  });

  it.each(Object.entries(DENOISERS))('%s raises PSNR', async (name, { run, minGain }) => {
    const started = performance.now();
    const denoised = await run(noisy);
    const ms = performance.now() - started;
    const value = psnr(clean, denoised);
    const gain = value - noisyPsnr;
    const change = `${noisyPsnr.toFixed(2)} → ${value.toFixed(2)} dB (${gain >= 0 ? '+' : ''}${gain.toFixed(2)})`;
    console.log(`PSNR ${name.padEnd(26)} ${change}, ${ms.toFixed(0)} ms`);
    expect(value - noisyPsnr).toBeGreaterThan(minGain);
  });
});
