import { describe, expect, it } from 'vitest';
import { TypoMatcher, withinOneEdit } from '../../src/search/fuzzy.js';

describe('withinOneEdit', () => {
  it.each([
    ['irak', 'iraq', true],
    ['forc', 'forcs', true],
    ['froces', 'forces', true],
    ['iran', 'iraq', true],
    ['iran', 'irish', false],
    ['abc', 'abcde', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });
});

describe('TypoMatcher', () => {
  it('finds known terms one edit away, and nothing for short or numeric words', () => {
    const m = new TypoMatcher(['iraq', 'forc', 'soleimani', 'trade']);
    expect(m.near('irak')).toEqual(['iraq']);
    expect(m.near('soliemani')).toEqual(['soleimani']);
    expect(m.near('fo')).toEqual([]);
    expect(m.near('2501')).toEqual([]);
  });
});
