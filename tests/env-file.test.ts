import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_PATH, DEFAULT_STORY_PATH, PACKAGE_ROOT, findEnvFile, loadEnvFile } from '../src/env-file.js';

const ROOT = resolve(import.meta.dirname, '..');
const base = mkdtempSync(join(tmpdir(), 'storybot-env-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function dirWith(name: string, env?: string): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  if (env !== undefined) writeFileSync(join(dir, '.env'), env);
  return dir;
}

describe('settings file and default stories', () => {
  it('the package root is the folder of package.json, the default stories its seeds/ and the default database in its data/', () => {
    expect(PACKAGE_ROOT).toBe(ROOT);
    expect(DEFAULT_STORY_PATH).toBe(join(ROOT, 'seeds'));
    expect(DEFAULT_DATABASE_PATH).toBe(join(ROOT, 'data', 'storybot.sqlite'));
  });

  it('finds .env in the working directory first, then beside the package', () => {
    const here = dirWith('here', 'LOG_LEVEL=debug\n');
    const pkg = dirWith('pkg', 'LOG_LEVEL=warn\n');
    const empty = dirWith('empty');
    expect(findEnvFile(here, pkg)).toBe(join(here, '.env'));
    expect(findEnvFile(empty, pkg)).toBe(join(pkg, '.env'));
    expect(findEnvFile(empty, dirWith('also-empty'))).toBeUndefined();
  });

  it('reads the file without overriding the environment, and takes a relative STORY_PATH from the file', () => {
    const dir = dirWith('relative', 'STORY_PATH=stories/\nLOG_LEVEL=debug\nCOOLDOWN_SECONDS=3\n');
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'error' };
    expect(loadEnvFile(env, dir)).toBe(join(dir, '.env'));
    expect(env).toEqual({ LOG_LEVEL: 'error', STORY_PATH: join(dir, 'stories'), COOLDOWN_SECONDS: '3' });
  });

  it('leaves STORY_PATH from the environment, and absolute ones, as they are', () => {
    const dir = dirWith('absolute', `STORY_PATH=${join(base, 'abs')}\n`);
    const fromFile: NodeJS.ProcessEnv = {};
    loadEnvFile(fromFile, dir);
    expect(fromFile.STORY_PATH).toBe(join(base, 'abs'));
    const fromEnv: NodeJS.ProcessEnv = { STORY_PATH: 'mine/' };
    loadEnvFile(fromEnv, dirWith('relative2', 'STORY_PATH=theirs/\n'));
    expect(fromEnv.STORY_PATH).toBe('mine/');
  });

  it('takes a relative DATABASE_PATH from the file too, and leaves one from the environment as it is', () => {
    const dir = dirWith('database', 'DATABASE_PATH=db/bot.sqlite\n');
    const fromFile: NodeJS.ProcessEnv = {};
    loadEnvFile(fromFile, dir);
    expect(fromFile.DATABASE_PATH).toBe(join(dir, 'db', 'bot.sqlite'));
    const fromEnv: NodeJS.ProcessEnv = { DATABASE_PATH: 'mine.sqlite' };
    loadEnvFile(fromEnv, dir);
    expect(fromEnv.DATABASE_PATH).toBe('mine.sqlite');
  });

  it('takes a relative INDEX_CACHE_DIR from the file too', () => {
    const fromFile: NodeJS.ProcessEnv = {};
    const dir = dirWith('cache', 'INDEX_CACHE_DIR=cache/\n');
    loadEnvFile(fromFile, dir);
    expect(fromFile.INDEX_CACHE_DIR).toBe(join(dir, 'cache'));
  });
});
