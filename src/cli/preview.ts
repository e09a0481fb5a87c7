import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPipeline } from '../config/pipelineFile.js';
import { previewPng, previewRows } from '../stages/augment/preview.js';
import { previewHtml } from '../stages/augment/previewHtml.js';
import { intFlag, parseCommand, UsageError } from './usage.js';
// A pipeline file's train section may name a built-in model: they register when loaded.
import '../train/models/index.js';

const USAGE = `Usage: ganpipe preview <pipeline.json> [--count 16] [--epochs 3] [--random] [--split NAME] [--out preview.png]

Writes one PNG grid to check an augmentation config before a long run: one row per sample,
the original first, then its augmented versions for successive epochs, labelled with the ops
applied. Beside it, a page of the same name ending in .html gives each sample's full id and
each version's trace as text.

  --random       a seeded random sample of the whole set instead of the first files in order
  --split NAME   only samples of this split (a split stage before the augment stage sets it)`;

/** `ganpipe preview`. */
export async function previewCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, { count: { type: 'string' }, epochs: { type: 'string' }, out: { type: 'string' }, random: { type: 'boolean' }, split: { type: 'string' } }, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError(USAGE);
  const count = intFlag(cmd.values['count'] as string | undefined, 'count', 16);
  const epochs = intFlag(cmd.values['epochs'] as string | undefined, 'epochs', 3);
  const split = cmd.values['split'] as string | undefined;
  const out = (cmd.values['out'] as string | undefined) ?? 'preview.png';
  const page = path.join(path.dirname(out), `${path.basename(out, path.extname(out))}.html`);
  const file = cmd.positionals[0]!;
  const rows = await previewRows(await loadPipeline(file), { count, epochs, random: Boolean(cmd.values['random']), split });
  await writeFile(out, await previewPng(rows));
  await writeFile(page, await previewHtml(rows, { title: `Augmentation preview: ${file}${split !== undefined ? `, split ${split}` : ''}` }));
  console.log(`preview of ${rows.length} samples × ${epochs} epochs → ${out}, ${page}`);
  return 0;
}
