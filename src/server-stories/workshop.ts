/**
 * Where a server's story text is read and its library built. Both are CPU work that grows with
 * the story (a 1 MB story takes hundreds of milliseconds to parse, index and summarize), so a
 * running bot does them on a worker thread (worker-workshop.ts) and answers other servers
 * meanwhile; tests and tools may do them here, in this thread.
 */
import type { CacheEvent } from '../answer/library-cache.js';
import type { Library } from '../answer/library.js';
import { SUMMARY_LENGTHS } from '../answer/summary.js';
import { loadWordData } from '../search/word-data.js';
import { parseStory } from '../story/load.js';
import type { Story } from '../story/types.js';
import { forgetServerCache, serverLibrary, type ServerLibrary } from './library-cache.js';
import { readUpload, type ReadUpload, type UploadCheck, type UploadedStory } from './upload.js';

/** A server's story as stored: its text and the names it was given. */
export interface StorySource {
  slug: string;
  title: string;
  body: string;
  fileName: string;
}

/** What reading an upload tells (without the parsed paragraphs, which the build makes again). */
export interface InspectedUpload extends Omit<UploadedStory, 'story'> {
  title: string;
  paragraphs: number;
}

export interface Workshop {
  /** Decodes and parses an upload by the rules of files on disk; a refusal names the problem. */
  inspect(input: ReadUpload): Promise<UploadCheck<InspectedUpload>>;
  /**
   * The library of the shipped stories plus these, with the summaries of the `warm` stories made
   * ahead (a 1 MB story's summary takes as long as its index). With `guildId` (and a cache
   * folder) it is read from that server's index cache file when that fits, else built and the
   * file written.
   */
  build(own: readonly StorySource[], warm?: readonly string[], guildId?: string): Promise<Library>;
  /** Removes the server's index cache file (its last story was removed). */
  forget(guildId: string): Promise<void>;
  close(): Promise<void>;
}

/** The index cache for server libraries (INDEX_CACHE_DIR). */
export interface WorkshopCache {
  /** Folder of cache files; undefined: none (every library is built). */
  cacheDir?: string;
  /** Told what the cache did for a server's library (loaded, written, not written). */
  onCache?: (guildId: string, event: CacheEvent) => void;
}

/** A stored story read back with today's parser; its slug is its id, its stored title its title. */
export function storyFromSource(source: StorySource): Story {
  const parsed = parseStory(source.body, source.slug, source.fileName);
  return { ...parsed, id: source.slug, title: source.title };
}

export function inspectUpload(input: ReadUpload): UploadCheck<InspectedUpload> {
  const read = readUpload(input);
  if (!read.ok) return read;
  const { story, ...rest } = read.value;
  return { ok: true, value: { ...rest, title: story.title, paragraphs: story.paragraphs.length } };
}

/**
 * A server's library from the shipped stories and its own (parsed here), or from the server's
 * index cache file when `cache` is given and the file fits (see library-cache.ts).
 */
export function prepareLibrary(
  shipped: readonly Story[],
  own: readonly StorySource[],
  warm: readonly string[] = [],
  cache?: { dir: string; guildId: string },
): ServerLibrary {
  const prepared = serverLibrary(shipped, own, storyFromSource, loadWordData(), cache);
  for (const id of warm) for (const length of SUMMARY_LENGTHS) prepared.library.summarize({ story: id, length });
  return prepared;
}

/** Builds a server's library from the shipped stories and its own (parsed here). */
export function buildLibrary(
  shipped: readonly Story[],
  own: readonly StorySource[],
  warm: readonly string[] = [],
): Library {
  return prepareLibrary(shipped, own, warm).library;
}

/** Everything on the calling thread: simple, and what the worker itself runs. */
export class InThreadWorkshop implements Workshop {
  constructor(
    private readonly shipped: readonly Story[],
    private readonly cache: WorkshopCache = {},
  ) {}

  async inspect(input: ReadUpload): Promise<UploadCheck<InspectedUpload>> {
    return inspectUpload(input);
  }

  async build(own: readonly StorySource[], warm: readonly string[] = [], guildId?: string): Promise<Library> {
    const { cacheDir: dir, onCache } = this.cache;
    const cache = dir !== undefined && guildId !== undefined ? { dir, guildId } : undefined;
    const prepared = prepareLibrary(this.shipped, own, warm, cache);
    if (cache) {
      const event = prepared.event ?? prepared.save?.();
      if (event) onCache?.(cache.guildId, event);
    }
    return prepared.library;
  }

  async forget(guildId: string): Promise<void> {
    if (this.cache.cacheDir !== undefined) await forgetServerCache({ dir: this.cache.cacheDir, guildId });
  }

  async close(): Promise<void> {}
}
