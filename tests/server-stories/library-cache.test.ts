import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { INDEX_CACHE_VERSION, type CacheEvent } from '../../src/answer/library-cache.js';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import { writeCacheFile } from '../../src/search/index-cache/file.js';
import { loadWordData } from '../../src/search/word-data.js';
import { serverCacheFile, serverLibrary, serverLibraryKey } from '../../src/server-stories/library-cache.js';
import { ServerStories } from '../../src/server-stories/service.js';
import { WorkerWorkshop } from '../../src/server-stories/worker-workshop.js';
import { InThreadWorkshop, storyFromSource, type StorySource } from '../../src/server-stories/workshop.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { ROOT } from '../support/child.js';

let shipped: Library;
let sources: StorySource[];
let questions: string[];
let dir: string;
let events: Array<{ guildId: string; event: CacheEvent }>;

beforeAll(async () => {
  shipped = await loadLibrary(join(ROOT, 'seeds'));
  const squad = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'bench/data/squad-dev.json.gz'))).toString('utf8')) as {
    articles: Array<{ title: string; paragraphs: string[]; questions: Array<{ question: string }> }>;
  };
  const articles = squad.articles.slice(0, 3);
  sources = articles.map((a, i) => ({
    slug: `article-${i}`,
    title: a.title.replace(/_/g, ' '),
    body: a.paragraphs.join('\n\n'),
    fileName: `${i}.txt`,
  }));
  questions = [
    ...articles.flatMap((a) => a.questions.slice(0, 15).map((q) => q.question)),
    'How many US troops are in Iraq?',
    'What is the capital of France?',
    'Irak forcs?',
  ];
}, 60_000);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'storybot-server-cache-'));
  events = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const onCache = (guildId: string, event: CacheEvent) => events.push({ guildId, event });
const kinds = () =>
  events.map((e) => `${e.guildId}:${e.event.kind}${e.event.kind === 'written' ? `:${e.event.why}` : ''}`);
const fileOf = (guildId: string) => serverCacheFile({ dir, guildId });
const uncached = () => new InThreadWorkshop(shipped.stories);

/** The same answers and summaries, question by question. */
function expectSameAnswers(a: Library, b: Library): void {
  expect(a.stories.map((s) => s.id)).toEqual(b.stories.map((s) => s.id));
  for (const question of questions) {
    expect(a.ask(question), question).toEqual(b.ask(question));
    expect(a.ask(question, { story: 'article-1', limit: 5 }), question).toEqual(
      b.ask(question, { story: 'article-1', limit: 5 }),
    );
  }
  for (const length of ['short', 'medium', 'long'] as const)
    expect(a.summarize({ story: 'article-0', length })).toEqual(b.summarize({ story: 'article-0', length }));
  expect(JSON.stringify(a.paragraph('article-2', 3))).toEqual(JSON.stringify(b.paragraph('article-2', 3)));
}

describe("a server's library through the index cache", () => {
  it('is built and written the first time, then read from the file (nothing parsed) while nothing changed', async () => {
    const workshop = new InThreadWorkshop(shipped.stories, { cacheDir: dir, onCache });
    const first = await workshop.build(sources, [], '100');
    expect(kinds()).toEqual(['100:written:missing']);
    const written = statSync(fileOf('100'));

    // Loaded, not built: no story is parsed, the file is not rewritten.
    let parsed = 0;
    const countingParse = (s: StorySource) => {
      parsed++;
      return storyFromSource(s);
    };
    const loaded = serverLibrary(shipped.stories, sources, countingParse, loadWordData(), { dir, guildId: '100' });
    expect(parsed).toBe(0);
    expect(loaded.event).toMatchObject({ kind: 'loaded', file: fileOf('100') });
    expect(loaded.save).toBeUndefined();

    const second = await workshop.build(sources, [], '100');
    expect(kinds()).toEqual(['100:written:missing', '100:loaded']);
    expect(statSync(fileOf('100')).mtimeMs).toBe(written.mtimeMs);
    // The shipped stories are the ones given, not the file's copies.
    expect(second.stories[0]).toBe(shipped.stories[0]);

    const plain = await uncached().build(sources);
    expectSameAnswers(second, plain);
    expectSameAnswers(first, plain);
  }, 60_000);

  it("is rebuilt when one of the server's stories changes or is removed, and serves the change", async () => {
    const workshop = new InThreadWorkshop(shipped.stories, { cacheDir: dir, onCache });
    await workshop.build(sources, [], '100');
    const edited = sources.map((s, i) =>
      i === 1 ? { ...s, body: `${s.body}\n\nThe council renamed it Zorblax Hall.` } : s,
    );
    const afterEdit = await workshop.build(edited, [], '100');
    expect(kinds().at(-1)).toBe('100:written:stale');
    expect(afterEdit.ask('What did the council rename it?').passages[0]?.story).toBe('article-1');
    expectSameAnswers(await workshop.build(edited, [], '100'), await uncached().build(edited));
    expect(kinds().at(-1)).toBe('100:loaded');

    const fewer = edited.slice(0, 2);
    const afterRemove = await workshop.build(fewer, [], '100');
    expect(kinds().at(-1)).toBe('100:written:stale');
    expect(afterRemove.stories.map((s) => s.id)).not.toContain('article-2');
    // A retitled story is another key too.
    await workshop.build([{ ...fewer[0], title: 'Another title' }, fewer[1]], [], '100');
    expect(kinds().at(-1)).toBe('100:written:stale');
  }, 60_000);

  it('refuses a truncated or corrupt file, rebuilds it and answers the same', async () => {
    const workshop = new InThreadWorkshop(shipped.stories, { cacheDir: dir, onCache });
    await workshop.build(sources, [], '100');
    truncateSync(fileOf('100'), Math.floor(statSync(fileOf('100')).size / 2));
    const rebuilt = await workshop.build(sources, [], '100');
    expect(kinds().at(-1)).toBe('100:written:truncated');
    expectSameAnswers(rebuilt, await uncached().build(sources));
    await workshop.build(sources, [], '100');
    expect(kinds().at(-1)).toBe('100:loaded');
    // One byte changed in the middle: the checksum refuses it.
    const bytes = readFileSync(fileOf('100'));
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(fileOf('100'), bytes);
    expectSameAnswers(await workshop.build(sources, [], '100'), await uncached().build(sources));
    expect(kinds().at(-1)).toBe('100:written:corrupt');
  }, 60_000);

  it('refuses a file of another format version, and one that is not a cache file at all', async () => {
    const workshop = new InThreadWorkshop(shipped.stories, { cacheDir: dir, onCache });
    // Everything right but the format version: the same key and sections.
    const key = serverLibraryKey(shipped.stories, sources);
    writeCacheFile(fileOf('100'), INDEX_CACHE_VERSION + 1, key, { 'stories.ids': ['x'] });
    const rebuilt = await workshop.build(sources, [], '100');
    expect(kinds().at(-1)).toBe('100:written:other-index-version');
    expectSameAnswers(rebuilt, await uncached().build(sources));

    writeFileSync(fileOf('100'), 'not an index at all, though long enough to have a header and a trailer');
    await workshop.build(sources, [], '100');
    expect(kinds().at(-1)).toBe('100:written:not-a-cache');
    await workshop.build(sources, [], '100');
    expect(kinds().at(-1)).toBe('100:loaded');
  }, 60_000);

  it("leaves other servers' files alone", async () => {
    const workshop = new InThreadWorkshop(shipped.stories, { cacheDir: dir, onCache });
    await workshop.build(sources.slice(0, 1), [], '100');
    await workshop.build(sources.slice(1, 2), [], '200');
    const other = readFileSync(fileOf('200'));
    const otherTime = statSync(fileOf('200')).mtimeMs;
    await workshop.build(sources.slice(0, 2), [], '100');
    await workshop.forget('100');
    expect(existsSync(fileOf('100'))).toBe(false);
    expect(readFileSync(fileOf('200')).equals(other)).toBe(true);
    expect(statSync(fileOf('200')).mtimeMs).toBe(otherTime);
    await workshop.build(sources.slice(1, 2), [], '200');
    expect(kinds().at(-1)).toBe('200:loaded');
  }, 60_000);

  it('keeps no file without a server id or a cache folder', async () => {
    await new InThreadWorkshop(shipped.stories, { cacheDir: dir, onCache }).build(sources.slice(0, 1));
    await new InThreadWorkshop(shipped.stories, { onCache }).build(sources.slice(0, 1), [], '100');
    expect(events).toEqual([]);
    expect(existsSync(fileOf('100'))).toBe(false);
  });
});

describe('server stories with the index cache', () => {
  const BRIDGE =
    '# Wrenfield bridge reopens\n\nThe Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.\n\nEngineers replaced 340 steel cables and the whole deck, said the county council.\n';
  const FERRY =
    'Harbour ferry strike ends\n\nFerry crews in Portmere voted to end their strike after a pay offer of 6 percent.\n\nServices resume on Thursday, the operator Bluewake said.\n';
  let store: SqliteStore;

  beforeEach(async () => {
    store = await SqliteStore.open(join(dir, 'db.sqlite'));
  });

  afterEach(async () => {
    await store.close();
  });

  const service = () =>
    new ServerStories(store, shipped, undefined, {
      workshop: new InThreadWorkshop(shipped.stories, { cacheDir: join(dir, 'cache'), onCache }),
    });
  const add = (stories: ServerStories, fileName: string, text: string) =>
    stories.add({ guildId: '100', userId: '111111111111111111', fileName, bytes: new TextEncoder().encode(text) });
  const cacheFile = () => serverCacheFile({ dir: join(dir, 'cache'), guildId: '100' });

  it('writes the file on an add, reads it after a restart, and removes it with the last story', async () => {
    const stories = service();
    expect(await add(stories, 'bridge.md', BRIDGE)).toMatchObject({ ok: true });
    expect(await add(stories, 'ferry.txt', FERRY)).toMatchObject({ ok: true });
    expect(kinds()).toEqual(['100:written:missing', '100:written:stale']);
    const before = await stories.libraryFor('100');

    // A restart: a new service on the same database and cache folder.
    const again = service();
    const after = await again.libraryFor('100');
    expect(kinds().at(-1)).toBe('100:loaded');
    for (const q of ['What pay offer ended the strike?', 'How many steel cables were replaced?', 'Who is the mayor?'])
      expect(after.ask(q)).toEqual(before.ask(q));

    expect(await again.remove('100', 'harbour-ferry-strike-ends')).toMatchObject({ ok: true });
    expect(kinds().at(-1)).toBe('100:written:stale');
    expect(existsSync(cacheFile())).toBe(true);
    expect(await again.remove('100', 'wrenfield-bridge-reopens')).toMatchObject({ ok: true });
    expect(existsSync(cacheFile())).toBe(false);
    expect(await again.libraryFor('100')).toBe(shipped);
  }, 60_000);
});

describe('the worker thread with the index cache', () => {
  let worker: WorkerWorkshop | undefined;
  afterAll(async () => {
    await worker?.close();
  });

  it('reads and writes the files on its thread; a library read from the file answers as one built', async () => {
    worker = new WorkerWorkshop(shipped, undefined, undefined, { cacheDir: dir, onCache });
    const built = await worker.build(sources, ['article-0'], '100');
    // The file is written after the library is handed back: its note follows.
    for (let i = 0; i < 200 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(kinds()).toEqual(['100:written:missing']);
    const loaded = await worker.build(sources, ['article-0'], '100');
    expect(kinds()).toEqual(['100:written:missing', '100:loaded']);
    expect(worker.offThread).toBe(true);
    expect(loaded.stories[0]).toBe(shipped.stories[0]);
    const plain = await uncached().build(sources);
    expectSameAnswers(loaded, plain);
    expectSameAnswers(built, plain);
  }, 60_000);
});
