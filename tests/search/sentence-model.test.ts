import { describe, expect, it } from 'vitest';
import { SENTENCE, SENTENCE_FEATURE_COUNT } from '../../src/search/rerank-model.js';
import { alignmentCredit, arrangement } from '../../src/search/sentence-scan.js';
import { argmax, scoreSentences, type SentenceEvidence } from '../../src/search/sentence-model.js';

const sentence = (covered: number, score: number): SentenceEvidence => ({
  covered,
  softCovered: covered,
  aligned: covered,
  words: 0.5,
  density: 0,
  order: 0,
  score,
  length: 10,
});

describe('scoreSentences', () => {
  const weights = new Array<number>(SENTENCE_FEATURE_COUNT).fill(0);
  weights[SENTENCE.coverage] = 1;
  const context = { totalWeight: 2, position: 0, facts: 0, weights, newFacts: () => 0, cosine: () => 0 };

  it('scores each sentence by its weighted features, and marks the story lead', () => {
    const { scores, features } = scoreSentences([sentence(1, 1), sentence(2, 4)], context);
    expect(scores).toEqual([0.5, 1]);
    expect(features[1][SENTENCE.match]).toBe(1);
    expect(features[0][SENTENCE.storyLead]).toBe(1);
    expect(features[1][SENTENCE.storyLead]).toBe(0);
    expect(features[0][SENTENCE.neighbour]).toBe(1);
  });

  it('argmax picks the first of the best', () => {
    expect(argmax([1, 3, 3])).toBe(1);
  });
});

describe("the sentence scan's measures", () => {
  it('arrangement: density over the shortest span holding every word, order as the longest run in question order', () => {
    const { density, order } = arrangement([0, 1, 0, 2], [0, 1, 5, 6], 3, new Int32Array(8));
    expect(density).toBeCloseTo(3 / 6);
    expect(order).toBe(1);
    expect(arrangement([1, 0], [0, 1], 2, new Int32Array(4)).order).toBe(0.5);
  });

  it('alignmentCredit: nothing up to the floor, full at cosine 1', () => {
    expect(alignmentCredit(0.2)).toBe(0);
    expect(alignmentCredit(1)).toBe(1);
    expect(alignmentCredit(0.65)).toBeCloseTo(0.5);
  });
});
