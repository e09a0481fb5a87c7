import { createRequire } from 'node:module';
import path from 'node:path';
import { ownPackage } from '../../backend/packageRoot.js';
import type { ResamplePlan } from '../../ops/resample.js';

/** ganpipe's native JPEG decoder (native/jpeg/scaled_jpeg.c), built at install. */
export interface ScaledJpegAddon {
  /**
   * Decodes at `n`/8 of the size (n in 1..8) on libuv's thread pool, then runs `plan` (1 or 3
   * channels) there too. Rejects with `code` TJ_WARNING, TJ_FATAL or PLAN.
   */
  decode(bytes: Uint8Array, n: number, channels: 1 | 3 | 4, plan?: ResamplePlan): Promise<{ data: Buffer; width: number; height: number }>;
}

const require = createRequire(import.meta.url);
let addon: ScaledJpegAddon | null | undefined;
let loadError: Error | undefined;

/** Where the install builds the addon. */
export const JPEG_ADDON_PATH = path.join(ownPackage().dir, 'native', 'jpeg', 'build', 'Release', 'scaled_jpeg.node');

/** The addon, or undefined when it was not built (JPEGs then go through sharp). */
export function scaledJpegAddon(): ScaledJpegAddon | undefined {
  if (addon === undefined) {
    try {
      addon = require(JPEG_ADDON_PATH) as ScaledJpegAddon;
    } catch (error) {
      addon = null;
      loadError = error as Error;
    }
  }
  return addon ?? undefined;
}

/** Why the addon did not load (for `ganpipe doctor`), after `scaledJpegAddon()` was called. */
export function jpegAddonError(): Error | undefined {
  scaledJpegAddon();
  return loadError;
}
