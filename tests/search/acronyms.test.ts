import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acronymDefinitions, definitionMatches } from '../../src/search/acronyms.js';
import { indexOf } from '../support/search.js';

describe('acronyms a story defines', () => {
  it('reads "words (WAS)" when the capitals are the words\' initials', () => {
    expect(acronymDefinitions('plans to sign memoranda of understanding (MoUs) on trade')).toEqual([
      { acronym: 'mou', expansion: ['memoranda', 'understand'] },
    ]);
    expect(acronymDefinitions('organised by the Nursing and Midwifery Union (NMU), the strike')).toEqual([
      { acronym: 'nmu.', expansion: ['nurs', 'midwiferi', 'union'] },
    ]);
    expect(acronymDefinitions('a rise (about 5%) in prices')).toEqual([]);
    expect(acronymDefinitions('the firm (Tallyo) said')).toEqual([]);
  });

  it('lets either form find the other in that story', () => {
    const index = indexOf([
      'Pezeshkian announced plans to sign memoranda of understanding (MoUs) on trade.',
      'The weather was hot.',
      'Around 15 MoUs would be finalized during the visit.',
    ]);
    const hit = index.search('How many memoranda will be finalized?').find((h) => h.id === 2);
    expect(hit?.matchedTerms.has('mou')).toBe(true);
  });
});

describe('definitionMatches', () => {
  const PIECES = [
    'memoranda',
    'of',
    'Union',
    'é',
    '𝐀x',
    "o'Neil",
    'well-known',
    '’s',
    '5%',
    '(MoUs)',
    '(NMU)',
    '(Tallyo)',
    '(A)',
    '(ABCDEFGHI)',
    '(AB&C)',
    '(',
    ')',
    ',',
    '.',
    '\u0301',
    '\u00a0',
  ];
  it('finds exactly what matchAll(DEFINITION) finds', () => {
    const definition = /((?:[\p{L}][\p{L}'’-]*\s+){1,8})\(([A-Z][A-Za-z&]{1,7})\)/gu;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
        fc.array(fc.constantFrom(' ', '', '  ', '\n', '-'), { maxLength: 40 }),
        (words, glue) => {
          const text = words.map((w, i) => w + (glue[i] ?? ' ')).join('');
          const got = [...definitionMatches(text)].map((m) => [m.index, m[0], m[1], m[2]]);
          const want = [...text.matchAll(definition)].map((m) => [m.index, m[0], m[1], m[2]]);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
