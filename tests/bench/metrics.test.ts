import { describe, expect, it } from 'vitest';
import { median, percentile, RankTally, rankOf, rocAuc } from '../../bench/lib/metrics.js';
import { topK } from '../../bench/engines/peers.js';
import { bytes, duration, ratio, table } from '../../bench/lib/format.js';

describe('rankOf', () => {
  it('gives the 1-based rank of the first acceptable id, 0 when absent', () => {
    expect(rankOf([4, 2, 7], [2])).toBe(2);
    expect(rankOf([4, 2, 7], [7, 4])).toBe(1);
    expect(rankOf([4, 2, 7], [9])).toBe(0);
    expect(rankOf([], [0])).toBe(0);
  });
});

describe('rocAuc', () => {
  it('is the share of positive-negative pairs ordered positive first, ties half', () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1);
    expect(rocAuc([1, 2], [3, 4])).toBe(0);
    expect(rocAuc([2, 5], [1, 3])).toBe(0.75);
    expect(rocAuc([1], [1])).toBe(0.5);
    expect(rocAuc([], [1])).toBe(0.5);
  });
});

describe('RankTally', () => {
  it('computes top-1, top-3 and MRR', () => {
    const t = new RankTally();
    for (const rank of [1, 2, 3, 4, 0]) t.add(rank);
    const r = t.result();
    expect(r.questions).toBe(5);
    expect(r.top1).toBeCloseTo(1 / 5);
    expect(r.top3).toBeCloseTo(3 / 5);
    expect(r.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 1 / 4) / 5);
  });

  it('merges tallies as if they were one', () => {
    const a = new RankTally();
    const b = new RankTally();
    a.add(1);
    b.add(2);
    b.add(0);
    a.merge(b);
    expect(a.result()).toEqual({ questions: 3, top1: 1 / 3, top3: 2 / 3, mrr: 0.5 });
  });
});

describe('percentile', () => {
  it('interpolates between samples and ignores input order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 0], 99)).toBeCloseTo(9.9);
    expect(percentile([5], 99)).toBe(5);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});

describe('topK', () => {
  it('keeps the k best positive scores, best first, ties to the lower id', () => {
    expect(topK([0, 3, 1, 3, 0.5, 0], 3)).toEqual([1, 3, 2]);
    expect(topK([0, 0, 0], 3)).toEqual([]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });

  it('agrees with a full sort on random scores', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 50; trial++) {
      const scores = Array.from({ length: 40 }, () => (random() < 0.3 ? 0 : Math.floor(random() * 10)));
      const expected = scores
        .map((s, id) => ({ s, id }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.s - a.s || a.id - b.id)
        .slice(0, 5)
        .map((x) => x.id);
      expect(topK(scores, 5)).toEqual(expected);
    }
  });
});

describe('format', () => {
  it('picks readable units', () => {
    expect(duration(0.0123)).toBe('12.3 µs');
    expect(duration(1.5)).toBe('1.50 ms');
    expect(duration(250)).toBe('250 ms');
    expect(duration(61_000)).toBe('61.0 s');
    expect(bytes(150 * 2 ** 20)).toBe('150 MB');
    expect(bytes(1.5 * 2 ** 30)).toBe('1.50 GB');
  });

  it('writes ratios as peer ÷ storybot', () => {
    expect(ratio(30, 2)).toBe('15×');
    expect(ratio(1, 2)).toBe('0.50×');
    expect(ratio(undefined, 2)).toBe('—');
    expect(ratio(3, 0)).toBe('—');
  });

  it('builds a Markdown table', () => {
    expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});
