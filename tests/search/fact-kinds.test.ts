import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquad1 } from '../../bench/lib/data.js';
import {
  askedFactKinds,
  FactKind,
  factKindsOf,
  factSpans,
  factSpansOfKinds,
  IN_TEXT,
  isYesNoQuestion,
  NEEDED_IN_TEXT,
} from '../../src/search/fact-kinds.js';

const has = (mask: number, kind: number) => (mask & kind) !== 0;

describe('kinds of fact asked', () => {
  it.each([
    ['How old is Helena Drost?', FactKind.Age],
    ['How many seats did the nationalists get?', FactKind.Count],
    ['death toll?', FactKind.Count],
    ['What is the population of Iraq?', FactKind.Count],
    ['When did the drone strike happen?', FactKind.Date],
    ['At what time did the ground start shaking?', FactKind.Time],
    ['How long did the final last?', FactKind.Duration],
    ['final score?', FactKind.Score],
    ['What percentage of voters turned out?', FactKind.Percent],
    ['How much did the ticket cost?', FactKind.Money],
    ['Why did fewer people vote?', FactKind.Reason],
    ['How did the attackers break in?', FactKind.Means],
    ['Who is the Iraqi prime minister?', FactKind.Name],
    ['What did Drost promise her supporters?', FactKind.Quote],
  ])('%s', (question, kind) => {
    expect(has(askedFactKinds(question), kind)).toBe(true);
  });

  it('asks a reason whatever figures the question names', () => {
    expect(askedFactKinds('Why did turnout fall to 71%?')).toBe(FactKind.Reason);
  });

  it('reads yes/no questions, which are answered by a deciding phrase', () => {
    expect(isYesNoQuestion('Did the hackers get passwords?')).toBe(true);
    expect(isYesNoQuestion("Isn't the bridge closed?")).toBe(true);
    expect(isYesNoQuestion('Who got the passwords?')).toBe(false);
    expect(askedFactKinds('Is tallyo going to pay the hackers')).toBe(FactKind.Stance);
  });

  it('finds what could settle a yes/no question: a denial, a confirmation, a plan', () => {
    for (const sentence of ['No one was killed.', 'The firm said it would appeal.', "Tallyo hasn't paid."]) {
      expect(has(factKindsOf(sentence), FactKind.Stance)).toBe(true);
    }
    expect(has(factKindsOf('The bridge reopened on Monday.'), FactKind.Stance)).toBe(false);
  });
});

describe('kinds of fact held', () => {
  const text =
    'Drost, 54, said the final lasted 2 hours, 51 minutes and ended after 11 p.m. on Monday because of rain; $14.2 million, 27.4%, 6-4.';
  const spans = factSpans(text);
  const of = (kind: number) => spans.filter((s) => s.kind === kind).map((s) => text.slice(s.start, s.end));

  it('finds each kind with where it stands', () => {
    expect(of(FactKind.Age)).toEqual(['54']); // the age alone: the name before it is the question's own word
    expect(of(FactKind.Duration)).toEqual(['2 hours', '51 minutes']);
    expect(of(FactKind.Time)).toContain('11 p.m.');
    expect(of(FactKind.Date)).toContain('Monday');
    expect(of(FactKind.Money)).toEqual(['$14.2 million']);
    expect(of(FactKind.Percent)).toEqual(['27.4%']);
    expect(of(FactKind.Score)).toEqual(['6-4']);
    expect(of(FactKind.Reason)).toContain('because');
  });

  it('does not count a year as a count', () => {
    expect(has(factKindsOf('It happened in 2020.'), FactKind.Count)).toBe(false);
    expect(has(factKindsOf('It happened in 2020.'), FactKind.Date)).toBe(true);
    expect(has(factKindsOf('About 2,500 U.S. forces'), FactKind.Count)).toBe(true);
  });
});

describe('factSpansOfKinds', () => {
  it('gives the spans of the kinds asked, as factSpans gives them, and reads no other', () => {
    const text = 'Because of the storm, 2,500 troops aged 20 left on Monday at 9 a.m. for "three weeks", said Smith.';
    const all = factSpans(text);
    for (const kinds of [FactKind.Count, FactKind.Date | FactKind.Time, FactKind.Name | FactKind.Reason, 0, -1])
      expect(factSpansOfKinds(text, kinds)).toEqual(all.filter((span) => (span.kind & kinds) !== 0));
  });
});

describe('the strings each kind needs (NEEDED_IN_TEXT)', () => {
  /** The kind's spans by its own pattern alone, with no test first. */
  const byPattern = (text: string, kind: number, pattern = IN_TEXT.find(([k]) => k === kind)![1]) => {
    pattern.lastIndex = 0;
    return [...text.matchAll(pattern)].filter((m) => m[0].length > 0).map((m) => [m.index, m[0]]);
  };
  const spansOf = (text: string, kind: number) =>
    factSpansOfKinds(text, kind).map((s) => [s.start, text.slice(s.start, s.end)]);
  const sentencesOf = (dir: string) =>
    readdirSync(dir)
      .filter((f) => /\.(txt|md)$/.test(f) && f !== 'README.md')
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/(?<=[.!?])\s+|\n+/));

  it('finds every span the patterns find in the stories, news-dev, news-train and SQuAD dev', () => {
    const root = join(import.meta.dirname, '..', '..');
    const sentences = [
      ...loadSquad1().articles.flatMap((a) => a.paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/))),
      ...sentencesOf(join(root, 'seeds')),
      ...sentencesOf(join(root, 'bench', 'data', 'news-dev')),
      ...readdirSync(join(root, 'bench', 'data', 'news-train'), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((e) => sentencesOf(join(root, 'bench', 'data', 'news-train', e.name))),
    ];
    expect(sentences.length).toBeGreaterThan(1000);
    let skipped = 0;
    for (const [kind, needed] of NEEDED_IN_TEXT) {
      for (const sentence of sentences) {
        expect(spansOf(sentence, kind)).toEqual(byPattern(sentence, kind));
        if (!needed.test(sentence)) skipped++;
      }
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('finds names as the look-back-first pattern does', () => {
    const lookBackFirst = /(?<=\s["'“(]?)\p{Lu}[\p{L}'’\-.]+/gu;
    const texts = [
      ...loadSquad1().articles.flatMap((a) => a.paragraphs),
      'Said "Smith, and (Jones) ‘Lee’ “Drost” O’Neil-Smith J.R.R. Tolkien ÉCOLE née Ávila',
    ];
    for (const text of texts)
      expect(spansOf(text, FactKind.Name)).toEqual(byPattern(text, FactKind.Name, lookBackFirst));
  });

  it('finds every span the patterns find in texts made of their own pieces', () => {
    const pieces = [
      'last week',
      'this season',
      'next',
      'year',
      'yesterday',
      'Sept.',
      'earlier this',
      'later this',
      'tonight',
      'decade',
      'Tuesday',
      'Dec',
      '(29)',
      'Vella (',
      'age',
      'AGED',
      'teenagers',
      'mayor',
      'aged',
      '54',
      'years',
      'old',
      'in her twenties',
      'teenager',
      'Vella,',
      '29,',
      'Smith (',
      ')',
      '$',
      '£3',
      '14.2',
      'million',
      'dollars',
      'kronor',
      'per cent',
      '%',
      'percentage points',
      'three',
      'a dozen',
      'half an',
      'hour',
      'for decades',
      'the past',
      'week',
      'at',
      '9',
      'a.m.',
      '11:30',
      'noon',
      "o'clock",
      'overnight',
      'morning',
      '6-4',
      '(7-5)',
      'km',
      'magnitude',
      '7.1',
      'feet',
      'seats',
      'two hundred',
      '1990s',
      'May',
      '3',
      'ſix',
      'K',
      'Monday',
      ',',
      '-',
      ' ',
      'the',
      'rain',
      'twenty-one',
      'fifth',
      'minute',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 12 }),
        fc.constantFrom(' ', '', '-'),
        (words, glue) => {
          const text = words.join(glue);
          for (const kind of NEEDED_IN_TEXT.keys()) expect(spansOf(text, kind)).toEqual(byPattern(text, kind));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
