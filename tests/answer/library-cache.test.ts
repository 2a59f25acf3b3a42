import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import {
  cacheWritesDone,
  INDEX_CACHE_VERSION,
  loadLibraryCached,
  logCacheEvent,
  type CacheEvent,
} from '../../src/answer/library-cache.js';
import { writeCacheFile } from '../../src/search/index-cache/file.js';
import { cacheFilePath } from '../../src/search/index-cache/key.js';

const ROOT = resolve(import.meta.dirname, '../..');
const QUESTIONS = [
  'How many US forces are stationed in Iraq?',
  'Who visited Iraq?',
  'How many memoranda of understanding will be signed?',
  'What is the capital of France?',
];

/** Everything a reader could see: answers to the questions (every passage) and the summaries. */
function answersOf(library: Library): string {
  return JSON.stringify({
    answers: QUESTIONS.map((q) => library.ask(q, { allPassages: true })),
    summaries: library.summarize(),
    stories: library.stories,
  });
}

describe('loading a library through the index cache', () => {
  let work: string;
  let stories: string;
  let cache: string;
  let expected: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'storybot-libcache-'));
    stories = join(work, 'stories');
    cache = join(work, 'cache');
    cpSync(join(ROOT, 'seeds'), stories, { recursive: true });
    writeFileSync(
      join(stories, 'second.md'),
      '# A second story\n\nThe council met on **Tuesday** and voted to close the bridge.\n\n- Repairs will take 8 weeks.\n',
    );
    expected = answersOf(await loadLibrary(stories));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function load(): Promise<{ library: Library; events: CacheEvent[]; firstAnswers: string }> {
    const events: CacheEvent[] = [];
    const library = await loadLibraryCached(stories, { cacheDir: cache, onCache: (e) => events.push(e) });
    // Asked before a built library's cache write (and its vectors made in full): the same answers.
    const firstAnswers = answersOf(library);
    await cacheWritesDone();
    return { library, events, firstAnswers };
  }

  it('builds and writes the cache the first time, then loads from it while nothing changes; answers are the same', async () => {
    const first = await load();
    expect(first.events).toMatchObject([{ kind: 'written', why: 'missing' }]);
    expect(first.firstAnswers).toBe(expected);
    expect(answersOf(first.library)).toBe(expected);
    for (let i = 0; i < 2; i++) {
      const again = await load();
      expect(again.events).toMatchObject([{ kind: 'loaded', file: cacheFilePath(cache, { storyPath: stories }) }]);
      expect(answersOf(again.library)).toBe(expected);
    }
    expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('rebuilds when one story changes, and serves the change', async () => {
    await load();
    const path = join(stories, 'second.md');
    const before = readFileSync(path, 'utf8');
    writeFileSync(path, before.replace('8 weeks', '11 weeks'));
    try {
      const changed = await load();
      expect(changed.events).toMatchObject([{ kind: 'written', why: 'stale' }]);
      expect(JSON.stringify(changed.library.stories)).toContain('11 weeks');
      expect(JSON.stringify(changed.library.stories)).not.toContain('8 weeks');
      expect((await load()).events).toMatchObject([{ kind: 'loaded' }]);
    } finally {
      writeFileSync(path, before);
    }
  });

  it('rebuilds when a story is added or removed', async () => {
    await load();
    const extra = join(stories, 'third.txt');
    writeFileSync(extra, 'Third story\n\nA short third story about the harbour.\n');
    expect((await load()).events).toMatchObject([{ kind: 'written', why: 'stale' }]);
    rmSync(extra);
    const back = await load();
    expect(back.events).toMatchObject([{ kind: 'written', why: 'stale' }]);
    expect(answersOf(back.library)).toBe(expected);
  });

  it('refuses a truncated cache file, rebuilds and answers the same', async () => {
    await load();
    const file = cacheFilePath(cache, { storyPath: stories });
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const rebuilt = await load();
    expect(rebuilt.events).toMatchObject([{ kind: 'written', why: 'truncated' }]);
    expect(answersOf(rebuilt.library)).toBe(expected);
  });

  it('refuses a cache file of another format version', async () => {
    const first = await load();
    const file = cacheFilePath(cache, { storyPath: stories });
    const key = JSON.parse(
      readFileSync(file)
        .subarray(28, 28 + readFileSync(file).readUInt32LE(24))
        .toString('utf8'),
    ).key as string;
    writeCacheFile(file, INDEX_CACHE_VERSION + 1, key, { 'stories.ids': first.library.stories.map((s) => s.id) });
    const rebuilt = await load();
    expect(rebuilt.events).toMatchObject([{ kind: 'written', why: 'other-index-version' }]);
    expect(answersOf(rebuilt.library)).toBe(expected);
  });

  it('refuses a whole file of this version whose sections do not fit together', async () => {
    const first = await load();
    const file = cacheFilePath(cache, { storyPath: stories });
    const key = JSON.parse(
      readFileSync(file)
        .subarray(28, 28 + readFileSync(file).readUInt32LE(24))
        .toString('utf8'),
    ).key as string;
    writeCacheFile(file, INDEX_CACHE_VERSION, key, { 'stories.ids': first.library.stories.map((s) => s.id) });
    const rebuilt = await load();
    expect(rebuilt.events).toMatchObject([{ kind: 'written', why: 'corrupt' }]);
    expect(answersOf(rebuilt.library)).toBe(expected);
  });

  it('still starts when the cache folder cannot be written', async () => {
    // A folder under a plain file can never be made, whoever runs the test (root included).
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const events: CacheEvent[] = [];
    const library = await loadLibraryCached(stories, {
      cacheDir: join(blocked, 'cache'),
      onCache: (e) => events.push(e),
    });
    await cacheWritesDone();
    expect(events).toMatchObject([{ kind: 'write-failed' }]);
    expect(answersOf(library)).toBe(expected);
  });

  it('keeps no cache without a folder', async () => {
    const events: CacheEvent[] = [];
    const library = await loadLibraryCached(stories, { onCache: (e) => events.push(e) });
    expect(events).toEqual([]);
    expect(answersOf(library)).toBe(expected);
  });
});

describe('answers through the index cache on news-dev and the shipped story', () => {
  it('are identical to a fresh build, question for question, when loaded from the cache', async () => {
    const work = mkdtempSync(join(tmpdir(), 'storybot-libcache-news-'));
    try {
      for (const [folder, questions] of [
        [
          join(ROOT, 'bench', 'data', 'news-dev'),
          readdirSync(join(ROOT, 'bench', 'data', 'news-dev'))
            .filter((n) => n.endsWith('.qa.json'))
            .flatMap((n) =>
              (
                JSON.parse(readFileSync(join(ROOT, 'bench', 'data', 'news-dev', n), 'utf8')) as {
                  questions: { q: string }[];
                }
              ).questions.map((x) => x.q),
            ),
        ],
        [
          join(ROOT, 'seeds'),
          (
            JSON.parse(readFileSync(join(ROOT, 'bench', 'data', 'seed-qa-dev.json'), 'utf8')) as {
              questions: { q: string }[];
            }
          ).questions.map((x) => x.q),
        ],
      ] as const) {
        const fresh = await loadLibrary(folder);
        const events: CacheEvent[] = [];
        const built = await loadLibraryCached(folder, { cacheDir: work, onCache: (e) => events.push(e) });
        // Before the cache write, the built library makes vectors as questions reach them.
        const builtAnswers = questions.map((q) => JSON.stringify(built.ask(q, { allPassages: true })));
        expect(events).toEqual([]);
        await cacheWritesDone();
        const cached = await loadLibraryCached(folder, { cacheDir: work, onCache: (e) => events.push(e) });
        expect(events.map((e) => e.kind)).toEqual(['written', 'loaded']);
        expect(questions.length).toBeGreaterThan(10);
        questions.forEach((q, i) => {
          const want = JSON.stringify(fresh.ask(q, { allPassages: true }));
          expect(builtAnswers[i]).toBe(want);
          expect(JSON.stringify(cached.ask(q, { allPassages: true }))).toBe(want);
        });
        expect(JSON.stringify(cached.summarize())).toBe(JSON.stringify(fresh.summarize()));
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('the log line of a load through the cache', () => {
  it('says where the index came from at debug level only, and warns when the cache cannot be written', () => {
    const said: string[] = [];
    const logger = { debug: (m: string) => said.push(`debug ${m}`), warn: (m: string) => said.push(`warn ${m}`) };
    logCacheEvent(logger, { kind: 'loaded', file: '/c/x.sbindex', bytes: 3 * 2 ** 20, ms: 12 });
    logCacheEvent(logger, { kind: 'written', file: '/c/x.sbindex', bytes: 2 ** 20, ms: 5, why: 'stale' });
    logCacheEvent(logger, { kind: 'write-failed', file: '/c/x.sbindex', message: 'EACCES' });
    expect(said).toEqual([
      'debug Index loaded from the cache (3.0 MB, 12 ms): /c/x.sbindex',
      'debug Index cache written (1.0 MB, 5 ms; the old one was stale): /c/x.sbindex',
      'warn Index cache not written (EACCES); the next start builds the index again. Set INDEX_CACHE_DIR to a writable folder, or to off.',
    ]);
  });
});
