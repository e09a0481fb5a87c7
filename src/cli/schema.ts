import { parseCommand } from './usage.js';
// A pipeline file's train section may name a built-in model: they register when loaded.
import '../train/models/index.js';

const USAGE = `Usage: ganpipe schema

Prints the JSON Schema of pipeline files (committed as pipelines/pipeline.schema.json).`;

/** `ganpipe schema`. */
export async function schemaCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, {}, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  const { pipelineJsonSchema } = await import('../config/pipelineFile.js');
  console.log(JSON.stringify(pipelineJsonSchema(), null, 2));
  return 0;
}
