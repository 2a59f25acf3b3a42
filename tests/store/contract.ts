// What every Store must do, whatever the engine: run by sqlite.test.ts and postgres.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewStory, Store, StoryChange } from '../../src/store/types.js';

export interface OpenedStore<S extends Store = Store> {
  store: S;
  /** Another connection to the same database, as a second process would have. */
  openAnother(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function story(guildId: string, title: string, extra: Partial<NewStory> = {}): NewStory {
  const slug = title.toLowerCase().replace(/\W+/g, '-');
  return {
    guildId,
    slug,
    title,
    titleKey: title.toLowerCase(),
    fileName: `${slug}.txt`,
    body: `${title}\n\nSome text about ${title}.`,
    paragraphs: 1,
    sizeBytes: 30,
    sha256: 'ab'.repeat(32),
    addedBy: '1234567890',
    addedAt: 1000,
    ...extra,
  };
}

const limits = { maxPerServer: 3 };

/** Waits (polling every 10 ms, at most `ms`) until `check` is true. */
async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Registers the contract's tests for one engine; `extra` adds that engine's own tests in the same
 * block (they get the same fresh store, `current()`, before each test).
 */
export function storeContract<S extends Store>(
  engine: string,
  open: () => Promise<OpenedStore<S>>,
  options: { skip?: boolean; extra?: (current: () => S) => void } = {},
): void {
  let opened: OpenedStore<S>;
  let store: S;
  const d = options.skip ? describe.skip : describe;

  d(`${engine} store`, () => {
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });

    afterEach(async () => {
      await opened.cleanup();
    });

    describe('stories', () => {
      it('adds, lists (oldest first, without text), loads (with text) and removes, per server', async () => {
        const a = await store.addStory(story('A', 'First', { addedAt: 1 }), limits);
        const b = await store.addStory(story('A', 'Second', { addedAt: 2 }), limits);
        await store.addStory(story('B', 'Elsewhere'), limits);
        expect(a.ok && b.ok).toBe(true);
        const listed = await store.listStories('A');
        expect(listed.map((s) => s.title)).toEqual(['First', 'Second']);
        expect(listed[0]).not.toHaveProperty('body');
        expect(listed[0]).toMatchObject({
          guildId: 'A',
          slug: 'first',
          fileName: 'first.txt',
          paragraphs: 1,
          addedBy: '1234567890',
          addedAt: 1,
        });
        const loaded = await store.loadStories('A');
        expect(loaded.map((s) => s.body)).toEqual([
          'First\n\nSome text about First.',
          'Second\n\nSome text about Second.',
        ]);
        expect(await store.removeStory('A', 'first')).toMatchObject({ title: 'First' });
        expect(await store.removeStory('A', 'first')).toBeUndefined();
        expect(await store.removeStory('A', 'elsewhere')).toBeUndefined(); // another server's story
        expect((await store.listStories('A')).map((s) => s.title)).toEqual(['Second']);
        expect((await store.listStories('B')).map((s) => s.title)).toEqual(['Elsewhere']);
      });

      it('refuses a duplicate title (any case) or slug within a server, not across servers', async () => {
        expect((await store.addStory(story('A', 'Same'), limits)).ok).toBe(true);
        expect(await store.addStory(story('A', 'SAME', { titleKey: 'same', slug: 'other' }), limits)).toEqual({
          ok: false,
          reason: 'duplicate-title',
          existing: 'Same',
        });
        expect(await store.addStory(story('A', 'Different', { slug: 'same' }), limits)).toEqual({
          ok: false,
          reason: 'duplicate-slug',
        });
        expect((await store.addStory(story('B', 'Same'), limits)).ok).toBe(true);
      });

      it('stops at the per-server limit, counted inside the transaction', async () => {
        const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => store.addStory(story('A', t), limits)));
        expect(results.filter((r) => r.ok)).toHaveLength(3);
        expect(results.filter((r) => !r.ok)).toEqual([
          { ok: false, reason: 'too-many', limit: 3 },
          { ok: false, reason: 'too-many', limit: 3 },
        ]);
        expect(await store.listStories('A')).toHaveLength(3);
      });

      it('holds the limit against another process adding at the same moment', async () => {
        const other = await opened.openAnother();
        try {
          const results = await Promise.all(
            ['a', 'b', 'c', 'd', 'e', 'f'].map((t, i) => (i % 2 ? other : store).addStory(story('A', t), limits)),
          );
          expect(results.filter((r) => r.ok)).toHaveLength(3);
          expect(await store.listStories('A')).toHaveLength(3);
        } finally {
          await other.close();
        }
      });

      it('keeps a 1 MB story byte for byte', async () => {
        const body = 'Ünïcödé ¶ “quotes” 中文 🙂\n\n'.repeat(40_000);
        expect((await store.addStory(story('A', 'Big', { body }), limits)).ok).toBe(true);
        expect((await store.loadStories('A'))[0].body).toBe(body);
      });
    });

    describe('stories versions and changes seen by other processes', () => {
      it('each add and remove bumps the server version (a refused one does not), per server', async () => {
        expect(await store.storiesVersion('A')).toBe(0);
        const added = await store.addStory(story('A', 'One'), limits);
        expect(added).toMatchObject({ ok: true, version: 1 });
        expect(await store.addStory(story('A', 'ONE', { slug: 'x' }), limits)).toMatchObject({ ok: false });
        expect(await store.storiesVersion('A')).toBe(1);
        expect(await store.removeStory('A', 'one')).toMatchObject({ title: 'One', version: 2 });
        expect(await store.removeStory('A', 'one')).toBeUndefined();
        expect(await store.storiesVersion('A')).toBe(2);
        expect(await store.storiesVersion('B')).toBe(0);
      });

      it("another process hears of a server's change, with its version", async () => {
        const other = await opened.openAnother();
        const heard: Array<StoryChange | null> = [];
        const watch = await other.watchStories((change) => heard.push(change));
        try {
          await store.addStory(story('A', 'One'), limits);
          await store.addStory(story('B', 'Two'), limits);
          await eventually(() => heard.some((c) => c?.guildId === 'B'));
          expect(heard.filter((c) => c !== null)).toEqual(
            expect.arrayContaining([
              { guildId: 'A', version: 1 },
              { guildId: 'B', version: 1 },
            ]),
          );
          await store.removeStory('A', 'one');
          await eventually(() => heard.some((c) => c?.guildId === 'A' && c.version === 2));
          expect(await other.storiesVersion('A')).toBe(2);
        } finally {
          await watch.stop();
          await other.close();
        }
      });
    });

    describe('questions, votes and gaps', () => {
      const q = (
        id: string,
        question: string,
        answered: boolean,
        askedAt: number,
        guildId = 'A',
        cite?: [string, number],
      ) =>
        store.logQuestion({
          id,
          guildId,
          question,
          askedAt,
          answered,
          ...(cite ? { storySlug: cite[0], paragraph: cite[1] } : {}),
        });

      it('groups unanswered questions, most asked first, within the window, per server', async () => {
        await q('1', 'who won', false, 100);
        await q('2', 'who won', false, 200);
        await q('3', 'where is it', false, 300);
        await q('4', 'who won', false, 50); // before the window
        await q('5', 'when', true, 300, 'A', ['s', 1]); // answered
        await q('6', 'who won', false, 300, 'B'); // another server
        const gaps = await store.gaps('A', 100, 10);
        expect(gaps.unanswered).toEqual([
          { question: 'who won', asked: 2, lastAskedAt: 200 },
          { question: 'where is it', asked: 1, lastAskedAt: 300 },
        ]);
        expect((await store.gaps('A', 100, 1)).unanswered).toHaveLength(1);
      });

      it('keeps one vote per voter per answer; voting again changes it; only this server can vote on its answers', async () => {
        await q('x', 'how many', true, 100, 'A', ['story', 3]);
        const vote = (voter: string, v: 1 | -1, guildId = 'A') =>
          store.vote({ questionId: 'x', guildId, voter, vote: v, at: 1 });
        expect(await vote('h1', -1)).toBe('recorded');
        expect(await vote('h1', -1)).toBe('unchanged');
        expect(await vote('h1', 1)).toBe('changed');
        expect(await vote('h2', -1)).toBe('recorded');
        expect(await vote('h3', -1)).toBe('recorded');
        expect(await vote('h4', -1, 'B')).toBe('unknown-answer');
        expect(await store.vote({ questionId: 'nope', guildId: 'A', voter: 'h1', vote: 1, at: 1 })).toBe(
          'unknown-answer',
        );
        const gaps = await store.gaps('A', 0, 10);
        expect(gaps.downvoted).toEqual([
          { question: 'how many', down: 2, up: 1, storySlug: 'story', paragraph: 3, lastAskedAt: 100 },
        ]);
        expect((await store.gaps('B', 0, 10)).downvoted).toEqual([]);
      });

      it('purges questions past the retention, with their votes', async () => {
        await q('old', 'old question', false, 10);
        await q('new', 'new question', false, 1000);
        await store.vote({ questionId: 'old', guildId: 'A', voter: 'h', vote: -1, at: 11 });
        expect(await store.purgeQuestions(500)).toBe(1);
        const gaps = await store.gaps('A', 0, 10);
        expect(gaps.unanswered.map((g) => g.question)).toEqual(['new question']);
        expect(gaps.downvoted).toEqual([]);
        expect(await store.vote({ questionId: 'old', guildId: 'A', voter: 'h', vote: -1, at: 12 })).toBe(
          'unknown-answer',
        );
      });

      it('makes an installation setting once and keeps it, whichever process asks first', async () => {
        const other = await opened.openAnother();
        try {
          const [first, second] = await Promise.all([
            store.setting('vote-salt', () => 'one'),
            other.setting('vote-salt', () => 'two'),
          ]);
          expect(first).toBe(second);
          expect(await store.setting('vote-salt', () => 'three')).toBe(first);
        } finally {
          await other.close();
        }
      });
    });

    options.extra?.(() => store);
  });
}
