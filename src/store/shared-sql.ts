/**
 * Statements both stores run as they are (SQLite directly, Postgres with its placeholders
 * numbered): one text, so the two engines cannot drift apart.
 */
import type { QuestionEntry } from './types.js';

/** Bumps a server's stories version inside the caller's transaction and returns the new one. */
export const BUMP_STORIES_VERSION = `INSERT INTO story_versions (guild_id, version) VALUES (?, 1)
  ON CONFLICT (guild_id) DO UPDATE SET version = story_versions.version + 1 RETURNING version`;

/** Unanswered questions of a server since a time, grouped, most asked first: (guild, since, limit). */
export const UNANSWERED_GAPS = `SELECT question, COUNT(*) AS asked, MAX(asked_at) AS last_asked_at FROM questions
  WHERE guild_id = ? AND asked_at >= ? AND answered = 0
  GROUP BY question ORDER BY asked DESC, last_asked_at DESC, question LIMIT ?`;

/** Answers voted down in a server since a time, most down-votes first: (guild, since, limit). */
export const DOWNVOTED_GAPS = `SELECT q.question AS question, q.story_slug AS story_slug, q.paragraph AS paragraph,
         SUM(CASE WHEN v.vote < 0 THEN 1 ELSE 0 END) AS down,
         SUM(CASE WHEN v.vote > 0 THEN 1 ELSE 0 END) AS up,
         MAX(q.asked_at) AS last_asked_at
  FROM questions q JOIN votes v ON v.question_id = q.id
  WHERE q.guild_id = ? AND q.asked_at >= ?
  GROUP BY q.question, q.story_slug, q.paragraph
  HAVING SUM(CASE WHEN v.vote < 0 THEN 1 ELSE 0 END) > 0
  ORDER BY down DESC, last_asked_at DESC, q.question LIMIT ?`;

/** Logs one question: with {@link questionParams}. */
export const INSERT_QUESTION =
  'INSERT INTO questions (id, guild_id, question, asked_at, answered, story_slug, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** {@link INSERT_QUESTION}'s parameters, in its order. */
export function questionParams(entry: QuestionEntry): (string | number | null)[] {
  return [
    entry.id,
    entry.guildId,
    entry.question,
    entry.askedAt,
    entry.answered ? 1 : 0,
    entry.storySlug ?? null,
    entry.paragraph ?? null,
  ];
}
