import os from 'node:os';
import path from 'node:path';

/**
 * ganpipe's cache folder: `$GANPIPE_CACHE_DIR`, else `$XDG_CACHE_HOME/ganpipe`, else
 * `~/.cache/ganpipe` (empty variables count as unset). Sample caches (`samples/`), fitted
 * statistics (`stats/`) and the install's TensorFlow library live under it; the install scripts
 * (`scripts/native-common.mjs`, plain JS run before any build) keep a copy of this rule, and a
 * test checks that both agree.
 */
export function cacheRoot(): string {
  const { GANPIPE_CACHE_DIR, XDG_CACHE_HOME } = process.env;
  if (GANPIPE_CACHE_DIR) return path.resolve(GANPIPE_CACHE_DIR);
  return path.join(XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ganpipe');
}
