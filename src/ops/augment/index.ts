// Augmentation ops: pure, deterministic `(image, params) => Image` kernels. Random choices are made
// by the `random*` stages and passed in as params; ops that need a random field take a `seed`.

// Shared types
export type { FillValue, Interpolation, Point, SamplingOptions } from './sampling.js';
export { OpParameterError, BORDER_TYPE, type BorderMode, type BorderType } from '../kernel/index.js';

// Geometric
export { horizontalFlip, verticalFlip } from './flip.js';
export { invertAffine, invertMatrix3x3, remap, warpAffine, warpPerspective, type Matrix2x3, type Matrix3x3, type RemapOptions, type WarpOptions } from './warp.js';
export {
  affine,
  getAffineMatrix,
  getRotationMatrix2D,
  imageCentre,
  rotate,
  scale,
  translate,
  type AffineParams,
  type RotateParams,
  type ScaleParams,
  type TranslateParams,
} from './affine.js';
export { crop, resizedCrop, type CropParams, type ResizedCropParams } from './crop.js';
export { getPerspectiveTransform, perspective, type PerspectiveParams, type Quad } from './perspective.js';
export { elastic, elasticDisplacement, elasticNoise, type DisplacementField, type ElasticParams } from './elastic.js';

// Photometric
export {
  brightness,
  contrast,
  gamma,
  grayscale,
  hue,
  saturation,
  type BrightnessParams,
  type ContrastParams,
  type GammaParams,
  type GrayscaleParams,
  type HueParams,
  type SaturationParams,
} from './color.js';
export { gaussianNoise, saltPepper, type GaussianNoiseParams, type SaltPepperParams } from './noise.js';
export { gaussianBlur, type GaussianBlurParams } from '../gaussianBlur.js';
export { defaultKernelSize, gaussianKernel } from '../kernel/index.js';

// Occlusion
export { erase, type Box, type EraseParams } from './erase.js';

// Batched, differentiable tensor versions
export { brightnessBatch, contrastBatch, cutoutBatch, flipBatch, saturationBatch, translateBatch, type PerSample } from './tensor.js';
