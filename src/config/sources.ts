import type { z } from 'zod';
import { glob, globOptionsSchema } from '../sources/glob.js';
import { idx, idxOptionsSchema } from '../sources/idx.js';
import type { Source } from '../sources/source.js';

/** A source a pipeline file can name. Relative paths resolve against `baseDir`. */
export interface SourceDefinition {
  readonly type: string;
  readonly schema: z.ZodObject;
  readonly description: string;
  readonly create: (options: never, context: { baseDir: string }) => Source;
}

/** Sources available in pipeline files (`sources.iterable` takes code, so it has no JSON form). */
export const sourceDefinitions: readonly SourceDefinition[] = [
  { type: 'glob', schema: globOptionsSchema, description: 'Image files in a folder, decoded by sharp.', create: glob },
  { type: 'idx', schema: idxOptionsSchema, description: 'IDX files such as MNIST, gzipped or plain.', create: idx },
];
