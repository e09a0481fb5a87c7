import { loadBackend, nativeLoadError } from './tf.js';
import { installNativeDropout } from './nativeDropout.js';
import { installReductionGradients } from './reductionGradients.js';
import { installUnfusedUnderTape } from './unfusedUnderTape.js';

let installed = false;

/** False when `GANPIPE_TFJS_PATCHES=0`: ganpipe then leaves tfjs exactly as it ships. */
export function tfjsPatchesEnabled(): boolean {
  return process.env['GANPIPE_TFJS_PATCHES'] !== '0';
}

/**
 * Installs ganpipe's faster paths for tfjs itself, process-wide, with values unchanged (see each
 * module and README "Performance"): Mean/Sum gradients that broadcast instead of multiplying by
 * a JS-filled ones tensor and, on the native backend, unseeded dropout masks drawn by TensorFlow
 * and linear fused conv2d/matMul run unfused while a gradient is recorded.
 *
 * ganpipe's trainer (`createGanTrainer`) calls it at its first step; importing ganpipe does not,
 * so your own models are untouched until then. Call it yourself to give your models the same
 * speed-ups. Does nothing with `GANPIPE_TFJS_PATCHES=0`, or when already installed.
 *
 * @returns whether the patches are installed.
 */
export function installTfjsPatches(): boolean {
  if (installed || !tfjsPatchesEnabled()) return installed;
  const tf = loadBackend();
  installReductionGradients(tf);
  if (!nativeLoadError) {
    installNativeDropout(tf);
    installUnfusedUnderTape(tf);
  }
  installed = true;
  return true;
}
