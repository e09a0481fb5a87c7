import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayersModel, Optimizer } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';

/** The state a GAN checkpoint holds: both networks and both optimizers. */
export interface GanState {
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  readonly generatorOptimizer: Optimizer;
  readonly discriminatorOptimizer: Optimizer;
}

const roles = (s: GanState) =>
  [
    ['generator', s.generator, s.generatorOptimizer],
    ['discriminator', s.discriminator, s.discriminatorOptimizer],
  ] as const;

/**
 * Writes G and D (tfjs `file://` saves in `generator/` and `discriminator/`) and each
 * optimizer's weights (`optimizer-<role>.bin` with its `.json` specs) into `dir`.
 */
export async function saveGan(dir: string, state: GanState): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [role, model] of roles(state)) await model.save(`file://${path.join(dir, role)}`);
  for (const [role, , optimizer] of roles(state)) {
    const { data, specs } = await tf.io.encodeWeights(await optimizer.getWeights());
    await writeFile(path.join(dir, `optimizer-${role}.bin`), new Uint8Array(data));
    await writeFile(path.join(dir, `optimizer-${role}.json`), JSON.stringify(specs));
  }
}

/** Restores what `saveGan` wrote into the given models and optimizers. */
export async function loadGan(dir: string, state: GanState): Promise<void> {
  for (const [role, model] of roles(state)) {
    const saved = await tf.loadLayersModel(`file://${path.join(dir, role, 'model.json')}`);
    // Copy into our models: the optimizers keep references to their variables.
    model.setWeights(saved.getWeights());
    saved.dispose();
  }
  for (const [role, , optimizer] of roles(state)) {
    const specs = JSON.parse(await readFile(path.join(dir, `optimizer-${role}.json`), 'utf8'));
    const bytes = await readFile(path.join(dir, `optimizer-${role}.bin`));
    const named = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
    await optimizer.setWeights(Object.entries(named).map(([name, tensor]) => ({ name, tensor })));
  }
}
