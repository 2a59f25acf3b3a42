import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { ServerStories } from '../../src/server-stories/service.js';

const BRIDGE = `# Wrenfield bridge reopens

The Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.

Engineers replaced 340 steel cables and the whole deck, said the county council.

The mayor, Harriet Quayle, cut the ribbon at nine in the morning.
`;

const FERRY = `Harbour ferry strike ends

Ferry crews in Portmere voted to end their strike after a pay offer of 6 percent.

Services resume on Thursday, the operator Bluewake said.
`;

let shipped: Library;
let dir: string;
let store: SqliteStore;
let stories: ServerStories;
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  shipped = await loadLibrary('seeds');
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storybot-service-'));
  store = await SqliteStore.open(join(dir, 'db.sqlite'));
  stories = new ServerStories(store, shipped, { maxBytes: 64 * 1024, maxPerServer: 2, retentionDays: 30 });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

afterAll(() => undefined);

const add = (guildId: string, fileName: string, text: string | Uint8Array, titleOption?: string) =>
  stories.add({
    guildId,
    userId: '111111111111111111',
    fileName,
    bytes: typeof text === 'string' ? bytes(text) : text,
    ...(titleOption ? { titleOption } : {}),
  });

describe('ServerStories: adding', () => {
  it('an added story is asked at once in its server only; DMs and other servers keep the shipped stories', async () => {
    const added = await add('A', 'bridge.md', BRIDGE);
    expect(added).toMatchObject({
      ok: true,
      story: { title: 'Wrenfield bridge reopens', slug: 'wrenfield-bridge-reopens', paragraphs: 3 },
      titleFrom: 'text',
    });
    const inA = await stories.libraryFor('A');
    const answer = inA.ask('How many steel cables were replaced?');
    expect(answer.answered).toBe(true);
    expect(answer.passages[0]).toMatchObject({ story: 'wrenfield-bridge-reopens', paragraph: 2 });
    expect(inA.stories.map((s) => s.id)).toEqual([...shipped.stories.map((s) => s.id), 'wrenfield-bridge-reopens']);
    for (const other of [await stories.libraryFor('B'), await stories.libraryFor(null)]) {
      expect(other).toBe(shipped);
      expect(other.ask('How many steel cables were replaced?', { story: 'wrenfield-bridge-reopens' }).passages).toEqual(
        [],
      );
    }
  });

  it('takes the title from the text, else the title option, else the file name', async () => {
    expect(
      await add(
        'A',
        'x.txt',
        'One paragraph only, with no title line of its own at all, ending with a period.',
        'Given title',
      ),
    ).toMatchObject({ ok: true, story: { title: 'Given title' }, titleFrom: 'option' });
    expect(
      await add(
        'B',
        '07_harbour-news.txt',
        'One paragraph only, with no title line of its own at all, ending with a period.',
      ),
    ).toMatchObject({ ok: true, story: { title: 'Harbour news' }, titleFrom: 'file name' });
    expect(await add('C', 'f.txt', FERRY, 'Ignored')).toMatchObject({
      ok: true,
      story: { title: 'Harbour ferry strike ends' },
      titleFrom: 'text',
    });
  });

  it('refuses bad files with one line each and changes nothing', async () => {
    const latin1 = Uint8Array.from([...bytes('Caf'), 0xe9, ...bytes(' story\n\nIt was a caf'), 0xe9, ...bytes('.')]);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'Hello story'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const cases: Array<[string, string | Uint8Array, RegExp]> = [
      ['latin.txt', latin1, /not UTF-8.*save it as UTF-8/],
      ['wide.txt', utf16, /UTF-16.*save it as UTF-8/],
      ['blob.txt', Uint8Array.from([1, 2, 3, 0, 0, 5, 6, 7, 8, 9, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8]), /not text/],
      ['title-only.md', '# Just a title\n', /no paragraphs/],
      ['empty.txt', '', /empty/],
      ['big.txt', 'word '.repeat(20_000), /over the 64 KB limit/],
    ];
    for (const [name, content, problem] of cases) {
      const result = await add('A', name, content);
      expect(result, name).toMatchObject({ ok: false });
      const text = (result as { problem: string }).problem;
      expect(text, name).toMatch(problem);
      expect(text, name).not.toContain('\n');
    }
    expect(await store.listStories('A')).toEqual([]);
    expect(await stories.libraryFor('A')).toBe(shipped);
  });

  it('refuses a duplicate title (own or shipped, any case) and more than the per-server limit', async () => {
    expect((await add('A', 'bridge.md', BRIDGE)).ok).toBe(true);
    expect(
      await add('A', 'again.md', BRIDGE.replace('Wrenfield bridge reopens', 'WRENFIELD BRIDGE REOPENS')),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/already.*titled/) });
    const shippedTitle = shipped.stories[0].title;
    expect(await add('A', 'copy.txt', `# ${shippedTitle}\n\nA paragraph.`)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/already/),
    });
    expect((await add('A', 'ferry.txt', FERRY)).ok).toBe(true);
    expect(await add('A', 'third.txt', '# Third\n\nA third story.')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/already has 2 stories/),
    });
    expect(await stories.roomFor('A')).toMatchObject({ ok: false });
    expect((await add('B', 'bridge.md', BRIDGE)).ok).toBe(true); // same title in another server is fine
  });

  it('concurrent adds in one server are serialized: both land, the library holds both', async () => {
    const [a, b] = await Promise.all([add('A', 'bridge.md', BRIDGE), add('A', 'ferry.txt', FERRY)]);
    expect(a.ok && b.ok).toBe(true);
    const library = await stories.libraryFor('A');
    expect(
      library.stories
        .map((s) => s.id)
        .slice(-2)
        .sort(),
    ).toEqual(['harbour-ferry-strike-ends', 'wrenfield-bridge-reopens']);
  });

  it('after a restart (a new service on the same database) the stories are all there and asked the same', async () => {
    await add('A', 'bridge.md', BRIDGE);
    await add('A', 'ferry.txt', FERRY);
    const before = (await stories.libraryFor('A')).ask('What pay offer ended the strike?');
    const again = new ServerStories(store, shipped);
    expect(again.libraries.isLoaded('A')).toBe(false); // lazily, on first use
    const library = await again.libraryFor('A');
    expect(library.stories.map((s) => s.id)).toEqual((await stories.libraryFor('A')).stories.map((s) => s.id));
    expect(library.ask('What pay offer ended the strike?')).toEqual(before);
  });
});

describe('ServerStories: removing and listing', () => {
  it('lists own stories then shipped, removes by slug or title, and refuses shipped or unknown names', async () => {
    await add('A', 'bridge.md', BRIDGE);
    await add('A', 'ferry.txt', FERRY);
    const listing = await stories.list('A');
    expect(listing.own.map((s) => s.slug)).toEqual(['wrenfield-bridge-reopens', 'harbour-ferry-strike-ends']);
    expect(listing.shipped).toBe(shipped.stories);
    expect(await stories.remove('A', 'harbour ferry strike ends')).toMatchObject({
      ok: true,
      story: { slug: 'harbour-ferry-strike-ends' },
    });
    expect((await stories.libraryFor('A')).story('harbour-ferry-strike-ends')).toBeUndefined();
    expect((await stories.libraryFor('A')).story('wrenfield-bridge-reopens')).toBeDefined();
    expect(await stories.remove('A', shipped.stories[0].id)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/ships with the bot/),
    });
    expect(await stories.remove('B', 'wrenfield-bridge-reopens')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no story called/),
    });
    expect(await stories.remove('A', 'wrenfield-bridge-reopens')).toMatchObject({ ok: true });
    expect((await stories.libraryFor('A')).stories).toEqual(shipped.stories);
  });
});

describe('ServerStories: questions, votes, gaps', () => {
  it('logs server questions without who asked, groups the unanswered, and counts votes once per member', async () => {
    const library = await stories.libraryFor('A');
    const unanswered = library.ask('Who won the world cup?');
    expect(unanswered.answered).toBe(false);
    for (const q of ['Who won the world cup?', 'who won the world cup', 'WHO WON THE WORLD CUP!!'])
      await stories.recordQuestion('A', q, unanswered)!.written;
    await stories.recordQuestion('A', 'What is the weather?', library.ask('What is the weather?'))!.written;
    expect(stories.recordQuestion(null, 'Who won the world cup?', unanswered)).toBeUndefined(); // DMs are not logged
    const answered = library.ask('How many US troops are in Iraq?');
    const logged = stories.recordQuestion('A', 'How many US troops are in Iraq?', answered)!;
    await logged.written;
    expect(await stories.vote('A', logged.id, 'member-1', -1)).toBe('recorded');
    expect(await stories.vote('A', logged.id, 'member-1', -1)).toBe('unchanged');
    expect(await stories.vote('A', logged.id, 'member-2', -1)).toBe('recorded');
    expect(await stories.vote('A', logged.id, 'member-2', 1)).toBe('changed');
    expect(await stories.vote('B', logged.id, 'member-3', -1)).toBe('unknown-answer');
    const gaps = await stories.gaps('A');
    expect(gaps.days).toBe(30);
    expect(gaps.unanswered[0]).toMatchObject({ question: 'who won the world cup', asked: 3 });
    expect(gaps.downvoted).toEqual([
      expect.objectContaining({
        question: 'how many us troops are in iraq',
        down: 1,
        up: 1,
        paragraph: answered.passages[0].paragraph,
      }),
    ]);
    const raw = JSON.stringify(await store.gaps('A', 0, 100));
    expect(raw).not.toMatch(/member-/);
  });

  it('forgets questions past the retention', async () => {
    let now = Date.UTC(2026, 0, 1);
    const timed = new ServerStories(
      store,
      shipped,
      { maxBytes: 1024, maxPerServer: 2, retentionDays: 30 },
      { now: () => now },
    );
    await timed.recordQuestion('A', 'an old question', { answered: false, passages: [] })!.written;
    now += 31 * 24 * 60 * 60 * 1000;
    await timed.recordQuestion('A', 'a new question', { answered: false, passages: [] })!.written;
    expect((await timed.gaps('A')).unanswered.map((g) => g.question)).toEqual(['a new question']);
    expect((await store.gaps('A', 0, 10)).unanswered.map((g) => g.question)).toEqual(['a new question']); // purged, not only hidden
  });
});
