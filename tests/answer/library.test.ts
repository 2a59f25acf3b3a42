import { describe, expect, it } from 'vitest';
import { Library, loadLibrary } from '../../src/answer/library.js';
import { parseStory } from '../../src/story/load.js';
import { wordData } from '../support/search.js';

describe('Library on the shipped story', async () => {
  const library = await loadLibrary('seeds');

  it('answers with the paragraph and sentence that hold the answer', () => {
    const answer = library.ask('How many US forces are stationed in Iraq?');
    expect(answer.answered).toBe(true);
    const [best] = answer.passages;
    expect(best.paragraph).toBe(3);
    expect(best.sentence).toContain('2,500');
    expect(best.text).toContain(best.sentence);
    expect(best.matched).toEqual(expect.arrayContaining(['U.S.', 'forces']));
  });

  it('quotes the sentence that gives the figure a "how many" question asks for', () => {
    const [best] = library.ask('How many memoranda of understanding will be signed?').passages;
    expect(best.paragraph).toBe(4);
    expect(best.sentence).toContain('15 MoUs');
  });

  it('answers a count question from a paragraph that holds a figure', () => {
    // ¶6 says "attacks on U.S. troops" word for word but gives no count; ¶3 has "2,500 U.S. forces".
    const [best] = library.ask('How many US troops are in Iraq?').passages;
    expect(best.paragraph).toBe(3);
    expect(best.sentence).toContain('2,500');
  });

  it('reaches paraphrases through related words', () => {
    expect(library.ask('Who was killed in 2020?').passages[0].paragraph).toBe(5);
    expect(library.ask('What farming agreements are planned?').passages[0].paragraph).toBe(4);
    // The story says "forces"; soldiers are near them by word vectors.
    expect(library.ask('How many soldiers are stationed in Iraq?').passages[0].paragraph).toBe(3);
    expect(library.ask('What farming deals were signed?').passages[0].paragraph).toBe(4);
  });

  it('says honestly when the story does not answer', () => {
    for (const q of ['What is the capital of France?', 'How do I bake bread?', 'hello', 'Who wrote Hamlet?', '']) {
      expect(library.ask(q).answered, q).toBe(false);
    }
  });

  it('tolerates typos and spelling variants', () => {
    const answer = library.ask('How many forcs are in Irak?');
    expect(answer.answered).toBe(true);
    expect(answer.passages.map((p) => p.paragraph)).toContain(3);
  });

  it('lists passages best first, within the limit', () => {
    const answer = library.ask('Iraq', { limit: 2 });
    expect(answer.passages.length).toBeLessThanOrEqual(2);
    const scores = answer.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('shows people only close passages, and lists the closest `limit` for machines', () => {
    const question = 'How many memoranda of understanding will be signed?';
    const shown = library.ask(question, { limit: 3 });
    const listed = library.ask(question, { limit: 3, allPassages: true });
    expect(listed.passages).toHaveLength(3);
    expect(shown.passages.length).toBeLessThan(3);
    expect(listed.passages.slice(0, shown.passages.length)).toEqual(shown.passages);
    for (const p of listed.passages.slice(shown.passages.length))
      expect(p.score).toBeLessThan(shown.passages[0].score * 0.6);
  });
});

describe('Library reads questions as readers write them', async () => {
  const library = await loadLibrary('seeds');
  const first = (question: string) => library.ask(question).passages[0]?.paragraph;

  it('answers a question in capitals as it answers it in lower case', () => {
    const shouted = library.ask('WHAT HAPPENED TO SOLEIMANI?');
    expect(shouted.answered).toBe(true);
    expect(first('WHAT HAPPENED TO SOLEIMANI?')).toBe(first('What happened to Soleimani?'));
  });

  it("meets the story's spelling from the other side of the Atlantic", () => {
    expect(first('Who was welcomed with a guard of honour?')).toBe(2);
  });

  it("says it does not answer, and what it does mention, when a named person's fact is missing", () => {
    const answer = library.ask('How old is Pezeshkian?');
    expect(answer.answered).toBe(false);
    expect(answer.shortAnswer).toBeNull();
    expect(answer.note).toMatch(/^The story mentions .*Pezeshkian.* but doesn't give an age\.$/);
    expect(answer.passages.length).toBeGreaterThan(0); // the closest, for the reader to check
  });

  it("answers each part of a two-part question, the first part's passage first", () => {
    const answer = library.ask('How many US troops are in Iraq and why is the relationship strained?');
    expect(answer.parts).toHaveLength(2);
    expect(answer.parts![0].passages[0].paragraph).toBe(3);
    expect(answer.parts![1].passages[0].paragraph).toBe(6);
    expect(answer.passages.map((p) => p.paragraph).slice(0, 2)).toEqual([3, 6]);
  });

  it('does not answer thanks or a greeting, whatever words it shares with the story', () => {
    expect(library.ask('thanks!').answered).toBe(false);
    expect(library.ask('hi there').answered).toBe(false);
  });
});

describe('Library with several stories', () => {
  const library = Library.fromStories(
    [
      parseStory('Iraq and Iran signed trade agreements.\nThe visit lasted three days.', 'visit'),
      parseStory('The harvest failed after a long drought.\nFarmers asked for aid.', 'harvest'),
    ],
    wordData(),
  );

  it('cites each passage with its story', () => {
    expect(library.ask('Why did the harvest fail?').passages[0]).toMatchObject({ story: 'harvest', paragraph: 1 });
    expect(library.ask('trade agreements').passages[0]).toMatchObject({ story: 'visit', paragraph: 1 });
  });

  it('searches only the story asked for', () => {
    const answer = library.ask('trade agreements', { story: 'harvest' });
    expect(answer.passages.every((p) => p.story === 'harvest')).toBe(true);
    expect(library.ask('trade', { story: 'nope' })).toEqual({
      question: 'trade',
      answered: false,
      passages: [],
      shortAnswer: null,
    });
  });

  it('finds a paragraph by story and number', () => {
    expect(library.paragraph('harvest', 2)?.text).toBe('Farmers asked for aid.');
    expect(library.paragraph('harvest', 3)).toBeUndefined();
  });
});
