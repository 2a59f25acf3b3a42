/**
 * A server's library through the index cache (INDEX_CACHE_DIR), as the shipped stories' is
 * (src/answer/library-cache.ts): one file per server with stories of its own
 * (`server-<id>.sbindex`), holding the parsed stories and the built index of the shipped stories
 * plus the server's. Its key hashes the storybot build, the shipped stories and the server's own
 * (slug, title, file name and text, in order), so an added, removed or changed story, another
 * STORY_PATH or a new storybot all make the file stale. A file that fits is loaded instead of
 * parsing and indexing; one that is missing, stale, truncated, corrupt or of another version is
 * never served: the library is built and the file replaced. This runs where builds run (the
 * worker thread in a running bot), so reading or writing a file never holds up answers.
 */
import { rm } from 'node:fs/promises';
import { INDEX_CACHE_VERSION, storybotFingerprint, type CacheEvent } from '../answer/library-cache.js';
import { Library } from '../answer/library.js';
import { readCacheFile, writeCacheFile } from '../search/index-cache/file.js';
import { CacheRejected } from '../search/index-cache/format.js';
import { indexFromSections, indexToSections } from '../search/index-cache/index-sections.js';
import { cacheFilePath, contentKey, type KeyPart } from '../search/index-cache/key.js';
import { storedStories, storiesFromSections, storiesToSections } from '../search/index-cache/stories.js';
import { SearchIndex } from '../search/index.js';
import type { WordData } from '../search/word-data.js';
import type { Story } from '../story/types.js';

/** Where a server's cache file is: the cache folder and the server's id. */
export interface ServerCache {
  dir: string;
  guildId: string;
}

/** A server's story as stored (the Workshop's StorySource). */
interface OwnStory {
  slug: string;
  title: string;
  body: string;
  fileName: string;
}

export function serverCacheFile(cache: ServerCache): string {
  return cacheFilePath(cache.dir, { server: cache.guildId });
}

const shippedKeys = new WeakMap<readonly Story[], string>();

/** A hash of the shipped stories' ids, titles and texts: once per list (at scale, 150 MB of text). */
function shippedKey(shipped: readonly Story[]): string {
  let key = shippedKeys.get(shipped);
  if (key === undefined) {
    const parts = function* (): Iterable<KeyPart> {
      for (const story of shipped) {
        yield { name: 'story', content: `${story.id}\n${story.title}` };
        for (const paragraph of story.paragraphs) yield { name: 'p', content: paragraph.text };
      }
    };
    key = contentKey(parts());
    shippedKeys.set(shipped, key);
  }
  return key;
}

/** The key of a server's library: the storybot build, the shipped stories and the server's own, in order. */
export function serverLibraryKey(shipped: readonly Story[], own: readonly OwnStory[]): string {
  return contentKey([
    { name: 'storybot', content: storybotFingerprint() },
    { name: 'shipped', content: shippedKey(shipped) },
    ...own.flatMap((s) => [
      { name: 'slug', content: s.slug },
      { name: 'title', content: s.title },
      { name: 'file', content: s.fileName },
      { name: 'body', content: s.body },
    ]),
  ]);
}

type Loaded = { ok: true; library: Library; bytes: number } | { ok: false; reason: string };

/**
 * The library from the cache file when it holds exactly these stories; the shipped stories are
 * the very objects given (not the file's copies), so they stay shared with the main thread.
 */
function loadFromFile(file: string, key: string, shipped: readonly Story[], wordData: WordData): Loaded {
  const read = readCacheFile(file, INDEX_CACHE_VERSION, key);
  if (!read.ok) return { ok: false, reason: read.reason };
  try {
    const stored = storedStories(read.sections);
    const prebuilt = indexFromSections(read.sections, stored.texts, wordData);
    const restored = storiesFromSections(stored, prebuilt.sentenceTable());
    const sameShipped =
      restored.length > shipped.length &&
      shipped.every((s, i) => restored[i].id === s.id && restored[i].paragraphs.length === s.paragraphs.length);
    if (!sameShipped) throw new CacheRejected('corrupt', 'the shipped stories differ');
    const stories = [...shipped, ...restored.slice(shipped.length)];
    return { ok: true, library: Library.fromStories(stories, wordData, { prebuilt }), bytes: read.bytes };
  } catch (err) {
    // Anything else a file could make go wrong costs a rebuild too, never the server's library.
    return { ok: false, reason: err instanceof CacheRejected ? err.reason : 'unreadable' };
  }
}

export interface ServerLibrary {
  library: Library;
  /** What the cache did (loaded), when it was asked. */
  event?: CacheEvent;
  /** For a library built with the cache on: writes its file (call it once the library is handed on). */
  save?: () => CacheEvent;
}

/**
 * The library of the shipped stories plus a server's own: from the server's cache file when it
 * fits, else built (its own parsed by `parse`). Without `cache` (or own stories), built as always.
 */
export function serverLibrary(
  shipped: readonly Story[],
  own: readonly OwnStory[],
  parse: (source: OwnStory) => Story,
  wordData: WordData,
  cache?: ServerCache,
): ServerLibrary {
  // No stories of its own: the shipped library's own cache serves (a server's file is never empty).
  if (!cache || own.length === 0) return { library: Library.fromStories([...shipped, ...own.map(parse)], wordData) };
  const started = performance.now();
  const file = serverCacheFile(cache);
  const key = serverLibraryKey(shipped, own);
  const loaded = loadFromFile(file, key, shipped, wordData);
  if (loaded.ok)
    return {
      library: loaded.library,
      event: { kind: 'loaded', file, bytes: loaded.bytes, ms: performance.now() - started },
    };
  const stories = [...shipped, ...own.map(parse)];
  const index = SearchIndex.build(
    stories.flatMap((s) => s.paragraphs),
    wordData,
  );
  const library = Library.fromStories(stories, wordData, { prebuilt: index });
  const save = (): CacheEvent => {
    const writing = performance.now();
    try {
      const bytes = writeCacheFile(file, INDEX_CACHE_VERSION, key, {
        ...storiesToSections(stories),
        // Without vector records: a server's library goes to the main thread as a snapshot, which
        // cannot carry a reader of the file; its vectors are made as questions reach its paragraphs.
        ...indexToSections(index, { vectors: false }),
      });
      return { kind: 'written', file, bytes, ms: performance.now() - writing, why: loaded.reason };
    } catch (err) {
      return { kind: 'write-failed', file, message: err instanceof Error ? err.message : String(err) };
    }
  };
  return { library, save };
}

/** Removes a server's cache file (its last story went); a file that cannot be removed is only stale. */
export async function forgetServerCache(cache: ServerCache): Promise<void> {
  await rm(serverCacheFile(cache), { force: true }).catch(() => undefined);
}
