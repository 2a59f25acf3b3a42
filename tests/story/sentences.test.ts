import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/story/sentences.js';

const texts = (p: string) => splitSentences(p).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps abbreviations, titles, initials and decimals inside their sentence', () => {
    expect(texts('About 2,500 U.S. forces are there. Dr. Smith met Maj.-Gen. Qassem Soleimani in 2019.')).toEqual([
      'About 2,500 U.S. forces are there.',
      'Dr. Smith met Maj.-Gen. Qassem Soleimani in 2019.',
    ]);
    expect(texts('J. K. Rowling wrote it. Growth was 3.5 percent.')).toEqual([
      'J. K. Rowling wrote it.',
      'Growth was 3.5 percent.',
    ]);
  });

  it('ends a sentence after a dotted acronym when a new sentence clearly opens', () => {
    expect(texts('He flew to the U.S. The talks began.')).toEqual(['He flew to the U.S.', 'The talks began.']);
  });

  it('keeps closing quotes with their sentence and splits on ! and ?', () => {
    expect(texts('He said "We will return." Then he left! Why? Nobody knows')).toEqual([
      'He said "We will return."',
      'Then he left!',
      'Why?',
      'Nobody knows',
    ]);
  });

  it('never loses text: offsets point at the verbatim sentence and the last one is kept', () => {
    const p = 'First one.  Second one without a stop';
    const sentences = splitSentences(p);
    expect(sentences).toHaveLength(2);
    for (const s of sentences) expect(p.slice(s.start, s.end)).toBe(s.text);
    expect(sentences[1].text).toBe('Second one without a stop');
  });
});
