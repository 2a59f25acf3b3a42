import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeParagraph, spanText } from '../../../src/answer/span/paragraph.js';
import { SOURCES } from '../../../src/answer/span/candidates.js';
import { splitSentences } from '../../../src/story/sentences.js';

function analyze(text: string) {
  return analyzeParagraph(text, splitSentences(text));
}

const TEXT =
  "Super Bowl 50 was played on February 7, 2016 at Levi's Stadium in Santa Clara. About 2,500 U.S. troops remain, and the University of Chicago said 27.4% of them were women.";

describe('candidate spans', () => {
  it('cuts dates, figures, names and noun phrases from wink-nlp tags', () => {
    const p = analyze(TEXT);
    const texts = p.candidates.map((c) => spanText(p, c));
    expect(texts).toEqual(
      expect.arrayContaining([
        'February 7, 2016',
        "Levi's Stadium",
        'Santa Clara',
        '2,500',
        'About 2,500',
        'University of Chicago',
        '27.4%',
      ]),
    );
    const sourcesOf = (text: string) => {
      const c = p.candidates.find((x) => spanText(p, x) === text)!;
      return SOURCES.filter((_, b) => c.sources & (1 << b));
    };
    expect(sourcesOf('February 7, 2016')).toContain('date');
    expect(sourcesOf('27.4%')).toContain('percent');
    expect(sourcesOf('University of Chicago')).toContain('properName');
  });

  it('keeps each candidate within one sentence, never starting or ending on punctuation', () => {
    const p = analyze(TEXT);
    const sentences = splitSentences(TEXT);
    for (const c of p.candidates) {
      const text = spanText(p, c);
      const s = sentences[c.sentence];
      expect(p.tokens[c.first].start).toBeGreaterThanOrEqual(s.start);
      expect(p.tokens[c.last].end).toBeLessThanOrEqual(s.end);
      expect(text).not.toMatch(/^[,.;:!?)\]]|[,;:(\[]$/);
    }
  });

  it('never offers an empty candidate, even where the tagger cuts an empty token ("A0..0")', () => {
    for (const text of ['A0..0', 'x A0..0 y']) {
      for (const c of analyze(text).candidates) expect(spanText(analyze(text), c).length).toBeGreaterThan(0);
    }
  });

  it('is exact about offsets on any text: every candidate is a slice of it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              'The',
              'U.S.',
              '2,500',
              '“quoted”',
              "Levi's",
              '19th-century',
              '$5',
              'é',
              '—',
              '\n',
              '🙂',
              'Dr.',
            ),
            fc.string(),
          ),
          { maxLength: 40 },
        ),
        (words) => {
          const text = words.join(' ');
          const p = analyze(text);
          for (const c of p.candidates) {
            const span = spanText(p, c);
            expect(text.slice(p.tokens[c.first].start, p.tokens[c.last].end)).toBe(span);
            expect(span.trim()).toBe(span);
            expect(span.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
