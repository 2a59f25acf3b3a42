import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ROOT } from '../support/child.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../src/store/migrations/index.js';
import { StoreError } from '../../src/store/errors.js';

const dirs: string[] = [];
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'storybot-migrate-'));
  dirs.push(dir);
  return join(dir, 'nested', 'storybot.sqlite');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function ledger(path: string): Array<{ version: number; name: string }> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Array<{
      version: number;
      name: string;
    }>;
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… and each statement is portable SQL (no engine-only types or autoincrement)', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    const sql = MIGRATIONS.flatMap((m) => m.statements).join('\n');
    expect(sql).not.toMatch(/AUTOINCREMENT|SERIAL|IDENTITY|WITHOUT ROWID|STRICT|PRAGMA|DATETIME|BOOLEAN|JSONB?\b/i);
  });

  it('a new database gets the folder, every migration in order, and WAL mode', async () => {
    const path = dbPath();
    const store = await SqliteStore.open(path);
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    await store.close();
    expect(ledger(path)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reopening runs nothing again and keeps the data', async () => {
    const path = dbPath();
    const first = await SqliteStore.open(path);
    await first.logQuestion({ id: 'q1', guildId: 'g', question: 'why', askedAt: 1, answered: false });
    await first.close();
    const second = await SqliteStore.open(path);
    expect((await second.gaps('g', 0, 10)).unanswered).toEqual([{ question: 'why', asked: 1, lastAskedAt: 1 }]);
    await second.close();
    expect(ledger(path).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('upgrades a database made by an older version step by step, keeping its rows', async () => {
    const path = dbPath();
    const old = await SqliteStore.open(path, { migrations: MIGRATIONS.slice(0, 1) });
    expect(old.schemaVersion).toBe(1);
    await old.close();
    const raw = new Database(path);
    raw
      .prepare(
        `INSERT INTO stories (id, guild_id, slug, title, title_key, file_name, body, paragraphs, size_bytes, sha256, added_by, added_at) VALUES ('s', 'g', 'a', 'A', 'a', 'a.txt', 'x', 1, 1, 'h', 'u', 5)`,
      )
      .run();
    raw.close();
    const upgraded = await SqliteStore.open(path);
    expect(upgraded.schemaVersion).toBe(LATEST_VERSION);
    expect((await upgraded.listStories('g')).map((s) => s.slug)).toEqual(['a']);
    await upgraded.close();
  });

  it('a failing migration leaves nothing of itself behind and the earlier ones applied', async () => {
    const path = dbPath();
    const broken: Migration[] = [
      MIGRATIONS[0],
      { version: 2, name: 'broken', statements: ['CREATE TABLE half_done (x INTEGER)', 'THIS IS NOT SQL'] },
    ];
    await expect(SqliteStore.open(path, { migrations: broken })).rejects.toBeInstanceOf(StoreError);
    expect(ledger(path).map((r) => r.version)).toEqual([1]);
    const db = new Database(path, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
    ).map((t) => t.name);
    db.close();
    expect(tables).toContain('stories');
    expect(tables).not.toContain('half_done');
  });

  it('refuses, in one line, a database written by a newer storybot', async () => {
    const path = dbPath();
    await (await SqliteStore.open(path)).close();
    const raw = new Database(path);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST_VERSION + 1, 'from the future', 0);
    raw.close();
    const error = await SqliteStore.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(new RegExp(`version ${LATEST_VERSION + 1}.*newer`));
    expect((error as Error).message).not.toContain('\n');
  });

  it('a path that cannot hold a database is one clear line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storybot-migrate-'));
    dirs.push(dir);
    const error = await SqliteStore.open(dir).catch((e: unknown) => e); // a folder, not a file
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toMatch(/DATABASE_PATH/);
  });

  it('three processes opening a new database at once migrate it once', async () => {
    const path = dbPath();
    const script = `import { SqliteStore } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/src/store/sqlite.js')).href)};
      const store = await SqliteStore.open(process.argv[1]); console.log(store.schemaVersion); await store.close();`;
    const runs = Array.from(
      { length: 3 },
      () =>
        new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script, path], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('exit', (code) => done({ code, out }));
        }),
    );
    const results = await Promise.all(runs);
    for (const r of results) expect(r, r.out).toMatchObject({ code: 0, out: `${LATEST_VERSION}\n` });
    expect(ledger(path).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  }, 60_000);
});
