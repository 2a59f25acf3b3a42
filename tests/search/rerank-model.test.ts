import { describe, expect, it } from 'vitest';
import {
  bestLeaders,
  FEATURE_COUNT,
  normalizeFeatures,
  RERANK_FEATURES,
  rerankShares,
  RERANK_FEATURE_SIGNS,
  rerankWeightVector,
  SENTENCE_FEATURES,
} from '../../src/search/rerank-model.js';
import { RERANK_HIDDEN, RERANK_WEIGHTS, SENTENCE_WEIGHTS } from '../../src/search/rerank-weights.js';

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

  it('ships a hidden layer that reads every feature and keeps each on its side', () => {
    expect(RERANK_HIDDEN.topK).toBeGreaterThan(1);
    expect(RERANK_HIDDEN.mean).toHaveLength(FEATURE_COUNT);
    expect(RERANK_HIDDEN.scale.every((v) => v > 0)).toBe(true);
    expect(RERANK_HIDDEN.units.length).toBeGreaterThan(0);
    for (const unit of RERANK_HIDDEN.units) {
      expect(unit.weights).toHaveLength(FEATURE_COUNT);
      expect(unit.out).toBeGreaterThanOrEqual(0);
      RERANK_FEATURES.forEach((name, f) => {
        const sign = RERANK_FEATURE_SIGNS[name] ?? 0;
        expect(unit.weights[f] * sign).toBeGreaterThanOrEqual(0);
      });
    }
  });

  it('lets the hidden layer lift a leader more of whose evidence it holds, never sink it', () => {
    const x = leaders([
      { coverage: 0.5, sentenceCosine: 0.4 },
      { coverage: 0.5, sentenceCosine: 0.4 },
    ]);
    const linear = rerankWeightVector(RERANK_WEIGHTS);
    const before = rerankShares(x, 2, linear, RERANK_HIDDEN);
    expect(before[0]).toBeCloseTo(0.5, 10);
    for (const name of ['coverage', 'sentenceCosine', 'alignParagraph'] as const) {
      const more = Float64Array.from(x);
      more[FEATURE_COUNT + at(name)] += 0.3;
      expect(rerankShares(more, 2, linear, RERANK_HIDDEN)[1]).toBeGreaterThanOrEqual(before[1]);
      const withoutLayer = rerankShares(more, 2, linear);
      // The layer adds to the linear model's lift (or leaves it), for a feature that argues for a paragraph.
      expect(rerankShares(more, 2, linear, RERANK_HIDDEN)[1]).toBeGreaterThanOrEqual(withoutLayer[1] - 1e-12);
    }
  });

  it('picks the best leaders for the hidden layer, the earlier one on a tie', () => {
    expect(bestLeaders([0.2, 0.9, 0.5, 0.9, -1], 3)).toEqual([1, 3, 2]);
    expect(bestLeaders([1, 2], 5)).toEqual([1, 0]);
  });

  it('refuses weights that do not match the features', () => {
    expect(() => rerankShares(leaders([{}]), 1, [1, 2])).toThrow(/weights/);
  });
});
