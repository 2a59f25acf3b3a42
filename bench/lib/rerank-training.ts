// The re-rank's training: the features of each SQuAD 1.1 dev question's leaders, a softmax
// regression over them, and two-fold cross-validation by article (fit on even articles, judge on
// odd ones, and the reverse), so the figure reported is for questions the weights never saw.
// Used by bench/train-rerank.ts (writes the weights) and by the full benchmark (reports them).

import { libraryIndexOptions } from '../../src/answer/library.js';
import { SearchIndex } from '../../src/search/index.js';
import { FEATURE_COUNT, FIXED_WEIGHTS, RERANK_FEATURES } from '../../src/search/rerank-model.js';
import { RERANK_WEIGHTS } from '../../src/search/rerank-weights.js';
import { loadSquad1 } from './data.js';

export interface Ranking {
  top1: number;
  top3: number;
}

export interface CrossValidation {
  questions: number;
  /** The hand-tuned score alone, the shipped weights (fitted on all articles), and weights fitted on the other half. */
  handTuned: Ranking;
  shipped: Ranking;
  crossValidated: Ranking;
}

export interface Example {
  article: number;
  /** Position of the right paragraph among the leaders, or -1 when it is not one of them. */
  gold: number;
  /** Leaders' features, row-major. */
  x: Float64Array;
  leaders: number;
}

/** Every SQuAD 1.1 dev question with its leaders' re-rank features (per article, as the bot indexes one story). */
export function collect(): Example[] {
  // Features do not depend on the weights; the hand-tuned score alone keeps this runnable when
  // the shipped weights are stale (a feature added).
  const rerankWeights = RERANK_FEATURES.map((name) => (name === 'score' ? 1 : 0));
  const options = { ...libraryIndexOptions(), rerankWeights };
  const examples: Example[] = [];
  loadSquad1().articles.forEach((article, a) => {
    const index = SearchIndex.build(article.paragraphs, options);
    for (const q of article.questions) {
      const hits = index.search(q.question, { limit: index.options.rerankDepth, explain: true });
      const x = new Float64Array(hits.length * FEATURE_COUNT);
      hits.forEach((h, i) => x.set(h.features ?? [], i * FEATURE_COUNT));
      examples.push({ article: a, gold: hits.findIndex((h) => h.id === q.paragraph), x, leaders: hits.length });
    }
  });
  return examples;
}

function linear(w: ArrayLike<number>, x: Float64Array, leader: number): number {
  let z = 0;
  for (let f = 0; f < FEATURE_COUNT; f++) z += w[f] * x[leader * FEATURE_COUNT + f];
  return z;
}

/** Softmax regression by stochastic gradient, from "the hand-tuned score alone". */
export function fit(examples: readonly Example[], epochs = 200, l2 = 1e-4): number[] {
  const w = new Float64Array(FEATURE_COUNT);
  w[RERANK_FEATURES.indexOf('score')] = 5;
  // Fixed weights (set by reasoning, see rerank-model.ts) are kept, not fitted.
  const fixed = RERANK_FEATURES.map((name) => FIXED_WEIGHTS[name]);
  fixed.forEach((value, f) => value !== undefined && (w[f] = value));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.02 / (1 + epoch / 10);
    for (const e of examples) {
      if (e.gold < 0 || e.leaders < 2) continue;
      const z = Array.from({ length: e.leaders }, (_, i) => linear(w, e.x, i));
      const max = Math.max(...z);
      const p = z.map((v) => Math.exp(v - max));
      const sum = p.reduce((a, b) => a + b, 0);
      for (let f = 0; f < FEATURE_COUNT; f++) {
        if (fixed[f] !== undefined) continue;
        let gradient = e.x[e.gold * FEATURE_COUNT + f];
        for (let i = 0; i < e.leaders; i++) gradient -= (p[i] / sum) * e.x[i * FEATURE_COUNT + f];
        w[f] += rate * (gradient - l2 * w[f]);
      }
    }
  }
  return Array.from(w, (v) => Math.round(v * 1000) / 1000);
}

/** Share of questions whose right paragraph the weights rank first, and within the first three. */
export function judge(examples: readonly Example[], w: readonly number[]): Ranking {
  let top1 = 0;
  let top3 = 0;
  for (const e of examples) {
    if (e.gold < 0) continue;
    const mine = linear(w, e.x, e.gold);
    let above = 0;
    for (let i = 0; i < e.leaders; i++) if (i !== e.gold && linear(w, e.x, i) >= mine) above++;
    if (above === 0) top1++;
    if (above < 3) top3++;
  }
  return { top1: top1 / examples.length, top3: top3 / examples.length };
}

/** Two-fold cross-validation by article, beside the hand-tuned score and the shipped weights. */
export function crossValidate(examples: readonly Example[] = collect()): CrossValidation {
  const even = examples.filter((e) => e.article % 2 === 0);
  const odd = examples.filter((e) => e.article % 2 === 1);
  const pooled = (a: Ranking, b: Ranking): Ranking => ({
    top1: (a.top1 * even.length + b.top1 * odd.length) / examples.length,
    top3: (a.top3 * even.length + b.top3 * odd.length) / examples.length,
  });
  const handTuned = RERANK_FEATURES.map((name) => (name === 'score' ? 1 : 0));
  return {
    questions: examples.length,
    handTuned: judge(examples, handTuned),
    // Stale weights (a feature added since they were written) rank nothing: NaN, not a number that looks real.
    shipped: RERANK_WEIGHTS.length === FEATURE_COUNT ? judge(examples, RERANK_WEIGHTS) : { top1: NaN, top3: NaN },
    crossValidated: pooled(judge(even, fit(odd)), judge(odd, fit(even))),
  };
}
