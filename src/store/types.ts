/**
 * What storybot keeps in its database: the stories each server added, the questions asked in
 * servers (never who asked), and votes on answers (keyed by a salted hash). One interface, so the
 * embedded SQLite store (default) and the Postgres store (DATABASE_URL) are interchangeable; every
 * method is asynchronous for that reason, even where SQLite answers at once.
 */

/** A story a server added, without its text. */
/** One member's vote on one logged answer (`voter` is the salted hash, never the member id). */
export interface VoteInput {
  questionId: string;
  guildId: string;
  voter: string;
  vote: 1 | -1;
  at: number;
}

export interface StoredStoryInfo {
  id: string;
  guildId: string;
  /** The story's name in citations, buttons and the `story` option; unique within the server. */
  slug: string;
  title: string;
  fileName: string;
  paragraphs: number;
  sizeBytes: number;
  /** Hex SHA-256 of the UTF-8 text as stored. */
  sha256: string;
  /** The Discord user id of the admin who added it. */
  addedBy: string;
  /** Milliseconds since the epoch. */
  addedAt: number;
}

export interface StoredStory extends StoredStoryInfo {
  /** The text, as uploaded (decoded UTF-8). */
  body: string;
}

export type NewStory = Omit<StoredStory, 'id'> & {
  /** The title as compared for duplicates (case-folded). */
  titleKey: string;
};

export type AddStoryResult =
  /** `version`: the server's stories version this add made (see `storiesVersion`). */
  | { ok: true; story: StoredStoryInfo; version: number }
  | { ok: false; reason: 'duplicate-title'; existing: string }
  | { ok: false; reason: 'duplicate-slug' }
  | { ok: false; reason: 'too-many'; limit: number };

export interface QuestionEntry {
  /** Made by the caller, so an answer's vote buttons can name it before the row is written. */
  id: string;
  guildId: string;
  /** Normalized (case-folded, punctuation and spacing collapsed). */
  question: string;
  askedAt: number;
  answered: boolean;
  /** The story and paragraph cited first, when there was one. */
  storySlug?: string;
  paragraph?: number;
}

export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'unknown-answer';

export interface GapRow {
  question: string;
  /** Times asked within the window. */
  asked: number;
  lastAskedAt: number;
}

export interface DownvotedRow {
  question: string;
  down: number;
  up: number;
  storySlug?: string;
  paragraph?: number;
  lastAskedAt: number;
}

export interface Gaps {
  unanswered: GapRow[];
  downvoted: DownvotedRow[];
}

/** A story removed, with the server's stories version the removal made. */
export interface RemovedStory extends StoredStoryInfo {
  version: number;
}

/** A server's stories changed (in this process or another) and are now at `version`. */
export interface StoryChange {
  guildId: string;
  version: number;
}

export interface StoryWatch {
  stop(): Promise<void>;
}

export interface Store {
  /** `sqlite` or `postgres`: for log lines. */
  readonly kind: string;
  /** The schema version the database is at after opening. */
  readonly schemaVersion: number;

  /** The server's stories, oldest first, without their text. */
  listStories(guildId: string): Promise<StoredStoryInfo[]>;
  /** The server's stories with their text, oldest first. */
  loadStories(guildId: string): Promise<StoredStory[]>;
  /**
   * Adds a story in one transaction, checking inside it that the server is under `maxPerServer`
   * and has no story of that title or slug: concurrent adds cannot pass the limit together.
   */
  addStory(story: NewStory, limits: { maxPerServer: number }): Promise<AddStoryResult>;
  /** Removes one of the server's stories by slug; undefined when the server has none by that name. */
  removeStory(guildId: string, slug: string): Promise<RemovedStory | undefined>;
  /**
   * The version of the server's stories: 0 before any change, then bumped by every add and
   * remove in the same transaction. Several processes share one database (shards, HTTP replicas):
   * a library built at an older version than the database's is stale.
   */
  storiesVersion(guildId: string): Promise<number>;
  /**
   * Tells `listener` of changes to any server's stories made by other processes (its own may be
   * reported too): Postgres by LISTEN/NOTIFY, SQLite by watching the file's data version. `null`
   * means changes may have been missed (the connection was lost): forget every copy.
   */
  watchStories(listener: (change: StoryChange | null) => void): Promise<StoryWatch>;

  logQuestion(entry: QuestionEntry): Promise<void>;
  /** One vote per voter per answer; voting again replaces the vote. The answer must be this server's. */
  vote(input: VoteInput): Promise<VoteOutcome>;
  /** Unanswered questions (grouped, most asked first) and answers voted down, since `since`. */
  gaps(guildId: string, since: number, limit: number): Promise<Gaps>;
  /** Deletes question rows (and their votes) older than `before`; returns how many questions went. */
  purgeQuestions(before: number): Promise<number>;

  /** A value kept once per installation (the vote salt), made by `create` the first time. */
  setting(name: string, create: () => string): Promise<string>;

  close(): Promise<void>;
}
