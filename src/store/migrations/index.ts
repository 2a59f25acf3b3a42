/**
 * The database schema as ordered, versioned migrations. Each one runs once, in order, in its own
 * transaction, and is recorded in `schema_migrations`; a migration is never edited once released
 * (add a new one instead).
 *
 * The SQL is written to run unchanged on SQLite and on Postgres (issue 15 adds a Postgres store
 * on the same migrations): ids are TEXT made by the application (no AUTOINCREMENT / SERIAL),
 * times are BIGINT milliseconds since the epoch, flags are SMALLINT 0/1, and there are no
 * engine-specific types, defaults or triggers.
 */
export interface Migration {
  /** 1, 2, 3…: the order they run in and the schema version they leave behind. */
  version: number;
  name: string;
  /** Statements run in order inside one transaction. */
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'server stories',
    statements: [
      `CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        file_name TEXT NOT NULL,
        body TEXT NOT NULL,
        paragraphs INTEGER NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        CONSTRAINT stories_slug_unique UNIQUE (guild_id, slug),
        CONSTRAINT stories_title_unique UNIQUE (guild_id, title_key)
      )`,
      `CREATE INDEX stories_by_guild ON stories (guild_id, added_at)`,
    ],
  },
  {
    version: 2,
    name: 'questions log and votes',
    statements: [
      // One row per question asked in a server: never who asked it.
      `CREATE TABLE questions (
        id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        question TEXT NOT NULL,
        asked_at BIGINT NOT NULL,
        answered SMALLINT NOT NULL CHECK (answered IN (0, 1)),
        story_slug TEXT,
        paragraph INTEGER
      )`,
      `CREATE INDEX questions_by_guild_time ON questions (guild_id, asked_at)`,
      `CREATE INDEX questions_by_time ON questions (asked_at)`,
      // A vote on the answer to one question; `voter` is a salted hash, for de-duplication only.
      `CREATE TABLE votes (
        question_id TEXT NOT NULL,
        voter TEXT NOT NULL,
        vote SMALLINT NOT NULL CHECK (vote IN (-1, 1)),
        voted_at BIGINT NOT NULL,
        PRIMARY KEY (question_id, voter)
      )`,
      // Installation secrets (the vote salt), made once.
      `CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'story versions',
    statements: [
      // Bumped in the transaction of every add and remove: other processes (shards, HTTP
      // replicas) compare it with the version their copy of the server's library was built at.
      `CREATE TABLE story_versions (
        guild_id TEXT PRIMARY KEY,
        version BIGINT NOT NULL
      )`,
    ],
  },
];

/** The schema version this build of storybot writes. */
export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
