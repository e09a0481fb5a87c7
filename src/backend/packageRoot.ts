import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: { dir: string; version: string } | undefined;

/**
 * ganpipe's own package folder and version, found by walking up from this module (src/backend
 * in development, dist/ when built) to the package.json named `ganpipe`.
 */
export function ownPackage(): { dir: string; version: string } {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'ganpipe') return (root = { dir, version: pkg.version });
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (root = { dir: path.dirname(fileURLToPath(import.meta.url)), version: 'unknown' });
    dir = parent;
  }
}
