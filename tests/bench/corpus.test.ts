import { describe, expect, it } from 'vitest';
import { growCorpus, roughSentences, seededRandom, shuffle } from '../../bench/lib/corpus.js';
import type { SquadSet } from '../../bench/lib/data.js';

// A small SQuAD-shaped set: 8 paragraphs of distinct, recognisable sentences.
function tinySet(): SquadSet {
  const paragraphs = Array.from(
    { length: 8 },
    (_, p) => `Alpha${p} one is here. Beta${p} two is there. Gamma${p} three ends it.`,
  );
  return {
    source: 'test',
    license: 'test',
    articles: [
      {
        title: 'Tiny',
        paragraphs,
        questions: paragraphs.map((_, p) => ({
          id: `q${p}`,
          question: `Where is Beta${p}?`,
          paragraph: p,
          answers: ['there'],
        })),
      },
    ],
  };
}

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('shuffles into a permutation', () => {
    const items = shuffle(
      Array.from({ length: 50 }, (_, i) => i),
      seededRandom(3),
    );
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('roughSentences', () => {
  it('splits at end punctuation before a capital or digit', () => {
    expect(roughSentences('It rained. Then it stopped! 1999 was dry? "Yes," he said.')).toEqual([
      'It rained.',
      'Then it stopped!',
      '1999 was dry?',
      '"Yes," he said.',
    ]);
  });
});

describe('growCorpus', () => {
  const set = tinySet();
  const originals = set.articles[0].paragraphs;

  it('keeps every real paragraph and reaches the size asked', () => {
    const grown = growCorpus(set, 100, 42);
    expect(grown.texts).toHaveLength(100);
    expect(grown.originals).toBe(8);
    for (const p of originals) expect(grown.texts).toContain(p);
    expect(growCorpus(set, 3, 42).texts).toHaveLength(8);
  });

  it('points every question at its real paragraph', () => {
    const grown = growCorpus(set, 60, 42);
    expect(grown.questions.length).toBeGreaterThan(0);
    for (const q of grown.questions) {
      const p = Number(/Beta(\d)/.exec(q.question)![1]);
      expect(grown.texts[q.gold]).toBe(originals[p]);
    }
  });

  it('never reuses a sentence of an asked paragraph in a distractor', () => {
    const grown = growCorpus(set, 200, 42);
    const asked = new Set(grown.questions.map((q) => grown.texts[q.gold]));
    const askedSentences = [...asked].flatMap(roughSentences);
    const distractors = grown.texts.filter((t) => !originals.includes(t));
    expect(distractors.length).toBe(192);
    for (const d of distractors) for (const s of askedSentences) expect(d.includes(s)).toBe(false);
  });

  it('is the same for the same seed', () => {
    expect(growCorpus(set, 50, 9)).toEqual(growCorpus(set, 50, 9));
    expect(growCorpus(set, 50, 9).texts).not.toEqual(growCorpus(set, 50, 10).texts);
  });
});
