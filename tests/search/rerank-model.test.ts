import { describe, expect, it } from 'vitest';
import {
  FEATURE_COUNT,
  normalizeFeatures,
  RERANK_FEATURES,
  rerankShares,
  rerankWeightVector,
  SENTENCE_FEATURES,
} from '../../src/search/rerank-model.js';
import { RERANK_WEIGHTS, SENTENCE_WEIGHTS } from '../../src/search/rerank-weights.js';

const at = (name: (typeof RERANK_FEATURES)[number]) => RERANK_FEATURES.indexOf(name);

function leaders(rows: Partial<Record<(typeof RERANK_FEATURES)[number], number>>[]): Float64Array {
  const x = new Float64Array(rows.length * FEATURE_COUNT);
  rows.forEach((row, i) => {
    for (const [name, value] of Object.entries(row))
      x[i * FEATURE_COUNT + at(name as (typeof RERANK_FEATURES)[number])] = value;
  });
  return x;
}

describe('re-rank model', () => {
  it('ships one finite weight per feature, by name', () => {
    expect(Object.keys(RERANK_WEIGHTS).sort()).toEqual([...RERANK_FEATURES].sort());
    expect(rerankWeightVector(RERANK_WEIGHTS)).toHaveLength(FEATURE_COUNT);
    expect(Object.values(RERANK_WEIGHTS).every(Number.isFinite)).toBe(true);
    expect(Object.keys(SENTENCE_WEIGHTS).sort()).toEqual([...SENTENCE_FEATURES].sort());
  });

  it("scales score-like features by the leaders' largest and ranks by the hand-tuned score", () => {
    const x = leaders([
      { score: 2, bm25: 4, coverage: 0.5 },
      { score: 8, bm25: 2, coverage: 0.9 },
    ]);
    normalizeFeatures(x, 2);
    expect(x[at('score')]).toBeCloseTo(0.25);
    expect(x[FEATURE_COUNT + at('score')]).toBeCloseTo(1);
    expect(x[at('bm25')]).toBeCloseTo(1);
    expect(x[at('coverage')]).toBeCloseTo(0.5); // shares are left as they are
    expect(x[at('reciprocalRank')]).toBeCloseTo(0.5);
    expect(x[FEATURE_COUNT + at('reciprocalRank')]).toBeCloseTo(1);
  });

  it('turns linear scores into shares that sum to one, best first by weight', () => {
    const x = leaders([{ coverage: 0.2 }, { coverage: 0.9 }, { coverage: 0.5 }]);
    const weights = RERANK_FEATURES.map((name) => (name === 'coverage' ? 3 : 0));
    const shares = rerankShares(x, 3, weights);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(shares[1]).toBeGreaterThan(shares[2]);
    expect(shares[2]).toBeGreaterThan(shares[0]);
    expect(shares[1] / shares[2]).toBeCloseTo(Math.exp(3 * 0.4), 6);
  });

  it('refuses weights that do not match the features', () => {
    expect(() => rerankShares(leaders([{}]), 1, [1, 2])).toThrow(/weights/);
  });
});
