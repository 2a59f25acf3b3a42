// Two processes on one database (two ServerStories, each with its own connection, as two shards or
// two HTTP replicas have): a story added or removed through one is answered by the other once the
// store's change watch tells it, on SQLite (one file) and on Postgres (one server).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../src/answer/library.js';
import { ServerStories } from '../../src/server-stories/service.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store, StoryWatch } from '../../src/store/types.js';
import { createTestDatabase, testPostgresUrl } from '../support/postgres.js';

const BRIDGE = `# Wrenfield bridge reopens

The Wrenfield bridge reopened on Monday after eighteen months of repairs costing 42 million pounds.

Engineers replaced 340 steel cables and the whole deck, said the county council.
`;
const QUESTION = 'How many steel cables were replaced?';
const bytes = (text: string) => new TextEncoder().encode(text);

let shipped: Library;
beforeAll(async () => {
  shipped = await loadLibrary('seeds');
});

interface Engine {
  name: string;
  skip: boolean;
  open(): Promise<{ first: Store; second: Store; cleanup(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'storybot-shared-'));
      const path = join(dir, 'db.sqlite');
      const first = await SqliteStore.open(path, { watchEveryMs: 25 });
      const second = await SqliteStore.open(path, { watchEveryMs: 25 });
      return { first, second, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'Postgres',
    skip: testPostgresUrl() === undefined,
    async open() {
      const database = await createTestDatabase();
      const first = await PostgresStore.open(database.url);
      const second = await PostgresStore.open(database.url);
      return { first, second, cleanup: () => database.drop() };
    },
  },
];

async function until(check: () => Promise<boolean>, ms = 5000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

for (const engine of engines) {
  describe.skipIf(engine.skip)(`two processes sharing ${engine.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const done of cleanups.splice(0).reverse()) await done();
    });
    afterAll(() => undefined);

    async function pair(): Promise<[ServerStories, ServerStories]> {
      const { first, second, cleanup } = await engine.open();
      const one = new ServerStories(first, shipped);
      const two = new ServerStories(second, shipped);
      const watches: StoryWatch[] = [
        await first.watchStories((c) => one.storiesChanged(c)),
        await second.watchStories((c) => two.storiesChanged(c)),
      ];
      cleanups.push(async () => {
        for (const w of watches) await w.stop();
        await one.close();
        await two.close();
        await first.close();
        await second.close();
        await cleanup();
      });
      return [one, two];
    }

    it('a story added through one is answered by the other, which had built the server library before', async () => {
      const [one, two] = await pair();
      expect((await two.libraryFor('G')).ask(QUESTION).passages[0]?.story).not.toBe('wrenfield-bridge-reopens');
      expect(two.libraries.isLoaded('G')).toBe(true);
      const added = await one.add({ guildId: 'G', userId: '1', fileName: 'bridge.md', bytes: bytes(BRIDGE) });
      expect(added.ok).toBe(true);
      await until(
        async () => (await two.libraryFor('G')).ask(QUESTION).passages[0]?.story === 'wrenfield-bridge-reopens',
      );
      expect((await two.ownStories('G')).map((s) => s.slug)).toEqual(['wrenfield-bridge-reopens']);
      // The process that made the change keeps its own library (no rebuild on hearing its own change).
      const before = await one.libraryFor('G');
      await new Promise((r) => setTimeout(r, 100));
      expect(await one.libraryFor('G')).toBe(before);
      const removed = await two.remove('G', 'wrenfield-bridge-reopens');
      expect(removed.ok).toBe(true);
      await until(async () => (await one.libraryFor('G')).stories.every((s) => s.id !== 'wrenfield-bridge-reopens'));
    });

    it('an add that raced another process installs nothing stale: the library is read again from the store', async () => {
      const [one, two] = await pair();
      // Both add at once to the same server: each built its library without the other's story.
      const [a, b] = await Promise.all([
        one.add({ guildId: 'G', userId: '1', fileName: 'bridge.md', bytes: bytes(BRIDGE) }),
        two.add({
          guildId: 'G',
          userId: '2',
          fileName: 'ferry.txt',
          bytes: bytes('Harbour ferry strike ends\n\nFerry crews in Portmere voted to end their strike.\n'),
        }),
      ]);
      expect(a.ok && b.ok).toBe(true);
      for (const side of [one, two]) {
        await until(async () => (await side.libraryFor('G')).stories.length === shipped.stories.length + 2);
      }
    });
  });
}
