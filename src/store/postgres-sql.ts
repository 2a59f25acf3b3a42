/**
 * Postgres plumbing for the store: the shared SQL's `?` placeholders numbered, the migration
 * runner's executor and lock, and error and URL descriptions for one-line messages.
 */
import type pg from 'pg';
import type { MigrationTarget, SqlExecutor } from './migrate.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** The channel story changes are announced on. */
export const STORIES_CHANNEL = 'storybot_stories';
/** The advisory lock key that keeps two processes from migrating at once ("storybot" in ASCII). */
export const MIGRATION_LOCK = 0x73746f7279626f74n;

/** `?` placeholders (the shared SQL's) as Postgres's `$1, $2…`; the shared SQL has no `?` in strings. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Where the database is, for log lines: never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export function oneLine(error: unknown): string {
  const e = error as { code?: string; message?: string } | undefined;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return e?.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

export function executor(client: Queryable): SqlExecutor {
  return {
    run: async (sql, params) => void (await client.query(numberPlaceholders(sql), params as unknown[] | undefined)),
    all: async <T>(sql: string, params?: readonly unknown[]) =>
      (await client.query(numberPlaceholders(sql), params as unknown[] | undefined)).rows as T[],
  };
}

export function migrationTarget(client: pg.PoolClient): MigrationTarget {
  const run = executor(client);
  return {
    ...run,
    async exclusive(work) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
        const result = await work(run);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}
