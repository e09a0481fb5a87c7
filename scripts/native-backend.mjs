#!/usr/bin/env node
/**
 * Makes `require('@tensorflow/tfjs-node')` load with native TensorFlow. Runs as the first
 * part of ganpipe's `postinstall`; uses only Node built-ins.
 *
 * Why: tfjs-node's own install script downloads libtensorflow and a prebuilt addon from
 * Google's storage. Where that is unreachable the script fails, npm drops the optional
 * package, and ganpipe would fall back to the pure-JS CPU backend (hundreds of times slower
 * for training). The `tensorflow-cpu` Python wheel ships the same C API
 * (`libtensorflow_cc.so.2` exports `TF_*`/`TFE_*`) and its headers, so we build the addon
 * against that instead.
 *
 * Recipe:
 *   1. If tfjs-node already loads with the `tensorflow` backend (a normal install with
 *      internet, or an earlier run of this script), leave it alone and stop.
 *   2. Get a TensorFlow wheel: $GANPIPE_TF_WHEEL, else one already in the cache, else
 *      `pip download tensorflow-cpu==2.21.0` into the cache.
 *   3. `npm pack` tfjs-node at the version package.json pins (tgz cached).
 *   4. Unpack the wheel's two shared libraries and headers once into the cache, outside
 *      node_modules (<cache>/libtensorflow/<wheel name>/{lib,include}), via a temp folder
 *      and a rename, so a folder there is always complete.
 *   5. Unpack tfjs-node into node_modules/@tensorflow/tfjs-node without running its install
 *      script. Its runtime deps are ganpipe's own top-level deps, so the one shared
 *      @tensorflow/tfjs instance is used.
 *   6. Symlink deps/lib/libtensorflow*.so* and deps/include to the cache: binding.gyp links
 *      -ltensorflow -ltensorflow_framework from deps/lib, with rpath $ORIGIN/../../deps/lib.
 *   7. Build the addon with npm's node-gyp against the local Node headers (so nothing is
 *      downloaded), straight into the folder @mapbox/node-pre-gyp's find() resolves at run
 *      time (lib/napi-v8 on Node 20).
 *   8. Check in a child process that it loads and computes, then record where it came from
 *      in node_modules/@tensorflow/tfjs-node/ganpipe-origin.json.
 *
 * Env: GANPIPE_SKIP_NATIVE=1 skips all of it; GANPIPE_TF_WHEEL=/path/to.whl picks the wheel;
 * GANPIPE_CACHE_DIR moves the cache (default $XDG_CACHE_HOME/ganpipe or ~/.cache/ganpipe,
 * about 1.4 GB). A failure prints one paragraph and exits 0 (ganpipe then uses the pure-JS
 * backend), or 1 when CI=true or GANPIPE_REQUIRE_NATIVE=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SetupError, cacheDir, checkBuildTools, freshDir, hasCommand, lastLine, log, nodeGyp, nodeHeadersDir, npmPack, reasonOf,
  reportFailure as report, run, runtimeEnv, secondsSince,
} from './native-common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = '@tensorflow/tfjs-node';
const PKG_DIR = path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-node');
const ORIGIN_FILE = path.join(PKG_DIR, 'ganpipe-origin.json');
const DEFAULT_WHEEL = { name: 'tensorflow-cpu', version: '2.21.0' };
const WHEEL_MEMBERS = {
  lib: ['tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2'],
  include: 'tensorflow/include/',
};
// deps/lib names: binding.gyp links -ltensorflow; tfjs-node 4.x also expects the 2.9.1 names.
const LIB_LINKS = {
  'libtensorflow_cc.so.2': ['libtensorflow.so', 'libtensorflow.so.2', 'libtensorflow.so.2.9.1', 'libtensorflow_cc.so.2'],
  'libtensorflow_framework.so.2': ['libtensorflow_framework.so', 'libtensorflow_framework.so.2', 'libtensorflow_framework.so.2.9.1'],
};
const started = Date.now();


function main() {
  if (process.env.GANPIPE_SKIP_NATIVE === '1') {
    log(`GANPIPE_SKIP_NATIVE=1: not setting up native TensorFlow for ${PKG}.`);
    return;
  }
  const probe = probeTfjsNode();
  if (probe.ok) {
    log(`${PKG} already loads with TensorFlow ${probe.tfVersion} (${originOf()}); nothing to do.`);
    return;
  }
  log(`${PKG} does not load (${probe.reason}); building it against a TensorFlow wheel.`);
  try {
    setUp();
  } catch (err) {
    // Without the package ganpipe cleanly picks the JS backend; a broken one only misleads.
    fs.rmSync(PKG_DIR, { recursive: true, force: true });
    reportFailure(err);
  }
}

function setUp() {
  checkBuildTools('c++'); // cheap checks and downloads first, the slow unpacking and build last
  const cache = cacheDir();
  const wheel = findWheel(cache);
  const version = tfjsNodeVersion();
  const tgz = fetchTfjsNode(version, cache);
  const tf = unpackLibtensorflow(wheel, cache);
  unpackTfjsNode(tgz);
  linkLibtensorflow(tf);
  const modulePath = buildBinding(cache);
  const check = probeTfjsNode();
  if (!check.ok) {
    throw new SetupError(
      `the freshly built binding does not work (${check.reason})`,
      `Delete ${tf.dir} and reinstall; if that does not help, try another wheel with GANPIPE_TF_WHEEL=/path/to/tensorflow_cpu-*.whl`,
    );
  }
  writeOrigin(wheel, tf, check.tfVersion);
  log(
    `native TensorFlow ${check.tfVersion} ready for ${PKG}@${version} ` +
      `(${path.relative(PKG_DIR, modulePath)}) in ${secondsSince(started)}.`,
  );
}

// ---------------------------------------------------------------- probing

/**
 * Loads tfjs-node in a child process the way ganpipe does at run time: resolved from
 * ganpipe's folder, and without npm's npm_config_* variables, which node-pre-gyp would
 * read as options.
 */
function probeTfjsNode() {
  const code = `
    const req = require('node:module').createRequire(process.argv[1] + '/package.json');
    const tf = req('${PKG}');
    if (tf.getBackend() !== 'tensorflow') throw new Error('backend is ' + tf.getBackend());
    const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync();
    if (y[0] !== 17 || y[1] !== 39) throw new Error('matMul gave ' + Array.from(y));
    console.log(JSON.stringify({ tfVersion: tf.backend().binding.TF_Version }));`;
  const res = run(process.execPath, ['-e', code, ROOT], { env: runtimeEnv(), timeout: 120_000 });
  if (res.status === 0) return { ok: true, tfVersion: JSON.parse(lastLine(res.stdout)).tfVersion };
  // Node prints an uncaught error as "Error: ..." after the source excerpt.
  return { ok: false, reason: res.stderr?.match(/^\w*Error: .*$/m)?.[0] ?? reasonOf(res) };
}

function originOf() {
  try {
    const origin = JSON.parse(fs.readFileSync(ORIGIN_FILE, 'utf8'));
    return `${origin.origin} from ${origin.wheelName}`;
  } catch {
    return 'upstream';
  }
}

// ---------------------------------------------------------------- wheel


/** The wheel to use: $GANPIPE_TF_WHEEL, else one downloaded before, else pip download. */
function findWheel(cache) {
  const fromEnv = process.env.GANPIPE_TF_WHEEL;
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!file.endsWith('.whl') || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new SetupError(
        `GANPIPE_TF_WHEEL=${fromEnv} is not an existing .whl file`,
        'Point it at a TensorFlow wheel for this platform (e.g. tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl), or unset it to let pip download one',
      );
    }
    log(`using the wheel from GANPIPE_TF_WHEEL: ${file}`);
    return file;
  }
  const dir = path.join(cache, 'wheels');
  const cached = defaultWheelIn(dir); // kept, so later installs need neither pip nor network
  if (cached) return cached;
  const spec = `${DEFAULT_WHEEL.name}==${DEFAULT_WHEEL.version}`;
  log(`downloading ${spec} with pip...`);
  const pip = run('python3', [
    '-m', 'pip', 'download', '--no-deps', '--retries', '0', '--timeout', '10', spec, '-d', dir,
  ], { timeout: 30 * 60_000 });
  const wheel = defaultWheelIn(dir);
  if (pip.status !== 0 || !wheel) {
    throw new SetupError(
      `pip could not download ${spec} (${reasonOf(pip)})`,
      'Install python3 with pip and a package index that has this wheel, or download it yourself and set GANPIPE_TF_WHEEL=/path/to/tensorflow_cpu-*.whl',
    );
  }
  return wheel;
}

function defaultWheelIn(dir) {
  const prefix = `${DEFAULT_WHEEL.name.replace(/-/g, '_')}-${DEFAULT_WHEEL.version}-`;
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const name = names.find((n) => n.startsWith(prefix) && n.endsWith('.whl'));
  return name && path.join(dir, name);
}

/** Unpacks the libraries and headers once per wheel; returns where they are. */
function unpackLibtensorflow(wheel, cache) {
  const name = path.basename(wheel, '.whl');
  const dir = path.join(cache, 'libtensorflow', name);
  const tf = { dir, name, lib: path.join(dir, 'lib'), include: path.join(dir, 'include') };
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) {
    log(`reusing libtensorflow cached in ${dir}`);
    return tf;
  }
  const t0 = Date.now();
  log(`unpacking libtensorflow from ${path.basename(wheel)} into ${dir} (about 10 s)...`);
  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    freshDir(tmp);
    extractWheel(wheel, tmp);
    const absent = [...WHEEL_MEMBERS.lib, WHEEL_MEMBERS.include].filter((m) => !fs.existsSync(path.join(tmp, m)));
    if (absent.length) throw new Error(`it holds no ${absent.join(', ')}`);
    // Flat lib/ and include/; libtensorflow_cc's RUNPATH has $ORIGIN, so it finds
    // libtensorflow_framework next to it.
    fs.mkdirSync(path.join(tmp, 'lib'));
    for (const member of WHEEL_MEMBERS.lib) {
      fs.renameSync(path.join(tmp, member), path.join(tmp, 'lib', path.basename(member)));
    }
    fs.renameSync(path.join(tmp, WHEEL_MEMBERS.include), path.join(tmp, 'include'));
    fs.rmSync(path.join(tmp, 'tensorflow'), { recursive: true });
    fs.writeFileSync(path.join(tmp, '.complete'), `${new Date().toISOString()} ${wheel}\n`);
    fs.rmSync(dir, { recursive: true, force: true }); // a leftover without the marker
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (fs.existsSync(marker)) return tf; // a parallel install got there first
    throw new SetupError(
      `could not unpack libtensorflow from ${wheel} (${err.message})`,
      `Check that it is a complete TensorFlow wheel for this platform (with ${WHEEL_MEMBERS.lib.join(' and ')}) and that ${cache} is writable, or set GANPIPE_CACHE_DIR to another folder`,
    );
  }
  log(`unpacked libtensorflow in ${secondsSince(t0)}`);
  return tf;
}

/** Only the members we need (1.1 GB of 2+ GB); python3's zipfile is faster than unzip here. */
function extractWheel(wheel, dest) {
  const res = hasCommand('python3')
    ? run('python3', ['-c', `
import sys, zipfile
wheel, dest, include, *libs = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    z.extractall(dest, [n for n in z.namelist() if n in libs or n.startswith(include)])
`, wheel, dest, WHEEL_MEMBERS.include, ...WHEEL_MEMBERS.lib])
    : run('unzip', ['-q', '-o', wheel, ...WHEEL_MEMBERS.lib, `${WHEEL_MEMBERS.include}*`, '-d', dest]);
  if (res.status !== 0) throw new Error(res.error ? 'neither python3 nor unzip was found' : reasonOf(res));
}

// ---------------------------------------------------------------- tfjs-node package

function tfjsNodeVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const version = pkg.optionalDependencies?.[PKG] ?? pkg.dependencies?.[PKG];
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
    throw new SetupError(
      `package.json pins no exact ${PKG} version (found ${version})`,
      `Pin one, e.g. "${PKG}": "4.22.0" in optionalDependencies`,
    );
  }
  return version;
}

function fetchTfjsNode(version, cache) {
  return npmPack(PKG, version, cache, ROOT);
}

/** Replaces node_modules/@tensorflow/tfjs-node with the tarball's contents; no scripts run. */
function unpackTfjsNode(tgz) {
  // A dot folder in node_modules, which npm ignores, on the same disk for the rename.
  const tmp = path.join(ROOT, 'node_modules', `.ganpipe-tfjs-node-${process.pid}`);
  freshDir(tmp);
  const res = run('tar', ['-xzf', tgz, '-C', tmp]);
  if (res.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new SetupError(
      `could not unpack ${tgz} (${reasonOf(res)})`,
      `Install tar if it is missing, or delete ${tgz} and reinstall`,
    );
  }
  fs.rmSync(PKG_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(PKG_DIR), { recursive: true });
  fs.renameSync(path.join(tmp, 'package'), PKG_DIR);
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** deps/ is where binding.gyp links from and where the addon's rpath points. */
function linkLibtensorflow(tf) {
  const lib = path.join(PKG_DIR, 'deps', 'lib');
  fs.mkdirSync(lib, { recursive: true });
  for (const [target, links] of Object.entries(LIB_LINKS)) {
    for (const link of links) fs.symlinkSync(path.join(tf.lib, target), path.join(lib, link));
  }
  fs.symlinkSync(tf.include, path.join(PKG_DIR, 'deps', 'include'));
}

// ---------------------------------------------------------------- build

/** Builds tfjs_binding.node into the folder tfjs-node loads it from; returns that folder. */
function buildBinding(cache) {
  const modulePath = bindingDir();
  const logFile = path.join(cache, 'logs', 'tfjs-node-build.log'); // the latest build's
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const t0 = Date.now();
  log('building the TensorFlow binding (about 10–20 s)...');
  const res = run(process.execPath, [
    nodeGyp(), 'rebuild', `--nodedir=${nodeHeadersDir()}`, '--jobs=max',
    // The gyp variables node-pre-gyp would pass; binding.gyp's copy step puts the addon
    // into module_path.
    '--module_name=tfjs_binding',
    `--module_path=${modulePath}`,
    `--napi_build_version=${modulePath.match(/napi-v(\d+)/)?.[1]}`,
  ], { cwd: PKG_DIR, timeout: 15 * 60_000 });
  fs.writeFileSync(logFile, `${res.stdout ?? ''}\n${res.stderr ?? ''}`);
  const binding = path.join(modulePath, 'tfjs_binding.node');
  if (res.status !== 0 || !fs.existsSync(binding)) {
    throw new SetupError(
      `building the TensorFlow binding failed (${reasonOf(res)}); the full log is ${logFile}`,
      'Check that g++, make and python3 work; if the cached libtensorflow looks damaged, delete it and reinstall',
    );
  }
  log(`built ${path.relative(ROOT, binding)} in ${secondsSince(t0)}`);
  return modulePath;
}

/**
 * Asks @mapbox/node-pre-gyp, which tfjs-node uses to find its addon, where it will look:
 * the highest napi version in package.json's binary.napi_versions that Node supports.
 */
function bindingDir() {
  const code = `
    const req = require('node:module').createRequire(process.argv[1]);
    console.log(req('@mapbox/node-pre-gyp').find(process.argv[1]));`;
  const pkgJson = path.join(PKG_DIR, 'package.json');
  const res = run(process.execPath, ['-e', code, pkgJson], { env: runtimeEnv() });
  if (res.status !== 0) {
    throw new SetupError(
      `@mapbox/node-pre-gyp could not tell where the addon goes (${reasonOf(res)})`,
      "Run npm install again so that ganpipe's dependency @mapbox/node-pre-gyp is installed",
    );
  }
  return path.dirname(lastLine(res.stdout));
}



// ---------------------------------------------------------------- reporting

function writeOrigin(wheel, tf, tensorflowVersion) {
  const origin = {
    origin: 'built-from-wheel',
    wheel,
    wheelName: path.basename(wheel),
    tensorflowVersion,
    libDir: tf.lib,
    builtAt: new Date().toISOString(),
    node: process.version,
  };
  fs.writeFileSync(ORIGIN_FILE, `${JSON.stringify(origin, null, 2)}\n`);
}

function reportFailure(err) {
  report(`set up native TensorFlow for ${PKG}`, 'the much slower pure-JS CPU backend', err);
}

main();
