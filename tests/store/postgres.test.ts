// The Postgres store against a real server (see tests/support/postgres.ts): the same contract as
// SQLite, then what only several processes sharing one server show: migrations run once when they
// start together, changes announced by NOTIFY, a lost LISTEN connection recovered.
import { expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ROOT, ensureBuilt } from '../support/child.js';
import { createTestDatabase, postgresRequired, testPostgresUrl, type TestDatabase } from '../support/postgres.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { describeUrl, numberPlaceholders } from '../../src/store/postgres-sql.js';
import { StoreError } from '../../src/store/errors.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import type { StoryChange } from '../../src/store/types.js';
import { story, storeContract } from './contract.js';

const available = testPostgresUrl() !== undefined;
if (!available && postgresRequired())
  throw new Error('STORYBOT_TEST_POSTGRES_URL is not set: CI must test the Postgres store');

async function ledger(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
      (r: { version: number }) => Number(r.version),
    );
  } finally {
    await client.end();
  }
}

let database: TestDatabase;

storeContract(
  'Postgres',
  async () => {
    database = await createTestDatabase();
    const store = await PostgresStore.open(database.url, { reconnectMs: 50 });
    return {
      store,
      openAnother: () => PostgresStore.open(database.url, { reconnectMs: 50 }),
      async cleanup() {
        await store.close();
        await database.drop();
      },
    };
  },
  {
    skip: !available,
    extra: (current) => {
      it('a new database gets every migration, in order, once', async () => {
        expect(current().schemaVersion).toBe(LATEST_VERSION);
        expect(await ledger(database.url)).toEqual(MIGRATIONS.map((m) => m.version));
        const again = await PostgresStore.open(database.url);
        await again.close();
        expect(await ledger(database.url)).toEqual(MIGRATIONS.map((m) => m.version));
      });

      it('three processes starting at once on a new database migrate it once', async () => {
        ensureBuilt();
        const fresh = await createTestDatabase();
        try {
          const script = `import { PostgresStore } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/src/store/postgres.js')).href)};
            const store = await PostgresStore.open(process.argv[1]); console.log(store.schemaVersion); await store.close();`;
          const runs = Array.from(
            { length: 3 },
            () =>
              new Promise<{ code: number | null; out: string }>((done) => {
                const child = spawn(process.execPath, ['--input-type=module', '-e', script, fresh.url], {
                  stdio: ['ignore', 'pipe', 'pipe'],
                });
                let out = '';
                child.stdout.on('data', (d: Buffer) => (out += d.toString()));
                child.stderr.on('data', (d: Buffer) => (out += d.toString()));
                child.on('exit', (code) => done({ code, out }));
              }),
          );
          for (const r of await Promise.all(runs))
            expect(r, r.out).toMatchObject({ code: 0, out: `${LATEST_VERSION}\n` });
          expect(await ledger(fresh.url)).toEqual(MIGRATIONS.map((m) => m.version));
        } finally {
          await fresh.drop();
        }
      }, 60_000);

      it('refuses, in one line, a database written by a newer storybot', async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          LATEST_VERSION + 1,
          'from the future',
          0,
        ]);
        await client.end();
        const error = await PostgresStore.open(database.url).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect((error as Error).message).toMatch(new RegExp(`version ${LATEST_VERSION + 1}.*newer`));
        expect((error as Error).message).not.toContain('\n');
      });

      it('a server that cannot be reached is one line naming where, never the password', async () => {
        const url = 'postgres://storybot:s3cret-pass@127.0.0.1:9/storybot';
        const error = await PostgresStore.open(url, { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        const message = (error as Error).message;
        expect(message).toContain('127.0.0.1:9/storybot');
        expect(message).toMatch(/DATABASE_URL/);
        expect(message).not.toContain('s3cret-pass');
        expect(message).not.toContain('\n');
        expect(describeUrl(url)).toBe('postgres://storybot@127.0.0.1:9/storybot');
      });

      it('a lost LISTEN connection is reported (null), then changes are heard again', async () => {
        const heard: Array<StoryChange | null> = [];
        const other = await PostgresStore.open(database.url, { reconnectMs: 50 });
        const watch = await other.watchStories((change) => heard.push(change));
        try {
          const admin = new pg.Client({ connectionString: database.url });
          await admin.connect();
          await admin.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'storybot-listen' AND datname = current_database()",
          );
          await admin.end();
          for (let i = 0; i < 300 && heard.filter((c) => c === null).length < 2; i++)
            await new Promise((r) => setTimeout(r, 10));
          expect(heard.filter((c) => c === null).length).toBeGreaterThanOrEqual(2); // lost, then back
          await current().addStory(story('A', 'After'), { maxPerServer: 5 });
          for (let i = 0; i < 300 && !heard.some((c) => c?.guildId === 'A'); i++)
            await new Promise((r) => setTimeout(r, 10));
          expect(heard).toContainEqual({ guildId: 'A', version: 1 });
        } finally {
          await watch.stop();
          await other.close();
        }
      });
    },
  },
);

it('numbers the shared SQL placeholders for Postgres', () => {
  expect(numberPlaceholders('SELECT a FROM t WHERE b = ? AND c IN (?, ?)')).toBe(
    'SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)',
  );
});
