import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, WordAnalyzer } from '../../src/search/text.js';
import { growCorpus } from '../../bench/lib/corpus.js';
import { loadSquad1 } from '../../bench/lib/data.js';

function viaAnalyzer(analyzer: WordAnalyzer, text: string): [string, string, number][] {
  const out: [string, string, number][] = [];
  analyzer.forEachToken(text, (term, surface, start) => out.push([term, surface, start]));
  return out;
}

const viaAnalyze = (text: string) => analyze(text).map((t): [string, string, number] => [t.term, t.surface, t.start]);

const PIECES = [
  'U.S.',
  'US',
  'us',
  'IT',
  'it',
  'NATO',
  'nato',
  '2,500',
  '3.5',
  '1990s',
  "Iran's",
  'didn’t',
  "won't",
  'al-Sudani',
  'Café',
  'café',
  'the',
  'a',
  'I',
  'x',
  'MoUs',
  'e.g.',
  'Sept.',
  '19th',
  '0',
  '7',
  'Ωmega',
  '東京',
  'naïve',
  '—',
  ' ',
  ', ',
  '. ',
  '(',
  ')',
  '"',
  'ABCDEF',
  'running',
  'Running',
  '𝐀bc',
  '😀',
  'e\u0301',
  '‐',
  '‑',
  '’s',
  'x.y.z.',
  '\ud800',
  '١٢٣',
];

describe('WordAnalyzer', () => {
  it('gives exactly what analyze gives, word pieces of every kind in any order', () => {
    const analyzer = new WordAnalyzer();
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }),
        fc.array(fc.constantFrom(' ', '', '-', '.', "'"), { maxLength: 30 }),
        (words, glue) => {
          const text = words.map((w, i) => w + (glue[i] ?? ' ')).join('');
          expect(viaAnalyzer(analyzer, text)).toEqual(viaAnalyze(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives exactly what analyze gives on any Unicode text', () => {
    const analyzer = new WordAnalyzer();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(viaAnalyzer(analyzer, text)).toEqual(viaAnalyze(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers each distinct word once, with the same terms and surface every time', () => {
    const analyzer = new WordAnalyzer();
    const seen = new Map<number, [readonly string[], string]>();
    const text = Array.from({ length: 5000 }, (_, i) => `w${i % 3000}x Word${i % 7}`).join(' ');
    analyzer.forEachWord(text, (terms, surface, start, word) => {
      expect(text.startsWith(surface, start)).toBe(true);
      const before = seen.get(word);
      if (before) {
        expect(before[0]).toBe(terms);
        expect(before[1]).toBe(surface);
      } else seen.set(word, [terms, surface]);
    });
    expect(seen.size).toBe(3007);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...Array(3007).keys()]);
  });

  it('gives exactly what analyze gives on every SQuAD 1.1 dev paragraph', () => {
    const analyzer = new WordAnalyzer();
    const { texts } = growCorpus(loadSquad1(), 0);
    for (const text of texts) expect(viaAnalyzer(analyzer, text)).toEqual(viaAnalyze(text));
  });
});
