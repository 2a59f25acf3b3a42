import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `dist/lexicon.tsv` under the package root. The root is found by walking up to
 * package.json, so the path is the same from `src/` (tests) and `dist/src/` (built code).
 */
export function defaultLexiconPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('storybot lexicon: no package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return join(dir, 'dist', 'lexicon.tsv');
}
