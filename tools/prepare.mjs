// npm runs `prepare` after every `npm install` / `npm ci`. With the dev dependencies (TypeScript)
// it builds; without them (`npm ci --omit=dev`) it keeps a build already in dist/, or says in
// one line how to make one instead of failing with "tsc: not found".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
let typescript = true;
try {
  createRequire(import.meta.url).resolve('typescript/package.json');
} catch {
  typescript = false;
}

if (typescript) {
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit', cwd: root })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  process.exit(build.status ?? 1);
}
if (existsSync(new URL('dist/src/main.js', root))) {
  console.error('storybot: dev dependencies not installed; using the build already in dist/.');
  process.exit(0);
}
console.error(
  'storybot: building needs the dev dependencies (TypeScript): run "npm ci", then "npm prune --omit=dev" once it has built (see "Running it 24/7" in README.md).',
);
process.exit(1);
