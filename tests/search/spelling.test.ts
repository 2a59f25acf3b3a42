import { describe, expect, it } from 'vitest';
import { spellingVariants } from '../../src/search/spelling.js';

describe('British and American spellings', () => {
  it.each([
    ['harbour', 'harbor'],
    ['harbor', 'harbour'],
    ['paediatric', 'pediatric'],
    ['pediatric', 'paediatric'],
    ['cancelled', 'canceled'],
    ['defence', 'defense'],
    ['centre', 'center'],
    ['organisers', 'organizers'],
    ['programme', 'program'],
    ['enrolment', 'enrollment'],
    ['grey', 'gray'],
  ])('%s is also spelt %s', (word, other) => {
    expect(spellingVariants(word)).toContain(other);
  });

  it('leaves short words and words without such a pattern alone', () => {
    expect(spellingVariants('four')).toEqual([]);
    expect(spellingVariants('hour')).toEqual([]);
    expect(spellingVariants('tour')).toEqual([]);
    expect(spellingVariants('Iraq')).toEqual([]);
  });
});
