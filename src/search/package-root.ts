import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root above a module (the first folder holding package.json), so data paths are the
 * same from `src/` (tests) and `dist/src/` (built code).
 */
export function packageRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('storybot: no package.json above ' + fileURLToPath(moduleUrl));
    dir = parent;
  }
  return dir;
}
