import { describe, expect, it } from 'vitest';
import { analyze, terms } from '../../src/search/text.js';

describe('terms', () => {
  it('ignores case, punctuation and possessives, and stems', () => {
    expect(terms("Iran's FORCES, forces!")).toEqual(['iran', 'forc', 'forc']);
  });

  it('makes U.S./US, 2,500/2500 and hyphenated names meet', () => {
    expect(terms('U.S. forces')).toEqual(terms('US forces'));
    expect(terms('about 2,500')).toEqual(terms('about 2500'));
    expect(terms('al-Sudani')).toEqual(['al', 'sudani']);
    expect(terms('U.S.-led coalition')).toEqual(['us.', 'led', 'coalit']);
    expect(terms('US')).not.toEqual(terms('use'));
  });

  it('keeps single digits, which natural lists as stop words', () => {
    expect(terms('3 troops in 2020')).toEqual(['3', 'troop', '2020']);
  });

  it('drops stop words but keeps acronyms that spell one', () => {
    expect(terms('what is the IT budget')).toEqual(['it.', 'budget']);
    expect(terms('what is it')).toEqual([]);
  });

  it('keeps offsets of the surface word', () => {
    const text = 'The 2,500 U.S. forces';
    for (const t of analyze(text)) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it('reads contractions as their words, not as stems of their own', () => {
    expect(terms("didn't they win")).toEqual(terms('did they win'));
    expect(terms("won't it rain")).toEqual(terms('will it rain'));
    expect(terms("they're here")).toEqual(terms('they here'));
    expect(terms("Iran's army")).toEqual(['iran', 'armi']);
  });
});
