import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** `dist/lexicon.tsv` under the package root, whether called from `src/` or `dist/src/`. */
export function defaultLexiconPath(): string {
  return join(packageRoot(import.meta.url), 'dist', 'lexicon.tsv');
}
