import { describe, expect, it } from 'vitest';
import { paragraphChoices, storyChoices } from '../../src/discord/autocomplete.js';
import { Library } from '../../src/answer/library.js';
import { parseStory } from '../../src/story/load.js';
import { wordData } from '../support/search.js';

const stories = [
  parseStory('# Harbour works\n\nThe wall cost 12 million euros.\n\nThe mayor opened it.', 'harbour'),
  parseStory(`# ${'Very long title '.repeat(20)}\n\nOnly paragraph.`, 'long'),
];
const library = Library.fromStories(stories, wordData());

describe('storyChoices', () => {
  it("filters by id or title, and keeps names within Discord's 100 characters", () => {
    expect(storyChoices(library, 'harb').map((c) => c.value)).toEqual(['harbour']);
    expect(storyChoices(library, '').map((c) => c.value)).toEqual(['harbour', 'long']);
    for (const choice of storyChoices(library, '')) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});

describe('paragraphChoices', () => {
  it('matches typed digits against numbers and typed words against the text', () => {
    expect(paragraphChoices(library, '2', 'harbour').map((c) => c.value)).toEqual([2]);
    expect(paragraphChoices(library, 'euros', 'harbour').map((c) => c.value)).toEqual([1]);
    expect(paragraphChoices(library, '', 'harbour')[0].name).toMatch(/^¶1 — The wall cost/);
  });
});
