import { describe, expect, it } from 'vitest';
import { compactStories, CompactParagraph, plainStory, storeStory, tableFits } from '../../src/story/compact.js';
import { parseStory } from '../../src/story/load.js';
import { TextStore } from '../../src/story/text-store.js';
import { SearchIndex } from '../../src/search/index.js';

const STORY = parseStory(
  [
    '# Bridge closed',
    '',
    'The council met on Tuesday. It voted to close the bridge. Dr. Smith objected.',
    '',
    'Repairs will take 8 weeks – or more, said the U.S. engineer. Nobody knows.',
    '',
    'One sentence only',
  ].join('\n'),
  'bridge',
);

/** As a first start does it: the story moved into a text store, indexed, then put on the index's table. */
function compacted() {
  const texts = new TextStore(16);
  const stored = storeStory(STORY, texts);
  const index = SearchIndex.build(stored.paragraphs, {}, { texts });
  return { index, stored, texts, stories: compactStories([stored], texts, index.sentenceTable()) };
}

describe('compact paragraphs (sentence offsets in one table)', () => {
  it('give the same sentences, text and numbers as the parsed paragraphs, stored and compacted', () => {
    const { stored, stories } = compacted();
    for (const story of [stored, stories[0]]) {
      expect(story.paragraphs.every((p) => p instanceof CompactParagraph)).toBe(true);
      story.paragraphs.forEach((p, i) => {
        const parsed = STORY.paragraphs[i];
        expect(p.n).toBe(parsed.n);
        expect(p.text).toBe(parsed.text);
        expect(p.sentences).toEqual(parsed.sentences);
      });
      expect(story.id).toBe(STORY.id);
      expect(story.title).toBe(STORY.title);
    }
  });

  it('index to the same answers as the parsed paragraphs', () => {
    const plain = SearchIndex.build(STORY.paragraphs);
    const { index } = compacted();
    for (const q of ['Who objected?', 'How long will repairs take?', 'When did the council meet?'])
      expect(JSON.stringify(index.searchDetailed(q))).toBe(JSON.stringify(plain.searchDetailed(q)));
  });

  it('serialise to the same JSON as plain paragraphs', () => {
    const [story] = compacted().stories;
    expect(JSON.stringify(story)).toBe(JSON.stringify(STORY));
  });

  it('become plain data for structured clone, which keeps own fields only', () => {
    const [story] = compacted().stories;
    expect(structuredClone(story).paragraphs[0].sentences).toBeUndefined();
    const plain = plainStory(story);
    expect(structuredClone(plain)).toEqual(JSON.parse(JSON.stringify(STORY)));
    expect(plainStory(STORY)).toBe(STORY);
  });

  it('check that a table fits its texts', () => {
    const { index, texts } = compacted();
    const fewer = new TextStore();
    STORY.paragraphs.slice(1).forEach((p) => fewer.add(p.text));
    const table = index.sentenceTable();
    expect(tableFits(table, texts)).toBe(true);
    expect(tableFits(table, fewer)).toBe(false);
    const end = table.end.slice();
    end[1] = STORY.paragraphs[0].text.length + 1;
    expect(tableFits({ ...table, end }, texts)).toBe(false);
    const first = table.first.slice();
    first[1] = first[2] + 1;
    expect(tableFits({ ...table, first }, texts)).toBe(false);
  });
});
