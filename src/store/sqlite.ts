/**
 * The default store: SQLite through better-sqlite3, in one file (DATABASE_PATH). WAL mode, so
 * readers never wait for a writer and a crash (even SIGKILL) leaves every committed transaction
 * and nothing of an uncommitted one. better-sqlite3 is synchronous; each method does its work in
 * one short transaction and returns a settled promise, which keeps the Store interface the same
 * as an asynchronous engine's.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion, type MigrationTarget, type SqlExecutor } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { StoreError } from './errors.js';
import { INFO_COLUMNS, storyInfo, type StoryRow } from './story-row.js';
import { newId } from './ids.js';
import {
  BUMP_STORIES_VERSION,
  DOWNVOTED_GAPS,
  INSERT_QUESTION,
  questionParams,
  UNANSWERED_GAPS,
} from './shared-sql.js';
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

type Db = Database.Database;

/** better-sqlite3 takes no booleans; SQLite has no BIGINT beyond what a JS number holds here. */
function bind(params: readonly unknown[] = []): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/** The migration runner's view of a connection. */
function migrationTarget(db: Db): MigrationTarget {
  const executor: SqlExecutor = {
    run: async (sql, params) => void db.prepare(sql).run(...bind(params)),
    all: async <T>(sql: string, params?: readonly unknown[]) => db.prepare(sql).all(...bind(params)) as T[],
  };
  return {
    ...executor,
    async exclusive(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(executor);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

export interface SqliteStoreOptions {
  /** Migrations to run (tests); the shipped ones by default. */
  migrations?: readonly Migration[];
  /** How often `watchStories` looks for commits by other processes (default 250 ms). */
  watchEveryMs?: number;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private constructor(
    private readonly db: Db,
    readonly path: string,
    readonly schemaVersion: number,
    private readonly watchEveryMs: number,
  ) {}

  /** Opens (creating the file and its folder when missing) and migrates the database at `path`. */
  static async open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    let db: Db;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      // NORMAL is durable against a crash of the process (SIGKILL); only an OS crash may lose
      // the last commits, never corrupt the file.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
    } catch (error) {
      throw new StoreError(
        `Cannot open the database at ${path} (${describe(error)}): check DATABASE_PATH and that its folder is writable.`,
        { cause: error },
      );
    }
    try {
      await migrate(migrationTarget(db), options.migrations ?? MIGRATIONS);
      const version = await schemaVersion(migrationTarget(db));
      return new SqliteStore(db, path, version, options.watchEveryMs ?? 250);
    } catch (error) {
      db.close();
      if (error instanceof Error && error.name === 'SchemaError')
        throw new StoreError(`Database ${path}: ${error.message}`, { cause: error });
      throw new StoreError(
        `Cannot prepare the database at ${path} (${describe(error)}): restore a backup or move the file away to start afresh.`,
        { cause: error },
      );
    }
  }

  async listStories(guildId: string): Promise<StoredStoryInfo[]> {
    const rows = this.db
      .prepare(`SELECT ${INFO_COLUMNS} FROM stories WHERE guild_id = ? ORDER BY added_at, id`)
      .all(guildId) as StoryRow[];
    return rows.map(storyInfo);
  }

  async loadStories(guildId: string): Promise<StoredStory[]> {
    const rows = this.db
      .prepare(`SELECT ${INFO_COLUMNS}, body FROM stories WHERE guild_id = ? ORDER BY added_at, id`)
      .all(guildId) as StoryRow[];
    return rows.map((row) => ({ ...storyInfo(row), body: row.body ?? '' }));
  }

  async addStory(story: NewStory, limits: { maxPerServer: number }): Promise<AddStoryResult> {
    const id = newId();
    const add = this.db.transaction((): AddStoryResult => {
      const { count } = this.db
        .prepare('SELECT COUNT(*) AS count FROM stories WHERE guild_id = ?')
        .get(story.guildId) as { count: number };
      if (count >= limits.maxPerServer) return { ok: false, reason: 'too-many', limit: limits.maxPerServer };
      const sameTitle = this.db
        .prepare('SELECT title FROM stories WHERE guild_id = ? AND title_key = ?')
        .get(story.guildId, story.titleKey) as { title: string } | undefined;
      if (sameTitle) return { ok: false, reason: 'duplicate-title', existing: sameTitle.title };
      if (this.db.prepare('SELECT 1 FROM stories WHERE guild_id = ? AND slug = ?').get(story.guildId, story.slug))
        return { ok: false, reason: 'duplicate-slug' };
      this.db
        .prepare(
          `INSERT INTO stories (id, guild_id, slug, title, title_key, file_name, body, paragraphs, size_bytes, sha256, added_by, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
        );
      const version = this.bumpVersion(story.guildId);
      const { body: _body, titleKey: _key, ...rest } = story;
      return { ok: true, story: { id, ...rest }, version };
    });
    return add.immediate();
  }

  async removeStory(guildId: string, slug: string): Promise<RemovedStory | undefined> {
    const remove = this.db.transaction(() => {
      const row = this.db
        .prepare(`SELECT ${INFO_COLUMNS} FROM stories WHERE guild_id = ? AND slug = ?`)
        .get(guildId, slug) as StoryRow | undefined;
      if (!row) return undefined;
      this.db.prepare('DELETE FROM stories WHERE id = ?').run(row.id);
      return { ...storyInfo(row), version: this.bumpVersion(guildId) };
    });
    return remove.immediate();
  }

  private bumpVersion(guildId: string): number {
    return Number((this.db.prepare(BUMP_STORIES_VERSION).get(guildId) as { version: number }).version);
  }

  async storiesVersion(guildId: string): Promise<number> {
    const row = this.db.prepare('SELECT version FROM story_versions WHERE guild_id = ?').get(guildId) as
      { version: number } | undefined;
    return row ? Number(row.version) : 0;
  }

  /**
   * Other processes on the same file (shards, an HTTP endpoint beside the gateway) commit without
   * telling this one: SQLite's `data_version` changes when they do, and only then are the
   * versions read again and compared.
   */
  async watchStories(listener: (change: StoryChange | null) => void): Promise<StoryWatch> {
    const readVersions = () =>
      new Map(
        (
          this.db.prepare('SELECT guild_id, version FROM story_versions').all() as Array<{
            guild_id: string;
            version: number;
          }>
        ).map((r) => [r.guild_id, Number(r.version)]),
      );
    const dataVersion = () => Number(this.db.pragma('data_version', { simple: true }));
    let seen = dataVersion();
    let known = readVersions();
    const timer = setInterval(() => {
      if (!this.db.open) return;
      try {
        const now = dataVersion();
        if (now === seen) return;
        seen = now;
        const versions = readVersions();
        for (const [guildId, version] of versions) if (version !== known.get(guildId)) listener({ guildId, version });
        known = versions;
      } catch {
        listener(null);
      }
    }, this.watchEveryMs);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  }

  async logQuestion(entry: QuestionEntry): Promise<void> {
    this.db.prepare(INSERT_QUESTION).run(...questionParams(entry));
  }

  async vote(input: VoteInput): Promise<VoteOutcome> {
    const vote = this.db.transaction((): VoteOutcome => {
      const question = this.db.prepare('SELECT guild_id FROM questions WHERE id = ?').get(input.questionId) as
        { guild_id: string } | undefined;
      if (!question || question.guild_id !== input.guildId) return 'unknown-answer';
      const existing = this.db
        .prepare('SELECT vote FROM votes WHERE question_id = ? AND voter = ?')
        .get(input.questionId, input.voter) as { vote: number } | undefined;
      if (existing?.vote === input.vote) return 'unchanged';
      this.db
        .prepare(
          `INSERT INTO votes (question_id, voter, vote, voted_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (question_id, voter) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
        )
        .run(input.questionId, input.voter, input.vote, input.at);
      return existing ? 'changed' : 'recorded';
    });
    return vote.immediate();
  }

  async gaps(guildId: string, since: number, limit: number): Promise<Gaps> {
    const unanswered = this.db.prepare(UNANSWERED_GAPS).all(guildId, since, limit) as Array<{
      question: string;
      asked: number;
      last_asked_at: number;
    }>;
    const downvoted = this.db.prepare(DOWNVOTED_GAPS).all(guildId, since, limit) as Array<{
      question: string;
      story_slug: string | null;
      paragraph: number | null;
      down: number;
      up: number;
      last_asked_at: number;
    }>;
    return {
      unanswered: unanswered.map((r) => ({ question: r.question, asked: r.asked, lastAskedAt: r.last_asked_at })),
      downvoted: downvoted.map((r) => ({
        question: r.question,
        down: r.down,
        up: r.up,
        lastAskedAt: r.last_asked_at,
        ...(r.story_slug !== null ? { storySlug: r.story_slug } : {}),
        ...(r.paragraph !== null ? { paragraph: r.paragraph } : {}),
      })),
    };
  }

  async purgeQuestions(before: number): Promise<number> {
    const purge = this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM votes WHERE question_id IN (SELECT id FROM questions WHERE asked_at < ?)')
        .run(before);
      return this.db.prepare('DELETE FROM questions WHERE asked_at < ?').run(before).changes;
    });
    return purge.immediate();
  }

  async setting(name: string, create: () => string): Promise<string> {
    const get = this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING')
        .run(name, create());
      return (this.db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as { value: string }).value;
    });
    return get.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** For tests and the admin guide's backup: a consistent copy while the bot runs. */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  /** For tests: SQLite's own consistency check ("ok" when sound). */
  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
