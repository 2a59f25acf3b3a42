import { describe, expect, it } from 'vitest';
import { questionParts } from '../../src/answer/parts.js';

const texts = (q: string) => questionParts(q).map((p) => p.text);

describe('two questions in one', () => {
  it('splits a second question joined by "and"', () => {
    expect(texts('How many US troops are in Iraq and why is the relationship strained?')).toEqual([
      'How many US troops are in Iraq',
      'why is the relationship strained?',
    ]);
    expect(texts("What's the trust's offer, and how big is the lump sum on top?")).toEqual([
      "What's the trust's offer",
      'how big is the lump sum on top?',
    ]);
  });

  it('splits two question words that share one question', () => {
    expect(texts('When and where does the parade start?')).toEqual([
      'When does the parade start?',
      'where does the parade start?',
    ]);
  });

  it('splits two marked questions', () => {
    expect(texts('Who won? By how much?')).toEqual(['Who won?', 'By how much?']);
  });

  it("lends a short second part the first part's topic for the search, not for display", () => {
    const [, second] = questionParts('What protection are victims being offered, and for how long?');
    expect(second.text).toBe('for how long?');
    expect(second.query).toContain('protection');
  });

  it('leaves one question whole, "and" between names included', () => {
    expect(texts('Who are Drost and Reinholt?')).toEqual(['Who are Drost and Reinholt?']);
    expect(texts('What did the trust and the union agree?')).toEqual(['What did the trust and the union agree?']);
  });
});
