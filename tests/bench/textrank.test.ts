import { describe, expect, it } from 'vitest';
import { textRankPick, textRankScores, textRankSimilarity } from '../../bench/lib/textrank.js';

describe('plain TextRank', () => {
  it('similarity: shared words over the sum of the log lengths', () => {
    const a = new Set(['bank', 'rate', 'rise']);
    const b = new Set(['rate', 'rise', 'farm', 'drought']);
    expect(textRankSimilarity(a, b)).toBeCloseTo(2 / (Math.log(3) + Math.log(4)), 12);
    expect(textRankSimilarity(new Set(['one']), b)).toBe(0);
  });

  it('ranks the sentence that shares words with all the others first; scores sum to the count', () => {
    const sentences = [
      ['storm', 'coast', 'power'],
      ['storm', 'coast', 'power', 'school', 'road'],
      ['school', 'close', 'monday'],
      ['road', 'flood', 'bridge'],
      ['election', 'vote', 'party'],
    ];
    const scores = textRankScores(sentences);
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
    expect(scores[4]).toBeCloseTo(0.15, 9); // no edges: only the teleport share
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(sentences.length + 1e-9);
    expect(textRankPick(sentences, 2)).toEqual([0, 1]); // the best two, in story order
  });
});
