/**
 * The store for more than one process or machine: Postgres through the `pg` driver, chosen by
 * DATABASE_URL. Same interface, same migrations and same schema as SQLite (the migration runner
 * is shared; `?` placeholders are numbered here). Several shards and HTTP replicas share it:
 * each add or remove bumps the server's stories version and sends a NOTIFY in its own
 * transaction, so every other process hears of the change when it commits (`watchStories`).
 */
import pg from 'pg';
import { migrate, schemaVersion } from './migrate.js';
import {
  describeUrl,
  MIGRATION_LOCK,
  migrationTarget,
  numberPlaceholders,
  oneLine,
  STORIES_CHANNEL,
  type Queryable,
} from './postgres-sql.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import {
  BUMP_STORIES_VERSION,
  DOWNVOTED_GAPS,
  INSERT_QUESTION,
  questionParams,
  UNANSWERED_GAPS,
} from './shared-sql.js';
import { StoreError } from './errors.js';
import { listenForStories } from './postgres-listen.js';
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
  VoteInput,
  VoteOutcome,
} from './types.js';

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

  /** Story changes from every process (see `listenForStories`); stopped with the store. */
  async watchStories(listener: (change: StoryChange | null) => void): Promise<StoryWatch> {
    const watch = await listenForStories(this.url, this.options, listener);
    const stop = async () => {
      this.watches.delete(stop);
      await watch.stop();
    };
    this.watches.add(stop);
    return { stop };
  }

  async logQuestion(entry: QuestionEntry): Promise<void> {
    await this.query(INSERT_QUESTION, questionParams(entry));
  }

  async vote(input: VoteInput): Promise<VoteOutcome> {
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
