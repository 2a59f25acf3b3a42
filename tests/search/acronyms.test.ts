import { describe, expect, it } from 'vitest';
import { acronymDefinitions } from '../../src/search/acronyms.js';
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
