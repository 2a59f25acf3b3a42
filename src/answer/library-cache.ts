/**
 * Loading a library through the index cache (INDEX_CACHE_DIR): the story files are read and
 * hashed; when a cache file for that story path holds exactly those stories, built by this same
 * storybot, the library comes from it; otherwise the stories are parsed and indexed as always and
 * the cache file is (re)written for next time. A cache file that is missing, stale, truncated,
 * corrupt or of another format is never served, only replaced; a folder that cannot be written
 * costs the cache, never the start.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCacheFile, writeCacheFile } from '../search/index-cache/file.js';
import { CacheRejected } from '../search/index-cache/format.js';
import { buildFingerprint, cacheFilePath, ContentKey, type CacheScope } from '../search/index-cache/key.js';
import { storedStories, storiesFromSections, storiesToSections } from '../search/index-cache/stories.js';
import { defaultLexiconPath } from '../search/lexicon/paths.js';
import { defaultVectorsPath } from '../search/vectors/load.js';
import { compactStories, storeStory } from '../story/compact.js';
import { TextStore } from '../story/text-store.js';
import { parseStoryFile, readStoryFile, readStoryFiles, type StoryFile } from '../story/load.js';
import type { Story } from '../story/types.js';
import type { Logger } from '../log.js';
import { Library, type LibraryOptions } from './library.js';
import { SearchIndex } from '../search/index.js';
import { DEFERRED_INDEX_SECTIONS, indexFromSections, indexToSections } from '../search/index-cache/index-sections.js';
import { loadWordData, type WordData } from '../search/word-data.js';

/**
 * The cache file's format version: bump it when what is stored changes shape. (Code and data
 * changes are caught anyway by the build fingerprint in the key.)
 */
export const INDEX_CACHE_VERSION = 4;

/** What the cache did for one load, for a log line. */
export type CacheEvent =
  | { kind: 'loaded'; file: string; bytes: number; ms: number }
  | { kind: 'written'; file: string; bytes: number; ms: number; why: string }
  | { kind: 'write-failed'; file: string; message: string };

export interface CachedLibraryOptions extends LibraryOptions {
  /** Folder of cache files; undefined: no cache (parse and build every time). */
  cacheDir?: string;
  onCache?: (event: CacheEvent) => void;
}

let fingerprint: string | undefined;

/** The code and data the index is built with (see buildFingerprint), once per process. */
export function storybotFingerprint(): string {
  fingerprint ??= buildFingerprint(
    [fileURLToPath(new URL('../search/', import.meta.url)), fileURLToPath(new URL('../story/', import.meta.url))],
    [defaultLexiconPath(), defaultVectorsPath()],
  );
  return fingerprint;
}

/** A stories key begun: the build, then each file's name and bytes are added (see storiesKey). */
function storiesKeyBegun(): ContentKey {
  const key = new ContentKey();
  key.add({ name: 'storybot', content: storybotFingerprint() });
  return key;
}

/** The key of these story files for this storybot: their names and bytes, and the build. */
export function storiesKey(files: readonly { path: string; bytes: Uint8Array }[]): string {
  const key = storiesKeyBegun();
  for (const f of files) key.add({ name: basename(f.path), content: f.bytes });
  return key.digest();
}

/** Parses the files, letting go of each file's bytes once parsed (at scale they weigh as much as the stories). */
async function parseAll(files: StoryFile[]): Promise<Story[]> {
  const stories: Story[] = [];
  for (let file = files.shift(); file !== undefined; file = files.shift()) stories.push(await parseStoryFile(file));
  return stories;
}

/**
 * Reads and parses the story files one at a time, each story moved into one TextStore as soon as
 * it is parsed: only one file's bytes, strings and Sentence objects are held at once (at 200,000
 * paragraphs all the files' bytes were 150 MB, their strings and objects 300 MB). Keyed by the
 * bytes parsed, should a file have changed since the key the cache was looked up by.
 */
async function readIntoStore(paths: readonly string[], bytes: number): Promise<Rebuilt> {
  const key = storiesKeyBegun();
  // The paragraphs' UTF-8 is at most about the files' size: one allocation, rarely grown.
  const texts = new TextStore(bytes);
  const stories: Story[] = [];
  for (const path of paths) {
    const file = await readStoryFile(path);
    key.add({ name: basename(path), content: file.bytes });
    stories.push(storeStory(await parseStoryFile(file), texts));
  }
  return { key: key.digest(), stories, texts };
}

interface Rebuilt {
  key: string;
  stories: Story[];
  texts: TextStore;
}

/** Like loadLibrary, through the cache in `options.cacheDir`; throws StoryLoadError and word-data errors as it does. */
export async function loadLibraryCached(path: string, options: CachedLibraryOptions = {}): Promise<Library> {
  const { cacheDir, onCache, ...libraryOptions } = options;
  const wordData = loadWordData();
  const files = await readStoryFiles(path);
  // Index options of its own (tests, tools) would need their own key: such a library is built.
  if (cacheDir === undefined || libraryOptions.index !== undefined)
    return Library.fromStories(await parseAll(files), wordData, libraryOptions);
  const key = storiesKey(files);
  // The bytes go once keyed: a load from the cache needs only the key, and a build reads each file
  // again when it parses it (from the page cache: cheaper than holding them all).
  const paths = files.map((f) => f.path);
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  files.length = 0;
  return fromCacheOrBuild(
    cacheDir,
    { storyPath: path },
    key,
    () => readIntoStore(paths, bytes),
    wordData,
    libraryOptions,
    onCache,
  );
}

async function fromCacheOrBuild(
  cacheDir: string,
  scope: CacheScope,
  key: string,
  rebuild: () => Promise<Rebuilt>,
  wordData: WordData,
  options: LibraryOptions,
  onCache?: (event: CacheEvent) => void,
): Promise<Library> {
  const file = cacheFilePath(cacheDir, scope);
  const started = performance.now();
  // The vectors stay in the file, read a paragraph at a time as questions reach it.
  const read = readCacheFile(file, INDEX_CACHE_VERSION, key, DEFERRED_INDEX_SECTIONS);
  let why = read.ok ? '' : read.reason;
  if (read.ok) {
    try {
      const stored = storedStories(read.sections);
      const prebuilt = indexFromSections(read.sections, stored.texts, wordData, read.deferred);
      const stories = storiesFromSections(stored, prebuilt.sentenceTable());
      const library = Library.fromStories(stories, wordData, { ...options, prebuilt });
      onCache?.({ kind: 'loaded', file, bytes: read.bytes, ms: performance.now() - started });
      return library;
    } catch (err) {
      for (const part of Object.values(read.deferred)) part.file.close();
      if (!(err instanceof CacheRejected)) throw err;
      why = err.reason;
    }
  }
  const rebuilt = await rebuild();
  // The vectors not needed by the first answers are made after them, as the cache file is written.
  const prebuilt = SearchIndex.build(
    rebuilt.stories.flatMap((s) => s.paragraphs),
    wordData,
    { lazyVectors: true, texts: rebuilt.texts },
  );
  // The stories' own sentence tables go: the index holds the same bounds (see compact.ts).
  const stories = compactStories(rebuilt.stories, rebuilt.texts, prebuilt.sentenceTable());
  rebuilt.stories.length = 0;
  const library = Library.fromStories(stories, wordData, { ...options, prebuilt });
  pendingWrites.add(
    new Promise<void>((resolve) => {
      setImmediate(() => {
        writeAfterStart(file, rebuilt.key, stories, rebuilt.texts, prebuilt, why, onCache);
        resolve();
      });
    }),
  );
  return library;
}

/** Cache writes waiting for the first answers (each settles, never rejects). */
const pendingWrites = new Set<Promise<void>>();

/**
 * Settles when the cache files of the libraries loaded so far are written (or failed): a built
 * library's file is written just after the load returns, once the caller's first answer is out.
 */
export async function cacheWritesDone(): Promise<void> {
  while (pendingWrites.size > 0) {
    const now = [...pendingWrites];
    await Promise.all(now);
    for (const p of now) pendingWrites.delete(p);
  }
}

function writeAfterStart(
  file: string,
  key: string,
  stories: readonly Story[],
  texts: TextStore,
  index: SearchIndex,
  why: string,
  onCache?: (event: CacheEvent) => void,
): void {
  const writing = performance.now();
  try {
    const bytes = writeCacheFile(file, INDEX_CACHE_VERSION, key, {
      ...storiesToSections(stories, texts),
      ...indexToSections(index),
    });
    onCache?.({ kind: 'written', file, bytes, ms: performance.now() - writing, why });
  } catch (err) {
    onCache?.({ kind: 'write-failed', file, message: err instanceof Error ? err.message : String(err) });
  }
}

/** One log line per load: where the index came from (debug: start-up says nothing more by default), or why the cache could not be written (warn). */
export function logCacheEvent(logger: Pick<Logger, 'debug' | 'warn'>, event: CacheEvent): void {
  const size = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  if (event.kind === 'loaded')
    logger.debug(`Index loaded from the cache (${size(event.bytes)}, ${Math.round(event.ms)} ms): ${event.file}`);
  else if (event.kind === 'written')
    logger.debug(
      `Index cache written (${size(event.bytes)}, ${Math.round(event.ms)} ms; ${event.why === 'missing' ? 'none yet' : `the old one was ${event.why}`}): ${event.file}`,
    );
  else
    logger.warn(
      `Index cache not written (${event.message}); the next start builds the index again. Set INDEX_CACHE_DIR to a writable folder, or to off.`,
    );
}
