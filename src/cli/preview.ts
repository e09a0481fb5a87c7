import { writeFile } from 'node:fs/promises';
import { loadPipeline } from '../config/pipelineFile.js';
import { augmentPreview } from '../stages/augment/preview.js';
import { intFlag, parseCommand, UsageError } from './usage.js';
// A pipeline file's train section may name a built-in model: they register when loaded.
import '../train/models/index.js';

const USAGE = `Usage: ganpipe preview <pipeline.json> [--count 16] [--epochs 3] [--out preview.png]

Writes one PNG grid to check an augmentation config before a long run: one row per sample,
the original first, then its augmented versions for successive epochs, labelled with the ops
applied.`;

/** `ganpipe preview`. */
export async function previewCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, { count: { type: 'string' }, epochs: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError(USAGE);
  const count = intFlag(cmd.values['count'] as string | undefined, 'count', 16);
  const epochs = intFlag(cmd.values['epochs'] as string | undefined, 'epochs', 3);
  const out = (cmd.values['out'] as string | undefined) ?? 'preview.png';
  const p = await loadPipeline(cmd.positionals[0]!);
  await writeFile(out, await augmentPreview(p, { count, epochs }));
  console.log(`preview of ${count} samples × ${epochs} epochs → ${out}`);
  return 0;
}
