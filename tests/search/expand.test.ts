import { describe, expect, it } from 'vitest';
import { namedWords, QueryExpander } from '../../src/search/expand.js';
import { lexiconFromTable } from '../../src/search/lexicon/index.js';
import { withDefaults } from '../../src/search/options.js';
import { Postings } from '../../src/search/postings.js';
import { withSentences } from '../../src/story/sentences.js';

const postings = new Postings(
  ['The soldiers left the harbor.', 'Talks on the memoranda of understanding (MoUs) ended.'].map(withSentences),
  { k1: 1.2, b: 0.75 },
);
const words = lexiconFromTable(new Map([['troop', [{ term: 'soldier', weight: 0.6 }]]]));

describe('QueryExpander', () => {
  const expander = new QueryExpander(postings, withDefaults({ words }));
  const standIns = (question: string) =>
    expander.expand(question).terms.map((q) => `${q.of}>${q.term}${q.related ? '~' : ''}`);

  it('stands a related word in for an asked word, marked related and weighed less', () => {
    expect(standIns('Where did the troops go?')).toContain('troop>soldier~');
    const soldier = expander.expand('troops').terms.find((q) => q.term === 'soldier')!;
    expect(soldier.weight).toBeLessThan(expander.askedWeight('troop'));
  });

  it('finds a British spelling and an acronym the story defines', () => {
    expect(standIns('Which harbour?')).toContain('harbour>harbor');
    expect(standIns('How many MoUs?').some((s) => s.startsWith('mou>') && s.includes('memoranda'))).toBe(true);
  });

  it('reads a short form as the words the story spells out, in full', () => {
    const story = new Postings(['The club moved its headquarters after the referee quit.'].map(withSentences), {
      k1: 1.2,
      b: 0.75,
    });
    const terms = new QueryExpander(story, withDefaults({ words })).expand('where is the hq and who was the ref').terms;
    expect(terms.map((q) => `${q.of}>${q.term}:${q.credit}`).sort()).toEqual(['hq>headquart:1', 'ref>refere:1']);
  });

  it('weighs words that phrase a question less than topic words', () => {
    expect(expander.askedWeight('name')).toBeLessThan(expander.askedWeight('harbor'));
  });

  it('reads capitalised words after the first as names, unless the question shouts', () => {
    expect([...namedWords('How old is Drost?')]).toEqual(['drost']);
    expect(namedWords('HOW OLD IS DROST?').size).toBe(0);
  });
});
