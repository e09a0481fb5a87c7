import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// Runs in a fresh process: what importing ganpipe, a first trainer step with the patches turned
// off, and one with them on do to the process's environment, backend and tfjs.
const script = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});
const tfjs = require('@tensorflow/tfjs');
const core = createRequire(require.resolve('@tensorflow/tfjs-layers'))('@tensorflow/tfjs-core');
const original = { dropout: core.dropout, conv2d: core.fused.conv2d, meanGradient: tfjs.getGradient('Mean') };
const env0 = { ...process.env };
const snapshot = () => ({
  // libvips (sharp's native library) sets VIPSHOME when sharp loads; GANPIPE_TFJS_PATCHES is this script's.
  envChanged: Object.keys({ ...env0, ...process.env }).filter((k) => env0[k] !== process.env[k] && !['VIPSHOME', 'GANPIPE_TFJS_PATCHES'].includes(k)).sort(),
  native: tfjs.findBackendFactory('tensorflow') != null,
  patched: [core.dropout !== original.dropout, core.fused.conv2d !== original.conv2d, tfjs.getGradient('Mean') !== original.meanGradient],
});
const out = {};
const g = await import(${JSON.stringify(path.join(root, 'src/index.ts'))});
out.imported = snapshot();
out.sameTf = g.tf.Tensor === tfjs.Tensor && g.tf.engine() === tfjs.engine();
const generator = g.tf.sequential({ layers: [g.tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh' }), g.tf.layers.reshape({ targetShape: [2, 2, 1] })] });
const discriminator = g.tf.sequential({ layers: [g.tf.layers.flatten({ inputShape: [2, 2, 1] }), g.tf.layers.dropout({ rate: 0.5 }), g.tf.layers.dense({ units: 1 })] });
const trainer = g.createGanTrainer({ name: 't', generator, discriminator, latentDim: 2, loss: g.bceLoss('logits') });
const batch = () => ({ xs: g.tf.zeros([2, 2, 2, 1]), ids: ['a', 'b'], cursor: 2 });
process.env.GANPIPE_TFJS_PATCHES = '0';
await trainer.step(batch(), 0);
out.steppedWithPatchesOff = snapshot();
delete process.env.GANPIPE_TFJS_PATCHES;
await trainer.step(batch(), 1);
out.stepped = snapshot();
console.log(JSON.stringify(out));
`;

describe('importing ganpipe has no side effects', () => {
  it("leaves the environment, the backend and tfjs alone until used; the trainer's first step installs the patches", () => {
    // Unset what ganpipe sets (a test process may have loaded the backend already).
    const { TF_CPP_MIN_LOG_LEVEL, TF_NUM_INTEROP_THREADS, GANPIPE_TFJS_PATCHES, ...env } = process.env;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(out.imported).toEqual({ envChanged: [], native: false, patched: [false, false, false] });
    // The same tfjs as the user's, backend loaded by the first use, TF_* set by loading it.
    expect(out.sameTf).toBe(true);
    expect(out.steppedWithPatchesOff).toEqual({ envChanged: ['TF_CPP_MIN_LOG_LEVEL', 'TF_NUM_INTEROP_THREADS'], native: true, patched: [false, false, false] });
    expect(out.stepped.patched).toEqual([true, true, true]);
  });
});
