// A real Postgres for the store's tests. .ci/run starts one (tools/test-postgres.sh) and sets
// STORYBOT_TEST_POSTGRES_URL; without it, the tests' global set-up (postgres-setup.ts) starts one
// when Postgres's programs are installed. Each test file gets a database of its own, dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import './postgres-setup.js';

export const POSTGRES_URL_VARIABLE = 'STORYBOT_TEST_POSTGRES_URL';

/** The server's URL (its `postgres` database), or undefined when no Postgres is available here. */
export function testPostgresUrl(): string | undefined {
  const url = process.env[POSTGRES_URL_VARIABLE]?.trim() || injected();
  return url ? url : undefined;
}

/** What the global set-up provided (it runs in another process: the environment does not carry it). */
function injected(): string | undefined {
  try {
    return inject('postgresUrl') || undefined;
  } catch {
    return undefined; // outside a vitest worker (the set-up itself)
  }
}

/** CI must test Postgres: there, a missing server fails the run instead of skipping. */
export function postgresRequired(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1' || process.env.STORYBOT_REQUIRE_POSTGRES === '1';
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A new, empty database on the test server; `drop()` removes it (closing what is still connected). */
export async function createTestDatabase(prefix = 'storybot_test'): Promise<TestDatabase> {
  const server = testPostgresUrl();
  if (!server) throw new Error(`${POSTGRES_URL_VARIABLE} is not set: no Postgres to test against`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server, name),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
