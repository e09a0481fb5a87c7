// The random ops that ship with ganpipe: one file each (schema, sample, the trace ops it applies).
// Registered on import, in this order (the order of error hints and of the JSON Schema).
import { registerRandomOp } from '../../../config/registry.js';
import { randomAffine } from './randomAffine.js';
import { randomBrightness } from './randomBrightness.js';
import { randomBrightnessContrast } from './randomBrightnessContrast.js';
import { randomContrast } from './randomContrast.js';
import { randomCrop } from './randomCrop.js';
import { randomElastic } from './randomElastic.js';
import { randomErasing } from './randomErasing.js';
import { randomGamma } from './randomGamma.js';
import { randomGaussianBlur } from './randomGaussianBlur.js';
import { randomGaussianNoise } from './randomGaussianNoise.js';
import { randomGrayscale } from './randomGrayscale.js';
import { randomHorizontalFlip } from './randomHorizontalFlip.js';
import { randomHue } from './randomHue.js';
import { randomPerspective } from './randomPerspective.js';
import { randomResizedCrop } from './randomResizedCrop.js';
import { randomRotate } from './randomRotate.js';
import { randomSaltPepper } from './randomSaltPepper.js';
import { randomSaturation } from './randomSaturation.js';
import { randomScale } from './randomScale.js';
import { randomSharpness } from './randomSharpness.js';
import { randomTranslate } from './randomTranslate.js';
import { randomVerticalFlip } from './randomVerticalFlip.js';

export const builtinRandomOps = [
  randomHorizontalFlip,
  randomVerticalFlip,
  randomRotate,
  randomTranslate,
  randomScale,
  randomAffine,
  randomCrop,
  randomResizedCrop,
  randomPerspective,
  randomElastic,
  randomBrightnessContrast,
  randomBrightness,
  randomContrast,
  randomSaturation,
  randomHue,
  randomGamma,
  randomGrayscale,
  randomGaussianNoise,
  randomSaltPepper,
  randomGaussianBlur,
  randomErasing,
  randomSharpness,
] as const;

for (const definition of builtinRandomOps) registerRandomOp(definition);
