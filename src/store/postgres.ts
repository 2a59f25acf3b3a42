/**
 * The store for more than one process or machine: Postgres through the `pg` driver, chosen by
 * DATABASE_URL. Same interface, same migrations and same schema as SQLite (the migration runner
 * is shared; `?` placeholders are numbered here). Several shards and HTTP replicas share it:
 * each add or remove bumps the server's stories version and sends a NOTIFY in its own
 * transaction, so every other process hears of the change when it commits (`watchStories`).
 */
import pg from 'pg';
import { migrate, schemaVersion, type MigrationTarget, type SqlExecutor } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { BUMP_STORIES_VERSION, DOWNVOTED_GAPS, UNANSWERED_GAPS } from './shared-sql.js';
import { StoreError } from './errors.js';
import { INFO_COLUMNS, storyInfo, type StoryRow } from './story-row.js';
import { newId } from './ids.js';
import type {
  AddStoryResult,
  Gaps,
  NewStory,
  QuestionEntry,
  RemovedStory,
  Store,
  StoredStory,
  StoredStoryInfo,
  StoryChange,
  StoryWatch,
  VoteOutcome,
} from './types.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The channel story changes are announced on. */
export const STORIES_CHANNEL = 'storybot_stories';
/** The advisory lock key that keeps two processes from migrating at once ("storybot" in ASCII). */
const MIGRATION_LOCK = 0x73746f7279626f74n;

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

function oneLine(error: unknown): string {
  const e = error as { code?: string; message?: string } | undefined;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return e?.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

function executor(client: Queryable): SqlExecutor {
  return {
    run: async (sql, params) => void (await client.query(numberPlaceholders(sql), params as unknown[] | undefined)),
    all: async <T>(sql: string, params?: readonly unknown[]) =>
      (await client.query(numberPlaceholders(sql), params as unknown[] | undefined)).rows as T[],
  };
}

function migrationTarget(client: pg.PoolClient): MigrationTarget {
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

export interface PostgresStoreOptions {
  /** Migrations to run (tests); the shipped ones by default. */
  migrations?: readonly Migration[];
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** First wait before reconnecting the LISTEN connection; doubles up to 30 s (default 500 ms). */
  reconnectMs?: number;
}

/** A refusal decided inside a transaction: rolls it back (and the version bump with it). */
class Refused extends Error {
  constructor(readonly result?: AddStoryResult) {
    super('refused');
  }
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly watches = new Set<() => Promise<void>>();

  private constructor(
    private readonly pool: pg.Pool,
    readonly url: string,
    readonly schemaVersion: number,
    private readonly options: PostgresStoreOptions,
  ) {}

  /** Connects, then migrates under an advisory lock (several processes may start at once). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const where = describeUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'storybot',
    });
    // An idle connection the server drops must not become an unhandled 'error' that ends the process.
    pool.on('error', () => undefined);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreError(
        `Cannot connect to the database at ${where} (${oneLine(error)}): check DATABASE_URL and that Postgres is running.`,
        { cause: error },
      );
    }
    let store: PostgresStore | undefined;
    try {
      // A session lock around the whole run: CREATE TABLE IF NOT EXISTS is not safe against itself on Postgres.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
      try {
        const target = migrationTarget(client);
        await migrate(target, options.migrations ?? MIGRATIONS);
        store = new PostgresStore(pool, url, await schemaVersion(target), options);
        return store;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'SchemaError')
        throw new StoreError(`Database ${where}: ${error.message}`, { cause: error });
      throw new StoreError(
        `Cannot prepare the database at ${where} (${oneLine(error)}): check the user's rights on it, or restore a backup.`,
        { cause: error },
      );
    } finally {
      client.release();
      if (!store) await pool.end().catch(() => undefined);
    }
  }

  private async query<T>(sql: string, params: readonly unknown[] = [], on: Queryable = this.pool): Promise<T[]> {
    return (await on.query(numberPlaceholders(sql), params as unknown[])).rows as T[];
  }

  /** Runs `work` in a transaction on one connection; a `Refused` thrown by it rolls back and is returned. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Bumps the version (locking the server's row: concurrent changes to one server queue here) and announces it at commit. */
  private async bumpVersion(client: pg.PoolClient, guildId: string): Promise<number> {
    const [row] = await this.query<{ version: string }>(BUMP_STORIES_VERSION, [guildId], client);
    const version = Number(row.version);
    await client.query('SELECT pg_notify($1, $2)', [STORIES_CHANNEL, JSON.stringify({ guildId, version })]);
    return version;
  }

  async listStories(guildId: string): Promise<StoredStoryInfo[]> {
    return (
      await this.query<StoryRow>(`SELECT ${INFO_COLUMNS} FROM stories WHERE guild_id = ? ORDER BY added_at, id`, [
        guildId,
      ])
    ).map(storyInfo);
  }

  async loadStories(guildId: string): Promise<StoredStory[]> {
    const rows = await this.query<StoryRow>(
      `SELECT ${INFO_COLUMNS}, body FROM stories WHERE guild_id = ? ORDER BY added_at, id`,
      [guildId],
    );
    return rows.map((row) => ({ ...storyInfo(row), body: row.body ?? '' }));
  }

  async addStory(story: NewStory, limits: { maxPerServer: number }): Promise<AddStoryResult> {
    const id = newId();
    try {
      return await this.transaction(async (client) => {
        // First: the row lock that makes the checks below hold until the commit.
        const version = await this.bumpVersion(client, story.guildId);
        const [{ count }] = (await this.query<{ count: string }>(
          'SELECT COUNT(*) AS count FROM stories WHERE guild_id = ?',
          [story.guildId],
          client,
        )) as [{ count: string }];
        if (Number(count) >= limits.maxPerServer)
          throw new Refused({ ok: false, reason: 'too-many', limit: limits.maxPerServer });
        const [sameTitle] = await this.query<{ title: string }>(
          'SELECT title FROM stories WHERE guild_id = ? AND title_key = ?',
          [story.guildId, story.titleKey],
          client,
        );
        if (sameTitle) throw new Refused({ ok: false, reason: 'duplicate-title', existing: sameTitle.title });
        if (
          (
            await this.query(
              'SELECT 1 FROM stories WHERE guild_id = ? AND slug = ?',
              [story.guildId, story.slug],
              client,
            )
          ).length > 0
        )
          throw new Refused({ ok: false, reason: 'duplicate-slug' });
        await this.query(
          `INSERT INTO stories (id, guild_id, slug, title, title_key, file_name, body, paragraphs, size_bytes, sha256, added_by, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            story.guildId,
            story.slug,
            story.title,
            story.titleKey,
            story.fileName,
            story.body,
            story.paragraphs,
            story.sizeBytes,
            story.sha256,
            story.addedBy,
            story.addedAt,
          ],
          client,
        );
        const { body: _body, titleKey: _key, ...rest } = story;
        return { ok: true, story: { id, ...rest }, version } satisfies AddStoryResult;
      });
    } catch (error) {
      if (error instanceof Refused && error.result) return error.result;
      throw error;
    }
  }

  async removeStory(guildId: string, slug: string): Promise<RemovedStory | undefined> {
    try {
      return await this.transaction(async (client) => {
        const version = await this.bumpVersion(client, guildId);
        const [row] = await this.query<StoryRow>(
          `DELETE FROM stories WHERE guild_id = ? AND slug = ? RETURNING ${INFO_COLUMNS}`,
          [guildId, slug],
          client,
        );
        if (!row) throw new Refused();
        return { ...storyInfo(row), version };
      });
    } catch (error) {
      if (error instanceof Refused) return undefined;
      throw error;
    }
  }

  async storiesVersion(guildId: string): Promise<number> {
    const [row] = await this.query<{ version: string }>('SELECT version FROM story_versions WHERE guild_id = ?', [
      guildId,
    ]);
    return row ? Number(row.version) : 0;
  }

  /**
   * LISTEN on a connection of its own (a pooled one would be handed to other work). If it is
   * lost, the listener hears `null` (changes may have been missed meanwhile) and it reconnects,
   * waiting longer each time up to 30 s.
   */
  async watchStories(listener: (change: StoryChange | null) => void): Promise<StoryWatch> {
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    let wait = this.options.reconnectMs ?? 500;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({
        connectionString: this.url,
        connectionTimeoutMillis: this.options.connectTimeoutMs ?? 10_000,
        application_name: 'storybot-listen',
      });
      next.on('notification', (message) => {
        if (message.channel !== STORIES_CHANNEL || !message.payload) return;
        try {
          const change = JSON.parse(message.payload) as StoryChange;
          if (typeof change.guildId === 'string' && Number.isInteger(change.version)) listener(change);
        } catch {
          // not one of ours
        }
      });
      next.on('error', () => lost(next));
      next.on('end', () => lost(next));
      await next.connect();
      await next.query(`LISTEN ${STORIES_CHANNEL}`);
      client = next;
      wait = this.options.reconnectMs ?? 500;
    };
    const lost = (which: pg.Client) => {
      if (stopped || which !== client) return;
      client = undefined;
      void which.end().catch(() => undefined);
      listener(null);
      schedule();
    };
    const schedule = () => {
      if (stopped) return;
      retry = setTimeout(() => {
        connect().then(
          () => listener(null), // anything committed while disconnected went unheard
          () => schedule(),
        );
      }, wait);
      retry.unref();
      wait = Math.min(wait * 2, 30_000);
    };
    await connect();
    const stop = async () => {
      stopped = true;
      clearTimeout(retry);
      this.watches.delete(stop);
      await client?.end().catch(() => undefined);
    };
    this.watches.add(stop);
    return { stop };
  }

  async logQuestion(entry: QuestionEntry): Promise<void> {
    await this.query(
      'INSERT INTO questions (id, guild_id, question, asked_at, answered, story_slug, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        entry.id,
        entry.guildId,
        entry.question,
        entry.askedAt,
        entry.answered ? 1 : 0,
        entry.storySlug ?? null,
        entry.paragraph ?? null,
      ],
    );
  }

  async vote(input: {
    questionId: string;
    guildId: string;
    voter: string;
    vote: 1 | -1;
    at: number;
  }): Promise<VoteOutcome> {
    return this.transaction(async (client) => {
      const [question] = await this.query<{ guild_id: string }>(
        'SELECT guild_id FROM questions WHERE id = ?',
        [input.questionId],
        client,
      );
      if (!question || question.guild_id !== input.guildId) return 'unknown-answer';
      const [existing] = await this.query<{ vote: number }>(
        'SELECT vote FROM votes WHERE question_id = ? AND voter = ? FOR UPDATE',
        [input.questionId, input.voter],
        client,
      );
      if (existing && Number(existing.vote) === input.vote) return 'unchanged';
      await this.query(
        `INSERT INTO votes (question_id, voter, vote, voted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (question_id, voter) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
        [input.questionId, input.voter, input.vote, input.at],
        client,
      );
      return existing ? 'changed' : 'recorded';
    });
  }

  async gaps(guildId: string, since: number, limit: number): Promise<Gaps> {
    const unanswered = await this.query<{ question: string; asked: string; last_asked_at: string }>(UNANSWERED_GAPS, [
      guildId,
      since,
      limit,
    ]);
    const downvoted = await this.query<{
      question: string;
      story_slug: string | null;
      paragraph: number | null;
      down: string;
      up: string;
      last_asked_at: string;
    }>(DOWNVOTED_GAPS, [guildId, since, limit]);
    return {
      unanswered: unanswered.map((r) => ({
        question: r.question,
        asked: Number(r.asked),
        lastAskedAt: Number(r.last_asked_at),
      })),
      downvoted: downvoted.map((r) => ({
        question: r.question,
        down: Number(r.down),
        up: Number(r.up),
        lastAskedAt: Number(r.last_asked_at),
        ...(r.story_slug !== null ? { storySlug: r.story_slug } : {}),
        ...(r.paragraph !== null ? { paragraph: Number(r.paragraph) } : {}),
      })),
    };
  }

  async purgeQuestions(before: number): Promise<number> {
    return this.transaction(async (client) => {
      await this.query(
        'DELETE FROM votes WHERE question_id IN (SELECT id FROM questions WHERE asked_at < ?)',
        [before],
        client,
      );
      const result = await client.query(numberPlaceholders('DELETE FROM questions WHERE asked_at < ?'), [before]);
      return result.rowCount ?? 0;
    });
  }

  async setting(name: string, create: () => string): Promise<string> {
    await this.query('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [
      name,
      create(),
    ]);
    const [row] = await this.query<{ value: string }>('SELECT value FROM settings WHERE name = ?', [name]);
    return row.value;
  }

  async close(): Promise<void> {
    await Promise.all([...this.watches].map((stop) => stop()));
    await this.pool.end().catch(() => undefined);
  }
}
