/**
 * Runs the ordered migrations against any SQL engine that can give a transaction, so SQLite and
 * (issue 15) Postgres share one runner and one schema. Placeholders are written `?`; an engine
 * whose driver numbers them (`$1`) translates.
 */
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** The little a migration runner needs from a database connection. */
export interface SqlExecutor {
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface MigrationTarget extends SqlExecutor {
  /**
   * Runs `work` in one transaction that excludes other migrators (SQLite: BEGIN IMMEDIATE;
   * Postgres: a transaction-level advisory lock), committing when it resolves, rolling back
   * when it throws.
   */
  exclusive<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** A database this storybot cannot use as it is; the message says what to do. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

async function appliedVersions(db: SqlExecutor): Promise<number[]> {
  const rows = await db.all<{ version: number | string }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => Number(r.version));
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migrations must be numbered 1, 2, 3… in order; found ${m.version} at position ${i + 1}.`);
  });
}

/**
 * Brings the schema up to date: runs every migration not yet applied, in order, each in its own
 * transaction together with its row in `schema_migrations`. Returns the versions it applied.
 * Refuses a database written by a newer storybot, or one whose ledger has holes.
 */
export async function migrate(
  db: MigrationTarget,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<number[]> {
  checkOrder(migrations);
  const latest = migrations.length;
  await db.run(CREATE_LEDGER);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.exclusive(async (tx) => {
      // Read inside the lock: another process may have migrated meanwhile.
      const versions = await appliedVersions(tx);
      const newest = versions.at(-1) ?? 0;
      if (newest > latest) {
        throw new SchemaError(
          `The database's schema is version ${newest}, newer than this storybot knows (${latest}): run the newer storybot, or restore a backup made before it ran.`,
        );
      }
      versions.forEach((v, i) => {
        if (v !== i + 1)
          throw new SchemaError(
            `The database's schema_migrations table is damaged (versions ${versions.join(', ')}): restore a backup.`,
          );
      });
      if (versions.includes(migration.version)) return false;
      for (const statement of migration.statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  if (migrations.length === 0) {
    const versions = await appliedVersions(db);
    if ((versions.at(-1) ?? 0) > 0)
      throw new SchemaError('The database has a schema but this storybot knows no migrations.');
  }
  return applied;
}

/** The schema version a database is at (0 when never migrated). */
export async function schemaVersion(db: SqlExecutor): Promise<number> {
  await db.run(CREATE_LEDGER);
  return (await appliedVersions(db)).at(-1) ?? 0;
}
