import { glob, globOptionsSchema } from '../sources/glob.js';
import { idx, idxOptionsSchema } from '../sources/idx.js';
import { registerSource, type SourceDefinition } from './registry.js';

/** The sources pipeline files can name out of the box (`sources.iterable` takes code, so it has no JSON form). */
export const builtinSources: readonly SourceDefinition[] = [
  { type: 'glob', schema: globOptionsSchema, description: 'Image files in a folder, decoded by sharp.', create: glob },
  { type: 'idx', schema: idxOptionsSchema, description: 'IDX files such as MNIST, gzipped or plain.', create: idx },
];

for (const definition of builtinSources) registerSource(definition);
