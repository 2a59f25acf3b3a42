import { describe, expect, it } from 'vitest';
import type { Answer, Passage } from '../src/answer/types.js';
import { answerToText, boldSpan } from '../src/text-render.js';

const passage: Passage = {
  story: 'iraq',
  paragraph: 3,
  text: 'Violence has risen. Iran supports many armed groups, and the approximately 2,500 U.S. forces stationed there reflect it.',
  sentence: 'Iran supports many armed groups, and the approximately 2,500 U.S. forces stationed there reflect it.',
  score: 1,
  matched: ['forces'],
};

describe('answers as text', () => {
  it('shows the short answer first, bold and cited, then the sentence with it in bold, then the passage', () => {
    const answer: Answer = {
      question: 'How many US troops are in Iraq?',
      answered: true,
      passages: [passage],
      shortAnswer: '2,500',
    };
    const [first, second, , third] = answerToText(answer).split('\n');
    expect(first).toBe('**2,500** [¶3]');
    expect(second).toBe(
      'Iran supports many armed groups, and the approximately **2,500** U.S. forces stationed there reflect it. [¶3]',
    );
    expect(third).toBe(`  [¶3] ${passage.text}`);
  });

  it('bolds a short answer from another sentence where it stands in the passage', () => {
    const answer: Answer = {
      question: 'What has risen?',
      answered: true,
      passages: [passage],
      shortAnswer: 'Violence',
    };
    const text = answerToText(answer);
    expect(text.split('\n')[1]).toBe(`${passage.sentence} [¶3]`);
    expect(text).toContain('[¶3] **Violence** has risen.');
  });

  it('is unchanged without a short answer, and says so when the story does not answer', () => {
    const answer: Answer = { question: 'q', answered: true, passages: [passage], shortAnswer: null };
    expect(answerToText(answer).split('\n')[0]).toBe(`${passage.sentence} [¶3]`);
    expect(answerToText({ question: 'q', answered: false, passages: [], shortAnswer: null })).toBe(
      "The story doesn't say.",
    );
  });

  it('bolds whole words only', () => {
    expect(boldSpan('In 2016, 16 teams played.', '16')).toBe('In 2016, **16** teams played.');
    expect(boldSpan('In 2016.', '16')).toBeUndefined();
  });

  it('says what the story mentions when it names the subject but not the fact', () => {
    const answer: Answer = {
      question: 'How old is Pezeshkian?',
      answered: false,
      passages: [passage],
      shortAnswer: null,
      note: "The story mentions Pezeshkian but doesn't give an age.",
    };
    const [first, second] = answerToText(answer).split('\n');
    expect(first).toBe("The story mentions Pezeshkian but doesn't give an age.");
    expect(second).toBe('Closest passages:');
  });

  it('answers each part of a two-part question under its own number', () => {
    const troops: Answer = {
      question: 'How many US troops are in Iraq',
      answered: true,
      passages: [passage],
      shortAnswer: '2,500',
    };
    const why: Answer = { question: 'why is it strained?', answered: false, passages: [], shortAnswer: null };
    const text = answerToText({
      question: 'How many US troops are in Iraq and why is it strained?',
      answered: true,
      passages: [passage],
      shortAnswer: '2,500',
      parts: [troops, why],
    });
    expect(text.startsWith('1. How many US troops are in Iraq\n**2,500** [¶3]')).toBe(true);
    expect(text).toContain("\n\n2. why is it strained?\nThe story doesn't say.");
  });
});
