import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { NewStory } from '../../src/store/types.js';

let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storybot-store-'));
  store = await SqliteStore.open(join(dir, 'db.sqlite'));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function story(guildId: string, title: string, extra: Partial<NewStory> = {}): NewStory {
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

describe('SqliteStore: stories', () => {
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
    expect(loaded.map((s) => s.body)).toEqual(['First\n\nSome text about First.', 'Second\n\nSome text about Second.']);
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

  it('keeps a 1 MB story byte for byte', async () => {
    const body = 'Ünïcödé ¶ “quotes” 中文 🙂\n\n'.repeat(40_000);
    expect((await store.addStory(story('A', 'Big', { body }), limits)).ok).toBe(true);
    expect((await store.loadStories('A'))[0].body).toBe(body);
  });
});

describe('SqliteStore: questions, votes and gaps', () => {
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
    expect(await store.vote({ questionId: 'nope', guildId: 'A', voter: 'h1', vote: 1, at: 1 })).toBe('unknown-answer');
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
    expect(await store.vote({ questionId: 'old', guildId: 'A', voter: 'h', vote: -1, at: 12 })).toBe('unknown-answer');
  });

  it('makes an installation setting once and keeps it', async () => {
    const first = await store.setting('vote-salt', () => 'one');
    const second = await store.setting('vote-salt', () => 'two');
    expect([first, second]).toEqual(['one', 'one']);
  });

  it('passes SQLite integrity check after all that', async () => {
    expect(store.integrityCheck()).toBe('ok');
  });
});
