import { describe, expect, it } from 'vitest';
import {
  askedFactKinds,
  FactKind,
  factKindsOf,
  factSpans,
  factSpansOfKinds,
  isYesNoQuestion,
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
