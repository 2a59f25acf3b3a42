import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstPass, topByScore, type FirstPassTerm } from '../../src/search/first-pass.js';
import { Postings } from '../../src/search/postings.js';
import { terms } from '../../src/search/text.js';
import { withSentences } from '../../src/story/sentences.js';

/**
 * The first pass as plainly written before it was made faster: a word's one term added straight to
 * the scores; several walked into a per-document best, then added in the order first reached. The fast one must give
 * the very same leaders, float32 scores and order (ties included) as this one.
 */
function plainLeaders(
  postings: Postings,
  k1: number,
  terms: readonly FirstPassTerm[],
  from: number,
  to: number,
  depth: number,
  expensiveDf: number,
  everyDoc: boolean,
): { id: number; score: number }[] {
  const { postingDoc, postingTf, docNorm, idf } = postings;
  const scores = new Float32Array(postings.size);
  const best = new Float32Array(postings.size);
  const touched: number[] = [];
  const groups = new Map<string, FirstPassTerm[]>();
  for (const q of terms) groups.set(q.of, [...(groups.get(q.of) ?? []), q]);
  for (const group of groups.values()) {
    const searched = group.filter((q) => !q.related || postings.documentFrequency(q.id) <= expensiveDf);
    if (searched.length === 1) {
      const q = searched[0];
      const w = idf[q.id] * q.weight * (k1 + 1);
      const [start, end] = postings.postingRange(q.id, from, to);
      for (let p = start; p < end; p++) {
        const d = postingDoc[p];
        const tf = postingTf[p];
        if (scores[d] === 0) touched.push(d);
        scores[d] += (w * tf) / (tf + docNorm[d]);
      }
      continue;
    }
    const groupTouched: number[] = [];
    for (const q of searched) {
      const w = idf[q.id] * q.weight * (k1 + 1);
      const [start, end] = postings.postingRange(q.id, from, to);
      for (let p = start; p < end; p++) {
        const d = postingDoc[p];
        const tf = postingTf[p];
        const contribution = (w * tf) / (tf + docNorm[d]);
        if (best[d] === 0) groupTouched.push(d);
        if (contribution > best[d]) best[d] = contribution;
      }
    }
    for (const d of groupTouched) {
      if (scores[d] === 0) touched.push(d);
      scores[d] += best[d];
      best[d] = 0;
    }
  }
  if (everyDoc) for (let d = from; d < to; d++) if (scores[d] === 0) touched.push(d);
  return topByScore(Uint32Array.from(touched), touched.length, scores, depth);
}

// Few words, so that documents share them and tie often.
const WORDS = ['troops', 'iraq', 'harvest', 'soldiers', 'army', 'base', 'wheat', 'crop', 'rain', 'forces'];

describe('FirstPass', () => {
  it('breaks a tie at the cut as the plain walk does: for the document it reaches first', () => {
    // Documents 1 and 2 tie, reached only by the stand-in "troop"; the word's first term is "iraq".
    const postings = new Postings(['iraq', 'troops', 'troops', 'troops iraq'].map(withSentences), { k1: 1.2, b: 0.75 });
    const id = (term: string) => postings.vocabulary.get(term)!;
    const searched: FirstPassTerm[] = [
      { id: id('iraq'), of: 'a', weight: 0.1, related: false },
      { id: id('troop'), of: 'a', weight: 1, related: true },
    ];
    for (let depth = 1; depth <= 3; depth++) {
      const fast = new FirstPass(postings, 1.2).leaders(searched, 0, 4, depth, 10, false);
      expect(fast).toEqual(plainLeaders(postings, 1.2, searched, 0, 4, depth, 10, false));
    }
  });

  it('keeps, in a tie at the cut, the document the walk reaches first, not the lower id', () => {
    // "iraq" and "troops" weigh the same in documents of one length: 1 and 2 tie, 2 is reached first.
    const postings = new Postings(['wheat', 'iraq', 'troops'].map(withSentences), { k1: 1.2, b: 0.75 });
    const id = (term: string) => postings.vocabulary.get(term)!;
    const searched: FirstPassTerm[] = [
      { id: id('troop'), of: 'a', weight: 1, related: false },
      { id: id('iraq'), of: 'b', weight: 1, related: false },
    ];
    const leaders = new FirstPass(postings, 1.2).leaders(searched, 0, 3, 1, 10, false);
    expect(leaders).toEqual(plainLeaders(postings, 1.2, searched, 0, 3, 1, 10, false));
    expect(leaders.map((l) => l.id)).toEqual([2]);
  });

  it('gives the plain walk’s leaders, scores and order, ties included, whatever the words and weights', () => {
    const corpus = fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        corpus,
        fc.array(
          fc.record({
            word: fc.constantFrom(...WORDS),
            of: fc.constantFrom('a', 'b', 'c'),
            weight: fc.constantFrom(1, 0.6, 0.35, 0.7),
            related: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (words, asked, a, b, depth, everyDoc) => {
          const postings = new Postings(
            words.map((w) => withSentences(`${w.join(' ')}.`)),
            { k1: 1.2, b: 0.75 },
          );
          const searched: FirstPassTerm[] = asked
            .map(({ word, of, weight, related }) => ({
              id: postings.vocabulary.get(terms(word)[0]) ?? -1,
              of,
              weight,
              related,
            }))
            .filter((q) => q.id >= 0);
          const from = a % postings.size;
          const to = from + 1 + (b % (postings.size - from));
          const expensiveDf = 3;
          const fast = new FirstPass(postings, 1.2);
          // Twice on one instance: its buffers must come back clean.
          for (let round = 0; round < 2; round++)
            expect(fast.leaders(searched, from, to, depth, expensiveDf, everyDoc)).toEqual(
              plainLeaders(postings, 1.2, searched, from, to, depth, expensiveDf, everyDoc),
            );
        },
      ),
      { numRuns: 300 },
    );
  });
});
