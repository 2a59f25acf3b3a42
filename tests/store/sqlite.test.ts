import { expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import { story, storeContract } from './contract.js';

storeContract(
  'SQLite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storybot-store-'));
    const path = join(dir, 'db.sqlite');
    const store = await SqliteStore.open(path, { watchEveryMs: 20 });
    return {
      store,
      openAnother: () => SqliteStore.open(path, { watchEveryMs: 20 }),
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  {
    extra: (current) => {
      it('passes SQLite integrity check after adds, removes, questions and votes', async () => {
        const store = current();
        await store.addStory(story('A', 'One'), { maxPerServer: 5 });
        await store.removeStory('A', 'one');
        await store.logQuestion({ id: 'q', guildId: 'A', question: 'why', askedAt: 1, answered: false });
        await store.vote({ questionId: 'q', guildId: 'A', voter: 'v', vote: -1, at: 2 });
        expect(store.integrityCheck()).toBe('ok');
      });
    },
  },
);
