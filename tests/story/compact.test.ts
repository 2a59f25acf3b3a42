import { describe, expect, it } from 'vitest';
import { compactStories, CompactParagraph, plainStory, tableFits } from '../../src/story/compact.js';
import { parseStory } from '../../src/story/load.js';
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

function compacted() {
  const index = SearchIndex.build(STORY.paragraphs);
  return { index, stories: compactStories([STORY], index.sentenceTable()) };
}

describe('compact paragraphs (sentence offsets in one table)', () => {
  it('give the same sentences, text and numbers as the parsed paragraphs', () => {
    const [story] = compacted().stories;
    expect(story.paragraphs.every((p) => p instanceof CompactParagraph)).toBe(true);
    story.paragraphs.forEach((p, i) => {
      const parsed = STORY.paragraphs[i];
      expect(p.n).toBe(parsed.n);
      expect(p.text).toBe(parsed.text);
      expect(p.sentences).toEqual(parsed.sentences);
    });
    expect(story.id).toBe(STORY.id);
    expect(story.title).toBe(STORY.title);
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
    const { index } = compacted();
    const texts = STORY.paragraphs.map((p) => p.text);
    const table = index.sentenceTable();
    expect(tableFits(table, texts)).toBe(true);
    expect(tableFits(table, texts.slice(1))).toBe(false);
    const end = table.end.slice();
    end[1] = texts[0].length + 1;
    expect(tableFits({ ...table, end }, texts)).toBe(false);
    const first = table.first.slice();
    first[1] = first[2] + 1;
    expect(tableFits({ ...table, first }, texts)).toBe(false);
  });
});
