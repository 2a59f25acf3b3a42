// Training data and learners for the re-rank (softmax over each question's leaders) and the
// answerability model (logistic), with cross-validation by story or article so that every figure
// reported is for questions the weights never saw.

import { libraryIndexOptions } from '../../src/answer/library.js';
import { SearchIndex, type AskedWord, type Hit } from '../../src/search/index.js';
import { FEATURE_COUNT, FIXED_WEIGHTS, RERANK_FEATURES } from '../../src/search/rerank-model.js';
import { loadSquad1 } from './data.js';
import type { NewsQuestion, NewsStory } from './news.js';

/** One question with every re-ranked leader, as the search left them (features and evidence). */
export interface RankedQuestion {
  /** Which set it comes from ('squad', 'news-dev', 'news-train', ...), and its story or article: the fold unit. */
  source: string;
  group: string;
  question: string;
  /** Positions among the leaders of the paragraphs that answer (empty: none is a leader, or unanswerable). */
  gold: number[];
  /** The question answers nothing in the story (news sets' `gold: []`). */
  unanswerable: boolean;
  leaders: Hit[];
  asked: AskedWord[];
  facts: number;
  yesNo: boolean;
  /** The news question itself, when it comes from a news set. */
  news?: NewsQuestion;
}

/** Weights that rank by the hand-tuned score alone: features do not depend on the weights. */
function handTunedWeights(): number[] {
  return RERANK_FEATURES.map((name) => (name === 'score' ? 1 : 0));
}

function indexOptions() {
  return { ...libraryIndexOptions(), rerankWeights: handTunedWeights() };
}

function rankedQuestion(index: SearchIndex, question: string, gold: readonly number[], base: Omit<RankedQuestion, 'gold' | 'leaders' | 'asked' | 'facts' | 'yesNo' | 'question'>, from = 0, to = index.size): RankedQuestion {
  const result = index.searchDetailed(question, { limit: index.size, from, to });
  const goldSet = new Set(gold);
  return {
    ...base,
    question,
    gold: result.hits.flatMap((h, i) => (goldSet.has(h.id) ? [i] : [])),
    leaders: result.hits,
    asked: result.asked,
    facts: result.facts,
    yesNo: result.yesNo,
  };
}

/** SQuAD 1.1 dev, per article (as the bot indexes one story): every question with its leaders. */
export function collectSquad(): RankedQuestion[] {
  const options = indexOptions();
  const out: RankedQuestion[] = [];
  loadSquad1().articles.forEach((article, a) => {
    const index = SearchIndex.build(article.paragraphs, options);
    for (const q of article.questions) {
      if (q.paragraph === null) continue;
      out.push(rankedQuestion(index, q.question, [q.paragraph], { source: 'squad', group: `squad:${a}`, unanswerable: false }));
    }
  });
  return out;
}

/** A news set (news-dev, news-train): every question of every story, answerable or not. */
export function collectNews(stories: readonly NewsStory[], source: string): RankedQuestion[] {
  const options = indexOptions();
  const out: RankedQuestion[] = [];
  for (const s of stories) {
    const index = SearchIndex.build(
      s.story.paragraphs.map((p) => p.text),
      options,
    );
    for (const q of s.questions) {
      out.push(
        rankedQuestion(
          index,
          q.q,
          q.gold.map((n) => n - 1),
          { source, group: `${source}:${s.file}`, unanswerable: q.gold.length === 0, news: q },
        ),
      );
    }
  }
  return out;
}

export function linearScore(w: ArrayLike<number>, features: ArrayLike<number>): number {
  let z = 0;
  for (let f = 0; f < FEATURE_COUNT; f++) z += w[f] * features[f];
  return z;
}

/** The leaders re-scored by weights `w`: softmax shares, best first (as SearchIndex.search would rank them). */
export function rerankWith(q: RankedQuestion, w: ArrayLike<number>): { hits: Hit[]; order: number[] } {
  const z = q.leaders.map((h) => linearScore(w, h.features ?? []));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const order = q.leaders.map((_, i) => i).sort((a, b) => e[b] - e[a] || q.leaders[a].id - q.leaders[b].id);
  return { hits: order.map((i) => ({ ...q.leaders[i], score: e[i] / sum })), order };
}

export interface RankFitOptions {
  epochs?: number;
  l2?: number;
  /** Weight of each question by its source (default 1). */
  sourceWeight?: Record<string, number>;
}

/** Adam steps on a weight vector, from its gradient (ascent: the gradient of what is maximised). */
class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(size: number, private readonly rate: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(w: Float64Array, gradient: Float64Array, frozen: readonly boolean[] = []): void {
    this.t++;
    const b1 = 0.9;
    const b2 = 0.999;
    for (let f = 0; f < w.length; f++) {
      if (frozen[f]) continue;
      this.m[f] = b1 * this.m[f] + (1 - b1) * gradient[f];
      this.v[f] = b2 * this.v[f] + (1 - b2) * gradient[f] * gradient[f];
      const mHat = this.m[f] / (1 - b1 ** this.t);
      const vHat = this.v[f] / (1 - b2 ** this.t);
      w[f] += (this.rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
}

/**
 * Softmax regression over each question's leaders, by full-batch Adam: the gold leaders' total
 * share is maximised (log-likelihood, L2-penalised), each question weighted by its source.
 */
export function fitRerank(questions: readonly RankedQuestion[], opts: RankFitOptions = {}): number[] {
  const iterations = opts.epochs ?? 300;
  const l2 = opts.l2 ?? 1e-3;
  const w = new Float64Array(FEATURE_COUNT);
  w[RERANK_FEATURES.indexOf('score')] = 5;
  const fixedValues = RERANK_FEATURES.map((name) => FIXED_WEIGHTS[name]);
  fixedValues.forEach((value, f) => value !== undefined && (w[f] = value));
  const frozen = fixedValues.map((v) => v !== undefined);
  const usable = questions.filter((q) => q.gold.length > 0 && q.leaders.length > 1);
  const rows = usable.map((q) => q.leaders.map((h) => Float64Array.from(h.features ?? [])));
  const weights = usable.map((q) => opts.sourceWeight?.[q.source] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const adam = new Adam(FEATURE_COUNT, 0.05);
  const gradient = new Float64Array(FEATURE_COUNT);
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    usable.forEach((q, qi) => {
      const x = rows[qi];
      const z = x.map((row) => linearScore(w, row));
      const max = Math.max(...z);
      const p = z.map((v) => Math.exp(v - max));
      const sum = p.reduce((a, b) => a + b, 0);
      const goldMass = q.gold.reduce((a, i) => a + p[i], 0);
      const sw = weights[qi] / total;
      // d/dw log(sum_gold p / sum p) = E_gold[x] - E_all[x]
      for (const i of q.gold) for (let f = 0; f < FEATURE_COUNT; f++) gradient[f] += (sw * p[i] * x[i][f]) / goldMass;
      for (let i = 0; i < x.length; i++) for (let f = 0; f < FEATURE_COUNT; f++) gradient[f] -= (sw * p[i] * x[i][f]) / sum;
    });
    for (let f = 0; f < FEATURE_COUNT; f++) gradient[f] -= l2 * w[f];
    adam.step(w, gradient, frozen);
  }
  return Array.from(w, (v) => Math.round(v * 1000) / 1000);
}

/** Logistic regression by gradient descent (full batch, Adam-free, L2), rows already as arrays. */
export function fitLogistic(x: readonly number[][], y: readonly number[], opts: { epochs?: number; l2?: number; sampleWeight?: readonly number[] } = {}): number[] {
  const d = x[0]?.length ?? 0;
  const w = new Float64Array(d);
  const epochs = opts.epochs ?? 3000;
  const l2 = opts.l2 ?? 1e-3;
  const n = x.length;
  const totalWeight = opts.sampleWeight ? opts.sampleWeight.reduce((a, b) => a + b, 0) : n;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let f = 0; f < d; f++) z += w[f] * x[i][f];
      const p = 1 / (1 + Math.exp(-z));
      const g = (y[i] - p) * (opts.sampleWeight?.[i] ?? 1);
      for (let f = 0; f < d; f++) gradient[f] += g * x[i][f];
    }
    const rate = 0.5 / (1 + epoch / 500);
    for (let f = 0; f < d; f++) w[f] += rate * (gradient[f] / totalWeight - (f === 0 ? 0 : l2 * w[f]));
  }
  return Array.from(w, (v) => Math.round(v * 1000) / 1000);
}
