// npm's `prepare` (tools/prepare.mjs) in a folder without the dev dependencies, as after
// `npm ci --omit=dev`: it keeps an existing build, or says in one line how to make one.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const base = mkdtempSync(join(tmpdir(), 'storybot-prepare-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function prepareIn(name: string, withBuild: boolean) {
  const dir = join(base, name);
  mkdirSync(join(dir, 'tools'), { recursive: true });
  cpSync(join(ROOT, 'tools/prepare.mjs'), join(dir, 'tools/prepare.mjs'));
  if (withBuild) {
    mkdirSync(join(dir, 'dist/src'), { recursive: true });
    writeFileSync(join(dir, 'dist/src/main.js'), '');
  }
  return spawnSync(process.execPath, ['tools/prepare.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
}

describe('prepare without the dev dependencies', () => {
  it('with no build: exit 1 and one line giving the production path', () => {
    const r = prepareIn('fresh', false);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/npm ci.*npm prune --omit=dev/);
    expect(r.stderr).not.toMatch(/tsc: not found/);
  });

  it('with a build in dist/: keeps it, exit 0', () => {
    const r = prepareIn('built', true);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/using the build already in dist/);
  });
});
