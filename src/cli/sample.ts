import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { loadRun } from '../train/session.js';
import { imageGrid, pixelBytes } from '../train/grid.js';
import { intFlag, parseCommand, UsageError } from './usage.js';

const USAGE = `Usage: ganpipe sample <run-dir> [--count N] [--out DIR] [--label K] [--seed S]

Generates images from the run's latest checkpoint: one PNG per image plus grid.png.

  --count N   images to generate (default 64)
  --out DIR   where to write them (default <run-dir>/generated)
  --label K   class to generate (conditional models: index or class name)
  --seed S    latent noise seed (default 0)`;

/** `ganpipe sample`. */
export async function sampleCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, { count: { type: 'string' }, out: { type: 'string' }, label: { type: 'string' }, seed: { type: 'string' } }, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError(USAGE);
  const dir = cmd.positionals[0]!;
  const count = intFlag(cmd.values['count'] as string | undefined, 'count', 64);
  const seed = Number(cmd.values['seed'] ?? 0);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, received ${JSON.stringify(cmd.values['seed'])}`);
  const out = (cmd.values['out'] as string | undefined) ?? path.join(dir, 'generated');
  const { config, trainer } = await loadRun(dir);
  const labelFlag = cmd.values['label'] as string | undefined;
  let labels: number[] | undefined;
  if (labelFlag !== undefined) {
    if (trainer.numClasses === 0) throw new UsageError(`--label: ${config.model} is not conditional; train a cgan to generate chosen classes`);
    const byName = config.classes.indexOf(labelFlag);
    const k = byName >= 0 ? byName : Number(labelFlag);
    if (!Number.isInteger(k) || k < 0 || k >= trainer.numClasses) {
      throw new UsageError(`--label: expected a class index 0..${trainer.numClasses - 1} or one of ${config.classes.join(', ')}, received ${JSON.stringify(labelFlag)}`);
    }
    labels = Array(count).fill(k);
  }
  const images = trainer.sample(count, { seed, ...(labels ? { labels } : {}) });
  await mkdir(out, { recursive: true });
  const [, h, w, c] = images.shape;
  const data = await pixelBytes(images);
  for (let i = 0; i < count; i++) {
    const one = data.subarray(i * h * w * c, (i + 1) * h * w * c);
    await sharp(one, { raw: { width: w, height: h, channels: c as 1 | 3 | 4 } }).png().toFile(path.join(out, `sample-${String(i).padStart(4, '0')}.png`));
  }
  await writeFile(path.join(out, 'grid.png'), await imageGrid(images, { columns: Math.min(count, 8) }));
  images.dispose();
  trainer.dispose();
  console.log(`${count} images from ${config.model} (${dir}) → ${out}/sample-*.png and grid.png`);
  return 0;
}
