/**
 * Opens the store the settings ask for: the embedded SQLite file at DATABASE_PATH (the default).
 * Issue 15 adds Postgres here when DATABASE_URL is set; callers only see the Store interface.
 */
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export interface StoreSettings {
  /** SQLite file, created with its folder on first start. */
  databasePath: string;
}

export async function openStore(settings: StoreSettings): Promise<Store> {
  return SqliteStore.open(settings.databasePath);
}
