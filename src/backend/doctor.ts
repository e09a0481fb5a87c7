import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { tf, nativeLoadError, isNative } from './tf.js';
import { tfjsPatchesEnabled } from './tfjsPatches.js';
import { ownPackage } from './packageRoot.js';
import { JPEG_ADDON_PATH, jpegAddonError } from '../sources/jpeg/addon.js';

const require = createRequire(import.meta.url);

/** What `ganpipe doctor` reports. */
export interface DoctorReport {
  backend: string;
  native: boolean;
  nativeError?: string | undefined;
  versions: { ganpipe: string; tfjs: string; tfjsNode?: string | undefined; tensorflow?: string | undefined; sharp: string; libvips: string; node: string };
  /** Where libtensorflow came from: `upstream` (tfjs-node's own install), a wheel, or missing. */
  libtensorflow: { origin: string; detail?: Record<string, unknown> | undefined };
  /** The fast JPEG path's addon (native/jpeg): `ready`, or why not (JPEGs then decode with sharp). */
  jpegAddon: string;
  /**
   * Whether ganpipe's tfjs speed-ups (native dropout masks, unfused linear ops under a tape,
   * reduction gradients) are on: installed by its trainer's first step or `installTfjsPatches()`.
   */
  tfjsPatches: boolean;
  threads: { cpus: number; sharpConcurrency: number; uvThreadpool: string; tfIntraOp: string; tfInterOp: string };
}

/** Collects backend, versions, library origin and thread settings. */
export async function doctor(): Promise<DoctorReport> {
  await tf.ready();
  const own = ownPackage();
  const nodePkg = tryPackageDir('@tensorflow/tfjs-node');
  const originFile = nodePkg ? path.join(nodePkg, 'ganpipe-origin.json') : undefined;
  const detail = originFile && existsSync(originFile) ? (JSON.parse(readFileSync(originFile, 'utf8')) as Record<string, unknown>) : undefined;
  return {
    backend: tf.getBackend(),
    native: isNative(),
    nativeError: nativeLoadError?.message.split('\n')[0],
    versions: {
      ganpipe: own.version,
      tfjs: tf.version.tfjs,
      tfjsNode: nodePkg ? (JSON.parse(readFileSync(path.join(nodePkg, 'package.json'), 'utf8')) as { version: string }).version : undefined,
      tensorflow: tensorflowVersion(),
      sharp: sharp.versions.sharp ?? 'unknown',
      libvips: sharp.versions.vips,
      node: process.version,
    },
    libtensorflow: {
      origin: !nodePkg ? 'missing (@tensorflow/tfjs-node is not installed)' : detail ? String(detail['origin']) : 'upstream (tfjs-node install)',
      detail,
    },
    tfjsPatches: tfjsPatchesEnabled(),
    jpegAddon: jpegStatus(),
    threads: {
      cpus: os.availableParallelism(),
      sharpConcurrency: sharp.concurrency(),
      uvThreadpool: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
      tfIntraOp: process.env.TF_NUM_INTRAOP_THREADS ?? 'TensorFlow default (all cores)',
      tfInterOp: process.env.TF_NUM_INTEROP_THREADS ?? 'TensorFlow default',
    },
  };
}

function tryPackageDir(name: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

// The C library's own version string, from the native binding.
function tensorflowVersion(): string | undefined {
  if (!isNative()) return undefined;
  const backend = tf.backend() as unknown as { binding?: { TF_Version?: string } };
  return backend.binding?.TF_Version;
}

/** Human-readable doctor output. */
export function formatDoctor(r: DoctorReport): string {
  const lines = [
    `backend        ${r.backend}${r.native ? ' (native TensorFlow)' : ' (pure JS: slow; see README "Backend")'}`,
    ...(r.nativeError ? [`native error   ${r.nativeError}`] : []),
    `tfjs           ${r.versions.tfjs}${r.versions.tfjsNode ? `, tfjs-node ${r.versions.tfjsNode}` : ''}`,
    `TensorFlow     ${r.versions.tensorflow ?? 'not loaded'}`,
    `libtensorflow  ${r.libtensorflow.origin}`,
    ...Object.entries(r.libtensorflow.detail ?? {})
      .filter(([k]) => k !== 'origin')
      .map(([k, v]) => `  ${k}: ${String(v)}`),
    `sharp          ${r.versions.sharp} (libvips ${r.versions.libvips})`,
    `JPEG addon     ${r.jpegAddon}`,
    `tfjs patches   ${r.tfjsPatches ? 'on when ganpipe trains (GANPIPE_TFJS_PATCHES=0 turns them off)' : 'off (GANPIPE_TFJS_PATCHES=0)'}`,
    `node           ${r.versions.node}, ganpipe ${r.versions.ganpipe}`,
    `threads        ${r.threads.cpus} cpus; sharp ${r.threads.sharpConcurrency}; libuv pool ${r.threads.uvThreadpool}`,
    `               TF intra-op ${r.threads.tfIntraOp}; inter-op ${r.threads.tfInterOp}`,
  ];
  return lines.join('\n');
}

// The JPEG addon: where it is, or why it did not load.
function jpegStatus(): string {
  const error = jpegAddonError();
  return error ? `missing (${error.message.split('\n')[0]}); JPEGs decode with sharp — reinstall to build it` : `ready (${JPEG_ADDON_PATH})`;
}
