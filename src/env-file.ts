/**
 * Where the scripts find their settings file and the shipped stories, wherever they are started
 * from: a process manager or a container often starts `node /srv/storybot/dist/src/main.js` with
 * another working directory. `.env` is read from the working directory, else from beside the
 * installed package; the default story folder is the package's own `seeds/`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { packageRoot } from './search/package-root.js';

/** The folder holding storybot's package.json (the clone, or the installed copy). */
export const PACKAGE_ROOT = packageRoot(import.meta.url);

/** The shipped story folder, used when STORY_PATH is not set. */
export const DEFAULT_STORY_PATH = join(PACKAGE_ROOT, 'seeds');

/** The server stories' database when DATABASE_PATH is not set: beside the package, not in whatever folder started it. */
export const DEFAULT_DATABASE_PATH = join(PACKAGE_ROOT, 'data', 'storybot.sqlite');

/** Settings that name a path: a relative one written in `.env` is relative to that file's folder. */
const PATH_SETTINGS = ['STORY_PATH', 'DATABASE_PATH', 'INDEX_CACHE_DIR'] as const;

/** `name` and `version` from package.json, for `--version`. */
export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return version;
}

/** The `.env` to read: the working directory's, else the package's own; undefined when neither exists. */
export function findEnvFile(cwd: string = process.cwd(), root: string = PACKAGE_ROOT): string | undefined {
  for (const dir of [cwd, root]) {
    const file = join(dir, '.env');
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Reads the `.env` found by {@link findEnvFile} into `env` (variables already set win). A relative
 * STORY_PATH, DATABASE_PATH or INDEX_CACHE_DIR written in that file is taken relative to the file's folder, so
 * `STORY_PATH=stories/` means the same folder whatever directory the bot is started from. Returns
 * the file read.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  const file = findEnvFile(cwd);
  if (!file) return undefined;
  const setBefore = new Set(PATH_SETTINGS.filter((name) => env[name] !== undefined));
  loadDotenv({ path: file, quiet: true, processEnv: env });
  for (const name of PATH_SETTINGS) {
    const path = env[name]?.trim();
    if (!setBefore.has(name) && path && !isAbsolute(path)) env[name] = resolve(dirname(file), path);
  }
  return file;
}
