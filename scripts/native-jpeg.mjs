#!/usr/bin/env node
/**
 * Builds ganpipe's JPEG addon (native/jpeg/scaled_jpeg.c): libjpeg-turbo's DCT-domain scaled
 * decode on libuv's thread pool, the fast path of the glob source. Runs as the second part of
 * ganpipe's `postinstall`; uses only Node built-ins.
 *
 * Recipe:
 *   1. `npm pack @julusian/jpeg-turbo` at the pinned version (cached) and take only its
 *      prebuilt libturbojpeg.so.0 for this platform (libjpeg-turbo 3.1 with SIMD), into
 *      native/jpeg/lib/. Nothing of that package runs.
 *   2. Build the addon with npm's node-gyp against the local Node headers; copy the library
 *      next to it (the addon's rpath is $ORIGIN).
 *   3. Check in a child process that it decodes a JPEG.
 *
 * Without it ganpipe decodes every JPEG with sharp (correct, about 3× slower at 64×64).
 * Env as native-backend.mjs: GANPIPE_SKIP_NATIVE=1 skips it; a failure exits 1 when CI=true or
 * GANPIPE_REQUIRE_NATIVE=1, else prints one paragraph and exits 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SetupError, cacheDir, checkBuildTools, freshDir, lastLine, log, nodeGyp, nodeHeadersDir, npmPack, reasonOf,
  reportFailure, run, runtimeEnv, secondsSince,
} from './native-common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADDON_DIR = path.join(ROOT, 'native', 'jpeg');
const ADDON = path.join(ADDON_DIR, 'build', 'Release', 'scaled_jpeg.node');
const LIB = 'libturbojpeg.so.0';
// The prebuilt library's source: a pinned version, because we read a file inside its tarball.
const TURBO = { name: '@julusian/jpeg-turbo', version: '2.3.0' };
const started = Date.now();

function main() {
  if (process.env.GANPIPE_SKIP_NATIVE === '1') return log('GANPIPE_SKIP_NATIVE=1: not building the JPEG addon.');
  if (probe().ok) return log('the JPEG addon is built and decodes; nothing to do.');
  try {
    if (process.platform !== 'linux') {
      throw new SetupError(`no prebuilt libjpeg-turbo for ${process.platform} is wired up yet`, 'JPEGs are decoded with sharp instead');
    }
    checkBuildTools('c');
    fetchLibrary();
    build();
    const check = probe();
    if (!check.ok) throw new SetupError(`the freshly built JPEG addon does not work (${check.reason})`, `Delete ${path.join(ADDON_DIR, 'build')} and reinstall`);
    log(`JPEG addon ready (${path.relative(ROOT, ADDON)}) in ${secondsSince(started)}.`);
  } catch (err) {
    fs.rmSync(path.join(ADDON_DIR, 'build'), { recursive: true, force: true });
    reportFailure('build the JPEG addon', 'decoding every JPEG with sharp (about 3× slower for small outputs)', err);
  }
}

/** libturbojpeg.so.0 for this machine (glibc or musl, x64/arm64/arm) into native/jpeg/lib. */
function fetchLibrary() {
  const lib = path.join(ADDON_DIR, 'lib', LIB);
  if (fs.existsSync(lib)) return;
  const tgz = npmPack(TURBO.name, TURBO.version, cacheDir(), ROOT);
  const musl = fs.existsSync('/etc/alpine-release') || !process.report?.getReport?.()?.header?.glibcVersionRuntime;
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'arm' }[process.arch];
  if (!arch) throw new SetupError(`${TURBO.name} has no Linux build for ${process.arch}`, 'JPEGs are decoded with sharp instead');
  const member = `package/prebuilds/jpeg-turbo-linux-${arch}${musl ? '-musl' : ''}/${LIB}`;
  const tmp = path.join(ADDON_DIR, `.lib-${process.pid}`);
  freshDir(tmp);
  const res = run('tar', ['-xzf', tgz, '-C', tmp, member]);
  try {
    if (res.status !== 0) throw new SetupError(`could not take ${member} from ${tgz} (${reasonOf(res)})`, `Delete ${tgz} and reinstall`);
    fs.mkdirSync(path.dirname(lib), { recursive: true });
    fs.renameSync(path.join(tmp, member), lib);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function build() {
  const res = run(process.execPath, [nodeGyp(), 'rebuild', `--nodedir=${nodeHeadersDir()}`], { cwd: ADDON_DIR, timeout: 5 * 60_000 });
  if (res.status !== 0 || !fs.existsSync(ADDON)) {
    throw new SetupError(`building native/jpeg failed (${reasonOf(res)})`, 'Check that cc, make and python3 work');
  }
  fs.copyFileSync(path.join(ADDON_DIR, 'lib', LIB), path.join(path.dirname(ADDON), LIB));
}

/** Loads the addon in a child process and decodes a tiny JPEG at 1/8 scale. */
function probe() {
  if (!fs.existsSync(ADDON)) return { ok: false, reason: 'not built' };
  // A 16×16 RGB JPEG, made once with sharp.
  const jpeg = '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAA//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJABHf/Z';
  const code = `
    const addon = require(process.argv[1]);
    addon.decode(Buffer.from(process.argv[2], 'base64'), 1, 3).then((r) => {
      if (r.width !== 2 || r.height !== 2 || r.data.length !== 12) throw new Error('decoded to ' + r.width + 'x' + r.height);
      console.log('ok');
    }).catch((e) => { console.error('Error: ' + e.message); process.exit(1); });`;
  const res = run(process.execPath, ['-e', code, ADDON, jpeg], { env: runtimeEnv(), timeout: 60_000 });
  return res.status === 0 ? { ok: true } : { ok: false, reason: res.stderr?.match(/^\w*Error: .*$/m)?.[0] ?? lastLine(res.stderr) };
}

main();
