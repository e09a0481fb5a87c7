import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheRoot } from '../../src/backend/cacheRoot.js';
import { defaultCacheRoot } from '../../src/stages/cache/cache.js';

// The install scripts are plain JS run before any build, so they keep their own copy of the rule.
const scripts = path.resolve(import.meta.dirname, '../../scripts/native-common.mjs');
const { cacheDir } = (await import(scripts)) as { cacheDir(): string };

const saved = { GANPIPE_CACHE_DIR: process.env['GANPIPE_CACHE_DIR'], XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] };
function setEnv(vars: Partial<typeof saved>) {
  for (const key of Object.keys(saved) as (keyof typeof saved)[]) {
    if (vars[key] === undefined) delete process.env[key];
    else process.env[key] = vars[key];
  }
}
afterEach(() => setEnv(saved));

describe('cacheRoot', () => {
  it.each([
    [{}, path.join(os.homedir(), '.cache', 'ganpipe')],
    [{ XDG_CACHE_HOME: '/xdg' }, '/xdg/ganpipe'],
    [{ GANPIPE_CACHE_DIR: '/own', XDG_CACHE_HOME: '/xdg' }, '/own'],
    [{ GANPIPE_CACHE_DIR: 'relative/dir' }, path.resolve('relative/dir')],
    [{ GANPIPE_CACHE_DIR: '', XDG_CACHE_HOME: '' }, path.join(os.homedir(), '.cache', 'ganpipe')],
  ])('%j → %s, as the install scripts decide', (vars, expected) => {
    setEnv(vars);
    expect(cacheRoot()).toBe(expected);
    expect(cacheDir()).toBe(expected);
  });

  it('holds the sample caches (the cache stage used to ignore XDG_CACHE_HOME)', () => {
    setEnv({ XDG_CACHE_HOME: '/xdg' });
    expect(defaultCacheRoot()).toBe('/xdg/ganpipe/samples');
  });
});
