import { describe, expect, it } from 'vitest';
import { FactKind, factSpans, type FactSpan } from '../../src/search/fact-kinds.js';
import { factWindowShares } from '../../src/search/fact-window.js';
import { terms } from '../../src/search/text.js';
import type { AskedWord } from '../../src/search/types.js';

/** The question's content words, each of weight 1 (as the search would read them, less the weights). */
function asked(question: string): AskedWord[] {
  return terms(question).map((term) => ({
    term,
    weight: 1,
    inRange: 1,
    named: false,
    rarity: 1,
    spread: 0,
    storyName: false,
  }));
}

/** Every fact span of a sentence with its stems, as the evidence reader keeps them. */
const spansOf = (sentence: string): FactSpan[] =>
  factSpans(sentence).map((span) => ({ ...span, terms: terms(sentence.slice(span.start, span.end)) }));

const factWindowShare = (sentence: string, words: AskedWord[], facts: number, reach: number) =>
  factWindowShares(sentence, spansOf(sentence), words, facts, [reach])[0].exact;

describe('an asked fact beside the question words', () => {
  const troops = asked('How many troops are in Iraq?');

  it('counts the question words within reach of a new figure of the asked kind', () => {
    const share = factWindowShare('About 2,500 US troops remain in Iraq.', troops, FactKind.Count, 6);
    expect(share).toBe(1);
  });

  it('is low when the only figure of that kind counts something far from the question words', () => {
    const sentence =
      'Troops have been stationed across Iraq since the war began, officials said on Monday, while a separate audit found 40 unpaid invoices.';
    expect(factWindowShare(sentence, troops, FactKind.Count, 2)).toBe(0);
    expect(factWindowShare(sentence, troops, FactKind.Count, 6)).toBeLessThan(1);
  });

  it('ignores the question’s own figure and kinds that were not asked', () => {
    const final = asked('Who scored in the 1954 final?');
    expect(factWindowShare('The 1954 final was played in the rain.', final, FactKind.Date, 6)).toBe(0);
    expect(factWindowShare('About 2,500 US troops remain in Iraq.', troops, FactKind.Reason, 6)).toBe(0);
  });

  it('gives one share per reach, the wider never below the narrower', () => {
    const sentence = 'In Iraq, officials said, some 2,500 soldiers remain.';
    const [wide, narrow] = factWindowShares(sentence, spansOf(sentence), troops, FactKind.Count, [6, 1]);
    expect(wide.exact).toBeGreaterThan(narrow.exact);
    expect(narrow.exact).toBe(0);
  });

  it('is 0 when the sentence holds no fact of the asked kind', () => {
    expect(factWindowShare('Troops remain in Iraq.', troops, FactKind.Count, 6)).toBe(0);
  });

  it('counts a loosely met word at its credit when told what each word stands for', () => {
    const sentence = 'About 2,500 US forces remain in Iraq.';
    // "forces" stands for "troop" (asked word 0) at 0.6; "iraq" is itself.
    const creditOf = (term: string) =>
      term === 'forc' ? [[0, 0.6] as const] : term === 'iraq' ? [[1, 1] as const] : [];
    const [window] = factWindowShares(sentence, spansOf(sentence), troops, FactKind.Count, [6], creditOf);
    expect(window.exact).toBe(0.5);
    expect(window.loose).toBeCloseTo(0.8);
  });

  it('tells the asked attribute beside the fact from the name beside it', () => {
    // "Bluecrest" is a name; what is asked of it is "founded".
    const founded = asked('When was Bluecrest founded?').map((w) =>
      w.term === 'bluecrest' ? { ...w, named: true, storyName: true } : w,
    );
    const named = 'Bluecrest opened a route to Oslo in 2019.';
    const [nameOnly] = factWindowShares(named, spansOf(named), founded, FactKind.Date, [6]);
    expect(nameOnly.exact).toBe(0.5);
    expect(nameOnly.attribute).toBe(0);
    const given = 'Bluecrest, founded in 1998, flies to Oslo.';
    const [both] = factWindowShares(given, spansOf(given), founded, FactKind.Date, [6]);
    expect(both.attribute).toBe(1);
  });

  it('reads the whole question as the attribute when it names nothing', () => {
    const sentence = 'About 2,500 US troops remain in Iraq.';
    const [window] = factWindowShares(sentence, spansOf(sentence), troops, FactKind.Count, [6]);
    expect(window.attribute).toBe(window.loose);
  });
});
