import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile, type DeferredSection } from '../../../src/search/index-cache/file.js';
import { CacheRejected, type Sections } from '../../../src/search/index-cache/format.js';
import {
  DEFERRED_INDEX_SECTIONS,
  indexFromSections,
  indexToSections,
} from '../../../src/search/index-cache/index-sections.js';
import { contentKey } from '../../../src/search/index-cache/key.js';
import { SearchIndex } from '../../../src/search/index.js';
import { loadWordData, type WordData } from '../../../src/search/word-data.js';
import { loadStories } from '../../../src/story/load.js';
import type { Paragraph } from '../../../src/story/types.js';

const NEWS = resolve(import.meta.dirname, '../../../bench/data/news-dev');
const VERSION = 9;
const KEY = contentKey([{ name: 'news-dev', content: 'test' }]);

/** Every question of news-dev, asked of an index: its hits as a reader's first answer would see them. */
function hitsOf(index: SearchIndex, questions: readonly string[]): string {
  return JSON.stringify(questions.map((q) => index.search(q, { limit: 5 })));
}

/** The vector records an index gives the cache, in one buffer. */
function recordBytes(index: SearchIndex): Buffer {
  const records = index.cacheParts().semantics!;
  return Buffer.concat([...records.chunks()].map((c) => Buffer.from(c))); // each chunk copied: its buffer is refilled
}

describe('index sections: vectors left in the cache file', () => {
  let work: string;
  let wordData: WordData;
  let paragraphs: Paragraph[];
  let texts: string[];
  let questions: string[];
  let built: SearchIndex;
  let file: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'storybot-sections-'));
    wordData = loadWordData();
    paragraphs = (await loadStories(NEWS)).flatMap((s) => s.paragraphs);
    texts = paragraphs.map((p) => p.text);
    questions = ['Who won the election?', 'How many nurses are on strike?', 'When will the bridge reopen?'];
    for (const name of ['01-lindmark-election.qa.json', '08-wrenfield-bridge.qa.json']) {
      const qa = JSON.parse(readFileSync(join(NEWS, name), 'utf8')) as { questions: { q: string }[] };
      questions.push(...qa.questions.map((x) => x.q));
    }
    built = SearchIndex.build(paragraphs, wordData);
    file = join(work, 'index.sbindex');
    writeCacheFile(file, VERSION, KEY, indexToSections(SearchIndex.build(paragraphs, wordData, { lazyVectors: true })));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function open(path = file): { sections: Sections; deferred: Record<string, DeferredSection> } {
    const read = readCacheFile(path, VERSION, KEY, DEFERRED_INDEX_SECTIONS);
    if (!read.ok) throw new Error(read.message);
    return read;
  }

  it('leaves the vector records in the file, and reads the same vectors from it as were built', () => {
    const { sections, deferred } = open();
    expect(Object.keys(sections).some((name) => name.startsWith('semantics.'))).toBe(false);
    expect(Object.keys(deferred)).toEqual(['semantics.records']);
    const restored = indexFromSections(sections, texts, wordData, deferred);
    expect(hitsOf(restored, questions)).toBe(hitsOf(built, questions));
    // Those a question reached were read from the file; the rest are read for the records.
    expect(recordBytes(restored)).toEqual(recordBytes(built));
    deferred['semantics.records'].file.close();
  });

  it('reads the same records when they are loaded into memory instead (no defer)', () => {
    const read = readCacheFile(file, VERSION, KEY);
    if (!read.ok) throw new Error(read.message);
    expect(read.sections['semantics.records']).toBeInstanceOf(Uint8Array);
    expect(read.deferred).toEqual({});
    const restored = indexFromSections(read.sections, texts, wordData);
    expect(hitsOf(restored, questions)).toBe(hitsOf(built, questions));
  });

  it('keeps reading the file it opened once a newer one replaces it (by rename)', () => {
    const copy = join(work, 'replaced.sbindex');
    writeFileSync(copy, readFileSync(file));
    const { sections, deferred } = open(copy);
    const restored = indexFromSections(sections, texts, wordData, deferred);
    writeCacheFile(copy, VERSION, KEY, { other: Uint8Array.from([1, 2, 3]) });
    const { file: opened, offset } = deferred['semantics.records'];
    const some = new Uint8Array(400);
    expect(opened.read(offset, some)).toBe(true);
    expect(Buffer.from(some)).toEqual(readFileSync(file).subarray(offset, offset + 400));
    expect(hitsOf(restored, questions)).toBe(hitsOf(built, questions));
    opened.close();
  });

  it('takes the vectors from the file, not from a build (a file holding other vectors gives those)', () => {
    const sections = indexToSections(built);
    const records = sections['semantics.records'] as { bytes: number };
    const other = new Uint8Array(records.bytes).fill(3);
    const path = join(work, 'other.sbindex');
    writeCacheFile(path, VERSION, KEY, { ...sections, 'semantics.records': other });
    const read = open(path);
    const restored = indexFromSections(read.sections, texts, wordData, read.deferred);
    expect(recordBytes(restored)).toEqual(Buffer.from(other));
    read.deferred['semantics.records'].file.close();
  });

  it('makes the vectors itself, the same, when the file can no longer be read', () => {
    const { sections, deferred } = open();
    const restored = indexFromSections(sections, texts, wordData, deferred);
    deferred['semantics.records'].file.close();
    expect(deferred['semantics.records'].file.read(0, new Uint8Array(4))).toBe(false);
    expect(hitsOf(restored, questions)).toBe(hitsOf(built, questions));
    expect(recordBytes(restored)).toEqual(recordBytes(built));
  });

  it('still refuses a file with one byte of the records changed, though they are not loaded', () => {
    const bad = join(work, 'bad.sbindex');
    const bytes = readFileSync(file);
    const { deferred } = open();
    const at = deferred['semantics.records'].offset + 1000;
    deferred['semantics.records'].file.close();
    bytes[at] ^= 0x40;
    writeFileSync(bad, bytes);
    expect(readCacheFile(bad, VERSION, KEY, DEFERRED_INDEX_SECTIONS)).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('refuses records that do not fit the postings', () => {
    const { sections, deferred } = open();
    const short = { ...deferred['semantics.records'], bytes: deferred['semantics.records'].bytes - 100 };
    expect(() => indexFromSections(sections, texts, wordData, { 'semantics.records': short })).toThrow(CacheRejected);
    deferred['semantics.records'].file.close();
  });
});
