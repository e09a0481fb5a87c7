// Denoising and cleanup ops: each `(image, params) => Image` (a Promise where sharp does the work),
// deterministic, uint8 in → uint8 out. Each file names the OpenCV / scikit-image function it follows.
// Gaussian blur is the one `gaussianBlur` op (ops/gaussianBlur.ts, exported with the augmentation ops).

export { medianFilter, type MedianFilterParams } from './median.js';
export { bilateralFilter, type BilateralFilterParams } from './bilateral.js';
export { nlm, type NlmParams } from './nlm.js';
export { tvDenoise, type TvDenoiseParams } from './tv.js';
export {
  dilate,
  erode,
  morphology,
  structuringElement,
  type MorphologyOperation,
  type MorphologyParams,
  type StructuringElementParams,
  type StructuringElementShape,
} from './morphology.js';
export { unsharpMask, type UnsharpMaskParams } from './sharpen.js';
export { otsuLevel, threshold, type ThresholdParams } from './threshold.js';
export { psnr, type PsnrParams } from './psnr.js';
