// Ranking metrics and latency statistics shared by the quality and speed benchmarks.

/** 1-based rank of the first acceptable id in `ranked`, or 0 when none is there. */
export function rankOf(ranked: readonly number[], gold: readonly number[]): number {
  for (let i = 0; i < ranked.length; i++) if (gold.includes(ranked[i])) return i + 1;
  return 0;
}

/** Accumulates top-1, top-3 and mean reciprocal rank over questions. */
export class RankTally {
  count = 0;
  top1 = 0;
  top3 = 0;
  reciprocal = 0;

  /** Records one question by the rank of its gold answer (0 = not found). */
  add(rank: number): void {
    this.count++;
    if (rank === 1) this.top1++;
    if (rank >= 1 && rank <= 3) this.top3++;
    if (rank >= 1) this.reciprocal += 1 / rank;
  }

  merge(other: RankTally): void {
    this.count += other.count;
    this.top1 += other.top1;
    this.top3 += other.top3;
    this.reciprocal += other.reciprocal;
  }

  result(): RankScores {
    const n = this.count || 1;
    return { questions: this.count, top1: this.top1 / n, top3: this.top3 / n, mrr: this.reciprocal / n };
  }
}

export interface RankScores {
  questions: number;
  /** Share of questions whose best-ranked paragraph is the gold one. */
  top1: number;
  top3: number;
  /** Mean reciprocal rank (rank beyond the list counts 0). */
  mrr: number;
}

/**
 * Area under the ROC curve: the share of (positive, negative) pairs a score puts the positive
 * above (ties count half). 0.5 tells nothing; below 0.5 the score points the other way.
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return 0.5;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** Linear-interpolated percentile (p in 0..100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);
