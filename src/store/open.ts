/**
 * Opens the store the settings ask for: Postgres when DATABASE_URL is set (several processes or
 * machines share it), else the embedded SQLite file at DATABASE_PATH (the default). Callers only
 * see the Store interface; each driver is loaded only when it is used.
 */
import type { Store } from './types.js';

export interface StoreSettings {
  /** SQLite file, created with its folder on first start. */
  databasePath: string;
  /** A postgres:// URL; when set, DATABASE_PATH is not used. */
  databaseUrl?: string;
}

export async function openStore(settings: StoreSettings): Promise<Store> {
  if (settings.databaseUrl) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(settings.databaseUrl);
  }
  const { SqliteStore } = await import('./sqlite.js');
  return SqliteStore.open(settings.databasePath);
}

/** Where the store keeps its data, for log lines (never a password). */
export async function describeStore(settings: StoreSettings): Promise<string> {
  if (!settings.databaseUrl) return settings.databasePath;
  const { describeUrl } = await import('./postgres-sql.js');
  return describeUrl(settings.databaseUrl);
}
