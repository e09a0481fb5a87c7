export { glob, globOptionsSchema, DEFAULT_IMAGE_PATTERNS, type GlobOptions, type ResolvedGlobOptions } from './glob.js';
export { idx, idxOptionsSchema, parseIdx, type IdxOptions, type ResolvedIdxOptions, type IdxArray } from './idx.js';
export { iterable, type IterableItem, type IterableOptions } from './iterable.js';
export { decodeImage, DEFAULT_MAX_PIXELS, type DecodeOptions } from './decode.js';
export { DecodeError, type Source, type SourceItem, type SourceListing } from './source.js';
