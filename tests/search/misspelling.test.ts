import { describe, expect, it } from 'vitest';
import { QueryExpander } from '../../src/search/expand.js';
import { lexiconFromTable } from '../../src/search/lexicon/index.js';
import { englishFix } from '../../src/search/misspelling.js';
import { withDefaults } from '../../src/search/options.js';
import { Postings } from '../../src/search/postings.js';
import { stem } from '../../src/search/text.js';
import { withSentences } from '../../src/story/sentences.js';

// How common each stem is in English (SemCor counts); a stem missing here is no English word.
const counts = new Map([
  ['work', 460],
  ['fund', 40],
  ['befor', 68],
  ['thin', 30],
  ['bake', 3],
  ['plane', 20],
  ['plant', 25],
  ['offic', 200],
  ['investig', 30],
]);
const words = lexiconFromTable(new Map(), counts);
const fix = (word: string) => englishFix(word, stem(word), words);

describe('englishFix', () => {
  it.each(['wich', 'thier', 'becuase', 'befor', 'untill'])('reads %s as a stop word', (word) => {
    expect(fix(word)).toEqual({ stopWord: true });
  });

  it('reads a misspelt content word as the common English word one edit away', () => {
    expect(fix('workng')).toEqual({ stopWord: false, term: 'work' });
    expect(fix('fundng')).toEqual({ stopWord: false, term: 'fund' });
  });

  it('leaves a word alone when two readings are about as common', () => {
    expect(fix('plane')).toBeUndefined(); // an English word itself
    expect(fix('plant')).toBeUndefined();
    expect(fix('planx')).toBeUndefined(); // "plant" (25) or "plane" (20): no clear reading
  });

  it('leaves English words, short words and unknown names alone', () => {
    expect(fix('thin')).toBeUndefined(); // one edit from "this", but English itself
    expect(fix('bake')).toBeUndefined();
    expect(fix('tim')).toBeUndefined();
    expect(fix('pezeshkian')).toBeUndefined();
    expect(fix('which')).toBeUndefined();
  });
});

describe('misspellings in questions', () => {
  const postings = new Postings(
    ['The probe kept working for ten days.', 'The office of the investigation opened.'].map(withSentences),
    { k1: 1.2, b: 0.75 },
  );
  const expander = new QueryExpander(postings, withDefaults({ words }));
  const asked = (question: string) => [...expander.expand(question).asked.keys()];

  it('drops a misspelt stop word instead of searching for it as a rare word', () => {
    expect(asked('wich office opened')).toEqual(['offic', 'open']);
  });

  it('searches a misspelt word the story lacks as the English word meant', () => {
    expect(asked('how long will the probe keep workng')).toContain('work');
  });

  it("prefers the story's own word one edit away, and keeps names as written", () => {
    expect(asked('wich ofice opened')).toContain('ofic'); // the story's "office" is found by the typo matcher
    expect(asked('What did Wich say about the probe?')).toContain('wich');
  });
});
