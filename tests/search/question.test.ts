import { describe, expect, it } from 'vitest';
import { isShouted, normalizeQuestion, SHORT_FORMS } from '../../src/search/question.js';
import { terms } from '../../src/search/text.js';

describe('reading a question as people type it', () => {
  it('reads a question typed in capitals as ordinary words, not acronyms', () => {
    expect(isShouted('WHAT HAPPENED TO SOLEIMANI?')).toBe(true);
    expect(isShouted('How many US troops are in Iraq?')).toBe(false);
    expect(isShouted('NATO?')).toBe(false); // too short to tell shouting from an acronym
    expect(terms(normalizeQuestion('WHAT HAPPENED TO SOLEIMANI?'))).toEqual(terms('what happened to soleimani'));
  });

  it('replaces chat spellings and drops filler', () => {
    expect(normalizeQuestion('wat do ppl think abt it')).toBe('what do people think about it');
    expect(terms(normalizeQuestion('is tallyo gonna pay the hackers or nah'))).toEqual(
      terms('is tallyo going to pay the hackers'),
    );
    expect(terms(normalizeQuestion('why did she actually end up leaving'))).toEqual(terms('why did she leaving'));
  });

  it('reads dollar signs without a figure as money, and small ordinals as words', () => {
    expect(terms(normalizeQuestion('how much $$ did she win'))).toContain('monei');
    expect(normalizeQuestion('what did the 3rd place runner say')).toContain('third');
    expect(normalizeQuestion('is it $5 million')).toContain('$5');
  });

  it('knows the long forms of common short forms, in lower case', () => {
    expect(SHORT_FORMS.govt).toBe('government');
    expect(SHORT_FORMS.pm).toBe('prime minister');
    for (const key of Object.keys(SHORT_FORMS)) expect(key).toBe(key.toLowerCase());
  });
});
