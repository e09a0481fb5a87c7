// The kernel kit every op in src/ops is built on: parameter and image checks with one error shape,
// border rules named as OpenCV names them, the rounding policy, one separable convolution, the
// Gaussian kernel and the resampling-weights builder. Internal: the package exports only
// `OpParameterError` and the border types.
export { check, checkImage, checkNumber, checkOddSize, checkOneOf, OpParameterError, type NumberRange } from './check.js';
export { allocate, copyImage, isUint8, keepAlpha, type Pixels } from './image.js';
export { BORDER_TYPE, borderFunction, borderIndex, borderType, type BorderFunction, type BorderMode, type BorderType } from './border.js';
export { descale, roundHalfEven, roundHalfUp, toByte, toByteHalfUp } from './round.js';
export { getPlane, mapPlanes, padPlane, setPlane } from './planes.js';
export { convolveSeparable, type SeparableFilter } from './convolve.js';
export { defaultKernelSize, gaussianKernel } from './gaussian.js';
export { resamplingTaps, type Taps, type TapsSpec } from './taps.js';
