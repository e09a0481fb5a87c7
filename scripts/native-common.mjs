/**
 * Helpers shared by ganpipe's install steps (scripts/native-*.mjs): running commands, finding
 * npm's node-gyp and Node's headers, the download cache, and one-paragraph failure reports.
 * Node built-ins only.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
}

/** One line saying why a child process failed, for the failure paragraph. */
export function reasonOf(res) {
  if (res.error?.code === 'ENOENT') return `${res.error.path} was not found`;
  if (res.error?.code === 'ETIMEDOUT') return 'it timed out';
  if (res.error) return res.error.message;
  const noise = /^npm error (code|syscall|errno)\b|^npm error\s+at |complete log of this run/i;
  const lines = (res.stderr ?? '').split('\n').map((l) => l.trim());
  return lines.find((l) => /error/i.test(l) && !noise.test(l)) || lastLine(res.stderr) || `exit code ${res.status}`;
}

/** The environment of a plain `node` run, without npm's npm_* variables. */
export function runtimeEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
}

/** The npm that runs this install (npm_execpath), else the one on PATH. */
export function npmCommand(args) {
  const cli = process.env.npm_execpath;
  return cli?.endsWith('.js') ? [process.execPath, [cli, ...args]] : ['npm', args];
}

export function which(cmd) {
  if (cmd.includes('/')) return fs.existsSync(cmd) ? cmd : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

export function hasCommand(cmd) {
  return which(cmd) !== undefined;
}

export function freshDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

export function lastLine(text) {
  return (text ?? '').trim().split('\n').at(-1) ?? '';
}

export function secondsSince(t0) {
  return `${Math.round((Date.now() - t0) / 1000)} s`;
}

export function cacheDir() {
  const { GANPIPE_CACHE_DIR, XDG_CACHE_HOME } = process.env;
  if (GANPIPE_CACHE_DIR) return path.resolve(GANPIPE_CACHE_DIR);
  return path.join(XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ganpipe');
}

/** npm's bundled node-gyp: the one npm hands to scripts, else the one next to npm. */
export function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  const npmCli = process.env.npm_execpath || which('npm');
  if (npmCli) {
    const npmRoot = path.resolve(fs.realpathSync(npmCli), '..', '..');
    candidates.push(path.join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) {
    throw new SetupError(
      'node-gyp was not found (it comes with npm)',
      'Run the install with npm, or set npm_config_node_gyp=/path/to/node-gyp/bin/node-gyp.js',
    );
  }
  return found;
}

/** Node's own headers (e.g. /usr for /usr/bin/node), so node-gyp never downloads them. */
export function nodeHeadersDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..')];
  const dir = candidates.find((d) => d && fs.existsSync(path.join(d, 'include', 'node', 'node_api.h')));
  if (!dir) {
    throw new SetupError(
      `the Node.js ${process.version} headers (include/node/node_api.h) are not next to ${process.execPath}`,
      'Install the headers that match this Node.js (Debian: libnode-dev), or set npm_config_nodedir to a folder holding include/node',
    );
  }
  return dir;
}

export function log(msg) {
  console.log(`ganpipe: ${msg}`);
}

/** A failure we can explain: what went wrong, and what the user can do about it. */
export class SetupError extends Error {
  constructor(what, todo) {
    super(what);
    this.todo = todo;
  }
}

/**
 * `npm pack` a published package once into <cache>/npm (with the install's own registry and
 * .npmrc); returns the tarball.
 */
export function npmPack(name, version, cache, cwd) {
  const dir = path.join(cache, 'npm');
  const tgz = path.join(dir, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
  if (fs.existsSync(tgz)) return tgz;
  log(`fetching ${name}@${version} with npm pack...`);
  const tmp = path.join(dir, `.tmp-${process.pid}`); // never leave a half-written tgz behind
  freshDir(tmp);
  const res = run(...npmCommand(['pack', `${name}@${version}`, '--pack-destination', tmp]), { cwd, timeout: 5 * 60_000 });
  const packed = path.join(tmp, path.basename(tgz));
  if (res.status === 0 && fs.existsSync(packed)) fs.renameSync(packed, tgz);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!fs.existsSync(tgz)) {
    throw new SetupError(`npm pack ${name}@${version} failed (${reasonOf(res)})`, 'Check that the npm registry is reachable (npm ping), then reinstall');
  }
  return tgz;
}

/**
 * Prints one paragraph about a failed step. Exit code 1 when CI=true or
 * GANPIPE_REQUIRE_NATIVE=1 (the install fails), else 0 and ganpipe uses `fallback`.
 */
export function reportFailure(subject, fallback, err) {
  const strictBy = process.env.GANPIPE_REQUIRE_NATIVE === '1' ? 'GANPIPE_REQUIRE_NATIVE=1'
    : process.env.CI === 'true' ? 'CI=true' : undefined;
  const what = err instanceof SetupError ? `${err.message}. ${err.todo}.` : `unexpected error: ${err.stack}`;
  const outcome = strictBy
    ? `Failing the install because ${strictBy} (set GANPIPE_SKIP_NATIVE=1 to skip this step).`
    : `ganpipe will fall back to ${fallback} (set GANPIPE_REQUIRE_NATIVE=1 to make this an error, GANPIPE_SKIP_NATIVE=1 to skip this step).`;
  console.error(`ganpipe: could not ${subject}: ${what} ${outcome}`);
  process.exitCode = strictBy ? 1 : 0;
}

/** node-gyp needs python3 (for gyp), make and a compiler for `language` ('c' or 'c++'). */
export function checkBuildTools(language) {
  const [variable, fallback, debian] = language === 'c' ? ['CC', 'cc', 'gcc'] : ['CXX', 'g++', 'g++'];
  const compiler = process.env[variable]?.split(' ')[0] || fallback;
  const missing = ['python3', 'make', compiler].filter((c) => !hasCommand(c));
  if (missing.length) {
    throw new SetupError(
      `build tools are missing: ${missing.join(', ')}`,
      `Install a ${language === 'c' ? 'C' : 'C++'} compiler, make and python3 (Debian/Ubuntu: apt-get install ${debian} make python3), then reinstall`,
    );
  }
}
