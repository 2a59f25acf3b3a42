import { describe, expect, it } from 'vitest';
import { fitHiddenLayer, linearBest } from '../../tools/lib/rerank-hidden.js';
import type { RankedQuestion } from '../../tools/lib/training.js';
import { FEATURE_COUNT, RERANK_FEATURES, RERANK_FEATURE_SIGNS, rerankShares } from '../../src/search/rerank-model.js';
import type { Hit } from '../../src/search/index.js';

const at = (name: (typeof RERANK_FEATURES)[number]) => RERANK_FEATURES.indexOf(name);

/** Questions of four leaders each; the answer is the leader with the most coverage, whatever else. */
function questions(count: number): RankedQuestion[] {
  return Array.from({ length: count }, (_, q) => {
    const leaders = Array.from({ length: 4 }, (_, i) => {
      const features = new Array<number>(FEATURE_COUNT).fill(0);
      features[at('coverage')] = Math.abs(Math.sin(q * 12.9898 + i * 78.233));
      features[at('length')] = Math.abs(Math.cos(q * 3.1 + i));
      return { id: i, features } as unknown as Hit;
    });
    const best = leaders.reduce(
      (b, h, i) => (h.features![at('coverage')] > leaders[b].features![at('coverage')] ? i : b),
      0,
    );
    return {
      source: 'news-dev',
      group: `g${q % 5}`,
      question: `q${q}`,
      gold: [best],
      unanswerable: false,
      leaders,
      asked: [],
      facts: 0,
      yesNo: false,
      goldSentences: [],
    };
  });
}

const firstRight = (qs: RankedQuestion[], weights: number[], hidden?: Parameters<typeof rerankShares>[3]) =>
  qs.filter((q) => {
    const x = q.leaders.flatMap((h) => h.features!);
    const shares = rerankShares(x, q.leaders.length, weights, hidden);
    return shares.indexOf(Math.max(...shares)) === q.gold[0];
  }).length / qs.length;

describe("the re-rank's hidden layer", () => {
  const zero = new Array<number>(FEATURE_COUNT).fill(0);
  const frozen = RERANK_FEATURES.map((f) => f === 'noCount');
  const train = questions(300);
  const layer = fitHiddenLayer(train, zero, { units: 4, topK: 4, epochs: 150, frozen });

  it('learns what the linear model missed, and ranks unseen questions by it', () => {
    const unseen = questions(400).slice(300);
    expect(firstRight(unseen, zero)).toBeLessThan(0.5);
    expect(firstRight(unseen, zero, layer)).toBeGreaterThan(0.9);
  });

  it('keeps each feature on its side, adds and never subtracts, and leaves fixed features alone', () => {
    for (const unit of layer.units) {
      expect(unit.out).toBeGreaterThanOrEqual(0);
      RERANK_FEATURES.forEach((f, i) => {
        const sign = RERANK_FEATURE_SIGNS[f] ?? 0;
        if (sign > 0) expect(unit.weights[i]).toBeGreaterThanOrEqual(0);
        if (sign < 0) expect(unit.weights[i]).toBeLessThanOrEqual(0);
      });
      expect(unit.weights[at('noCount')]).toBe(0);
    }
    expect(layer.units.some((u) => u.out > 0 && u.weights[at('coverage')] > 0)).toBe(true);
  });

  it("re-orders only the linear model's best leaders", () => {
    const weights = zero.map((_, f) => (f === at('length') ? 1 : 0));
    const q = questions(1)[0];
    const keep = linearBest(q, weights, 2);
    const x = q.leaders.flatMap((h) => h.features!);
    const shares = rerankShares(x, 4, weights, { ...layer, topK: 2 });
    const order = shares.map((_, i) => i).sort((a, b) => shares[b] - shares[a]);
    expect(new Set(order.slice(0, 2))).toEqual(new Set(keep));
  });
});
