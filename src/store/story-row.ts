// A stories row as both stores read it (the same columns in SQLite and Postgres), and the
// StoredStoryInfo it becomes: one definition, so the two engines cannot drift apart.
import type { StoredStoryInfo } from './types.js';

export const INFO_COLUMNS = 'id, guild_id, slug, title, file_name, paragraphs, size_bytes, sha256, added_by, added_at';

export interface StoryRow {
  id: string;
  guild_id: string;
  slug: string;
  title: string;
  file_name: string;
  paragraphs: number;
  size_bytes: number;
  sha256: string;
  added_by: string;
  /** A number from SQLite; pg returns BIGINT as a string. */
  added_at: number | string;
  body?: string;
}

export function storyInfo(row: StoryRow): StoredStoryInfo {
  return {
    id: row.id,
    guildId: row.guild_id,
    slug: row.slug,
    title: row.title,
    fileName: row.file_name,
    paragraphs: Number(row.paragraphs),
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    addedBy: row.added_by,
    addedAt: Number(row.added_at),
  };
}
