import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/search/index.js';
import { loadWordData } from '../../../src/search/word-data.js';
import { loadStories } from '../../../src/story/load.js';

const NEWS = resolve(import.meta.dirname, '../../../bench/data/news-dev');

describe('sentence and paragraph vectors made lazily (lazyVectors)', () => {
  it('give the same hits as vectors made at build, and the same vectors once complete', async () => {
    const wordData = loadWordData();
    const paragraphs = (await loadStories(NEWS)).flatMap((s) => s.paragraphs);
    const questions = readdirSync(NEWS)
      .filter((n) => n.endsWith('.qa.json'))
      .flatMap((n) => (JSON.parse(readFileSync(join(NEWS, n), 'utf8')) as { questions: { q: string }[] }).questions)
      .map((x) => x.q);
    expect(questions.length).toBeGreaterThan(10);
    const eager = SearchIndex.build(paragraphs, wordData);
    const lazy = SearchIndex.build(paragraphs, wordData, { lazyVectors: true });
    for (const q of questions) expect(JSON.stringify(lazy.search(q))).toBe(JSON.stringify(eager.search(q)));
    // The stored records: those of paragraphs a question reached copied, the rest made as written.
    const made = recordBytes(eager);
    expect(made.byteLength).toBeGreaterThan(0);
    expect(recordBytes(lazy)).toEqual(made);
    expect(recordBytes(SearchIndex.build(paragraphs, wordData, { lazyVectors: true }))).toEqual(made);
  });
});

/** The vector records an index gives the cache, in one buffer. */
function recordBytes(index: SearchIndex): Buffer {
  const records = index.cacheParts().semantics!;
  const chunks = [...records.chunks()].map((c) => Buffer.from(c)); // each chunk copied: its buffer is refilled
  const all = Buffer.concat(chunks);
  expect(all.byteLength).toBe(records.bytes);
  return all;
}
