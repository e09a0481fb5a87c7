import { registerStage, type StageDefinition } from '../config/registry.js';
import { resize, resizeOptionsSchema } from './preprocess/resize.js';
import { normalize, normalizeOptionsSchema } from './preprocess/normalize.js';

export { resize, resizeImage, resizeOptionsSchema, type ResizeOptions, type ResolvedResizeOptions } from './preprocess/resize.js';
export { normalize, normalizeImage, normalizeOptionsSchema, type NormalizeOptions, type ResolvedNormalizeOptions } from './preprocess/normalize.js';

/** The stages that ship with ganpipe, as the registry sees them. */
export const builtinStages: readonly StageDefinition[] = [
  { type: 'resize', schema: resizeOptionsSchema, description: 'Resize with sharp (cover, contain, fill, inside).', create: resize },
  { type: 'normalize', schema: normalizeOptionsSchema, description: 'Map pixel values linearly to a float range.', create: normalize },
];

for (const definition of builtinStages) registerStage(definition);
