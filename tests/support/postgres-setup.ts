// vitest's global set-up: makes sure the store's Postgres tests have a server. With
// STORYBOT_TEST_POSTGRES_URL set (as .ci/run does) it does nothing; otherwise it starts a
// throwaway server with tools/test-postgres.sh and stops it after the run. Where Postgres is not
// installed, the Postgres tests are skipped with a warning, except in CI, where that is a failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { POSTGRES_URL_VARIABLE, postgresRequired, testPostgresUrl } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test Postgres server's URL; empty when there is none. */
    postgresUrl: string;
  }
}

const SCRIPT = resolve(import.meta.dirname, '../../tools/test-postgres.sh');

export default function setup(project: TestProject): (() => void) | undefined {
  const given = testPostgresUrl();
  project.provide('postgresUrl', given ?? '');
  if (given) return undefined;
  // Under /tmp, not TMPDIR: the server's own user must reach it when the tests run as root.
  const dir = mkdtempSync('/tmp/storybot-pg-');
  try {
    const url = execFileSync('bash', [SCRIPT, 'start', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    project.provide('postgresUrl', url);
  } catch (error) {
    const why =
      (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
    execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
    if (postgresRequired())
      throw new Error(`The store's Postgres tests need a server and none could be started: ${why}`, {
        cause: error,
      });
    process.stderr.write(
      `\n[storybot] Postgres tests skipped: no server (${why.split('\n').pop()}). Set ${POSTGRES_URL_VARIABLE} or install postgresql.\n\n`,
    );
    return undefined;
  }
  return () => {
    execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
  };
}
