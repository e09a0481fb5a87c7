import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../src');

/** The folders under src/ a layer must not import from: lower layers never reach up. */
const forbidden: Record<string, readonly string[]> = {
  core: ['cache', 'stages', 'train', 'config/pipelineFile.ts', 'cli', 'check'],
  config: ['train', 'cli', 'check'],
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic imports, side-effect imports. */
function importsOf(text: string): string[] {
  const specifiers = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(specifiers)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** The src-relative path a relative specifier of `file` points at (`.js` read as the `.ts` source). */
const target = (file: string, specifier: string) => path.relative(src, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '.ts');

describe('import layering', () => {
  it('finds every kind of import (the check below could not pass by finding none)', () => {
    const text = `import { a } from './a.js';\nimport type { B } from '../b/b.js';\nexport { c } from "./c.js";\nimport './side.js';\nconst d = await import('./d.js');\nimport {\n  e,\n} from './e.js';`;
    expect(importsOf(text)).toEqual(['./a.js', '../b/b.js', './c.js', './side.js', './d.js', './e.js']);
    expect(importsOf(readFileSync(path.join(src, 'core/pipeline.ts'), 'utf8'))).toContain('./errors.js');
  });

  it.each(Object.entries(forbidden))('src/%s imports none of %j', (layer, banned) => {
    const violations = filesUnder(path.join(src, layer)).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((s) => s.startsWith('.'))
        .map((s) => ({ from: path.relative(src, file), to: target(file, s) }))
        .filter(({ to }) => banned.some((b) => to === b || to.startsWith(`${b}/`))),
    );
    expect(violations).toEqual([]);
  });
});
