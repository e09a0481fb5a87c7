import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctor, isNative, tf } from '../../src/index.js';
import { ganpipe } from '../helpers/cli.js';

const root = path.resolve(__dirname, '../..');

describe('native backend', () => {
  // Not skipped when missing: training is unusable without it, so the suite must fail loudly.
  it('is active: tfjs runs on native TensorFlow (npm install builds it; see README "Backend")', async () => {
    await tf.ready();
    expect(tf.getBackend()).toBe('tensorflow');
    expect(isNative()).toBe(true);
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(y).toBe(11);
  });

  it('doctor reports the backend, versions, library origin, sharp and threads', async () => {
    const r = await doctor();
    expect(r.backend).toBe('tensorflow');
    expect(r.versions.tfjs).toBe('4.22.0');
    expect(r.versions.tensorflow).toMatch(/^\d+\.\d+/);
    expect(r.libtensorflow.origin).not.toMatch(/missing/);
    expect(r.versions.libvips).toMatch(/^\d+\.\d+/);
    expect(r.threads.cpus).toBeGreaterThan(0);
    expect(r.jpegAddon).toMatch(/^ready/);
    expect(r.tfjsPatches).toBe(true);
    const cli = ganpipe(['doctor', '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).backend).toBe('tensorflow');
    const plain = ganpipe(['doctor', '--json'], { GANPIPE_TFJS_PATCHES: '0' });
    expect(JSON.parse(plain.stdout).tfjsPatches).toBe(false);
  });

  it("loads whatever the script's own arguments are (node-pre-gyp would read --dir as its --directory)", () => {
    const code = `const { isNative } = await import(${JSON.stringify(path.join(root, 'src/index.ts'))}); console.log(isNative(), process.argv.slice(1).join(' '))`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, '--', '--dir', '/tmp', '-C', 'x'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout.trim().split('\n').at(-1)).toBe('true --dir /tmp -C x');
  });

  it('with CI=true, a tfjs-node that fails to load makes the first use of the backend throw a clear error', () => {
    // Simulate a missing binding: make require('@tensorflow/tfjs-node') throw in a child process.
    const hook = `const M=require('module');const load=M._load;M._load=function(r,...a){if(r==='@tensorflow/tfjs-node')throw new Error('simulated missing binding');return load.call(this,r,...a)};`;
    const hookFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'ganpipe-hook-')), 'hook.cjs');
    writeFileSync(hookFile, hook);
    const r = spawnSync(
      process.execPath,
      // Importing still works (the backend loads on first use); the first use fails loudly.
      ['--require', hookFile, '--import', 'tsx', '-e', `const g = await import(${JSON.stringify(path.join(root, 'src/index.ts'))}); console.log('imported'); g.tf.zeros([1])`],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    expect(r.stdout).toContain('imported');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('native TensorFlow backend (@tensorflow/tfjs-node) failed to load');
    expect(r.stderr).toContain('simulated missing binding');
  });
});
