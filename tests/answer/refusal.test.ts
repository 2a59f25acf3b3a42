import { describe, expect, it } from 'vitest';
import { refusalNote } from '../../src/answer/refusal.js';
import type { AskedWord } from '../../src/search/index.js';
import { FactKind } from '../../src/search/fact-kinds.js';

const word = (term: string, extra: Partial<AskedWord> = {}): AskedWord => ({
  term,
  weight: 1,
  inRange: 1,
  named: false,
  rarity: 0.5,
  spread: 0.1,
  storyName: false,
  ...extra,
});

describe('the one-line refusal', () => {
  const closest = ['Helena Drost, the Civic Alliance leader, declared victory.'];

  it('names what the story mentions and the kind of fact it lacks', () => {
    const asked = [word('helena', { named: true, storyName: true }), word('drost', { named: true, storyName: true })];
    expect(refusalNote({ asked, facts: FactKind.Age }, closest)).toBe(
      "The story mentions Helena Drost but doesn't give an age.",
    );
    expect(refusalNote({ asked, facts: FactKind.Date | FactKind.Time }, closest)).toBe(
      "The story mentions Helena Drost but doesn't say when.",
    );
    expect(refusalNote({ asked, facts: 0 }, closest)).toBe("The story mentions Helena Drost but doesn't answer that.");
  });

  it('says nothing when the story does not hold the name asked about', () => {
    const asked = [word('hamlet', { named: true, inRange: 0 })];
    expect(refusalNote({ asked, facts: FactKind.Name }, closest)).toBeUndefined();
    expect(refusalNote({ asked: [word('weather')], facts: 0 }, closest)).toBeUndefined();
  });
});
