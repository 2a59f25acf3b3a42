// Training data and learners for the re-rank (softmax over each question's leaders) and the
// answerability model (logistic), with cross-validation by story or article so that every figure
// reported is for questions the weights never saw.

import { loadWordData } from '../../src/search/word-data.js';
import { withSentences } from '../../src/story/sentences.js';
import {
  ANSWERABILITY_FEATURES,
  ANSWERABILITY_FEATURE_SIGNS,
  answerabilityFeatures,
  answerableProbability,
  type AnswerabilityFeature,
  type AnswerabilityModel,
} from '../../src/answer/answerability.js';
import { SearchIndex, type AskedWord, type Hit } from '../../src/search/index.js';
import { DEFAULT_OPTIONS } from '../../src/search/options.js';
import { FactKind } from '../../src/search/fact-kinds.js';
import {
  FEATURE_COUNT,
  RERANK_FEATURES,
  RERANK_FEATURE_SIGNS,
  rerankShares,
  steerToAskedKind,
  type RerankFeature,
  type RerankHiddenLayer,
  SENTENCE_FEATURE_COUNT,
  SENTENCE_FEATURES,
  SENTENCE_FEATURE_SIGNS,
} from '../../src/search/rerank-model.js';
import { loadSquad1 } from '../../bench/lib/data.js';
import { Adam } from './adam.js';
import { fitHiddenLayer } from './rerank-hidden.js';
import type { NewsQuestion, NewsStory } from '../../bench/lib/news.js';

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
  /** The sentences that hold the answer, as [leader position, sentence of that leader]. */
  goldSentences: [number, number][];
}

/** Weights that rank by the hand-tuned score alone: features do not depend on the weights. */
function handTunedWeights(): number[] {
  return RERANK_FEATURES.map((name) => (name === 'score' ? 1 : 0));
}

function indexOptions() {
  return { ...loadWordData(), rerankWeights: handTunedWeights(), rerankHidden: undefined };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

function rankedQuestion(
  index: SearchIndex,
  question: string,
  gold: readonly number[],
  answers: readonly string[],
  base: Omit<RankedQuestion, 'gold' | 'leaders' | 'asked' | 'facts' | 'yesNo' | 'question' | 'goldSentences'>,
  from = 0,
  to = index.size,
): RankedQuestion {
  const result = index.searchDetailed(question, { limit: index.size, from, to, explain: true });
  const goldSet = new Set(gold);
  const wanted = answers.map(collapse).filter(Boolean);
  const goldSentences: [number, number][] = [];
  result.hits.forEach((h, i) => {
    if (!goldSet.has(h.id)) return;
    index.sentencesOf(h.id).forEach((sentence, k) => {
      const text = collapse(sentence);
      if (wanted.some((a) => text.includes(a))) goldSentences.push([i, k]);
    });
  });
  return {
    ...base,
    question,
    goldSentences,
    gold: result.hits.flatMap((h, i) => (goldSet.has(h.id) ? [i] : [])),
    leaders: result.hits,
    asked: result.asked,
    facts: result.facts,
    yesNo: result.yesNo,
  };
}

/** SQuAD 1.1 dev, per article (as the bot indexes one story): every question with its leaders. */
export function collectSquad(borrowed = 0): RankedQuestion[] {
  const options = indexOptions();
  const out: RankedQuestion[] = [];
  const articles = loadSquad1().articles;
  articles.forEach((article, a) => {
    const index = SearchIndex.build(article.paragraphs.map(withSentences), options);
    for (const q of article.questions) {
      if (q.paragraph === null) continue;
      out.push(
        rankedQuestion(index, q.question, [q.paragraph], q.answers, {
          source: 'squad',
          group: `squad:${a}`,
          unanswerable: false,
        }),
      );
    }
    // Questions about other articles, asked of this one: off-topic here (for the on-topic gate).
    for (let k = 0; k < borrowed; k++) {
      const other = articles[(a + 1 + ((k * 7) % (articles.length - 1))) % articles.length];
      const q = other.questions[(a * 31 + k * 17) % other.questions.length];
      const news: NewsQuestion = { q: q.question, gold: [], answer: '', kind: 'offtopic' };
      out.push(
        rankedQuestion(index, q.question, [], [], {
          source: 'squad-borrowed',
          group: `squad:${a}`,
          unanswerable: true,
          news,
        }),
      );
    }
  });
  return out;
}

/**
 * Questions about other stories, asked of this one: off-topic for it, as a Discord channel gets
 * questions about other news. `perStory` answerable questions are borrowed from the other stories
 * of `pool`, chosen by a fixed seed (training only; never in a reported figure).
 */
export function borrowedQuestions(
  story: NewsStory,
  pool: readonly NewsStory[],
  perStory: number,
  seed = 1,
): NewsQuestion[] {
  const others = pool.filter((s) => s.file !== story.file).flatMap((s) => s.questions.filter((q) => q.gold.length > 0));
  let state = seed * 2654435761 + story.file.length * 97;
  for (const c of story.file) state = (state * 31 + c.charCodeAt(0)) >>> 0;
  const picked: NewsQuestion[] = [];
  for (let i = 0; i < perStory && others.length > 0; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    const q = others[state % others.length];
    picked.push({ q: q.q, gold: [], answer: '', kind: 'borrowed' });
  }
  return picked;
}

/** A news set (news-dev, news-train): every question of every story, answerable or not, and `borrowed` off-topic ones per story. */
export function collectNews(
  stories: readonly NewsStory[],
  source: string,
  borrowed = 0,
  pool: readonly NewsStory[] = stories,
): RankedQuestion[] {
  const options = indexOptions();
  const out: RankedQuestion[] = [];
  for (const story of stories) {
    const s =
      borrowed > 0 ? { ...story, questions: [...story.questions, ...borrowedQuestions(story, pool, borrowed)] } : story;
    const index = SearchIndex.build(s.story.paragraphs, options);
    for (const q of s.questions) {
      out.push(
        rankedQuestion(
          index,
          q.q,
          q.gold.map((n) => n - 1),
          [q.answer],
          { source, group: `${source}:${s.file}`, unanswerable: q.gold.length === 0, news: q },
        ),
      );
    }
  }
  return out;
}

/** The re-rank as fitted: the linear model's weights and the hidden layer over its best leaders. */
export interface RerankModel {
  weights: number[];
  hidden?: RerankHiddenLayer;
}

/**
 * The leaders re-scored by `model`: softmax shares, best first (as SearchIndex.search ranks them:
 * every paragraph of the story is a leader here, so the hidden layer counts when the search would
 * re-rank the whole story).
 */
export function rerankWith(q: RankedQuestion, model: RerankModel): { hits: Hit[]; order: number[] } {
  const x = new Float64Array(q.leaders.length * FEATURE_COUNT);
  q.leaders.forEach((h, i) => x.set(h.features ?? [], i * FEATURE_COUNT));
  const hidden = q.leaders.length <= DEFAULT_OPTIONS.rerankAllUpTo ? model.hidden : undefined;
  const shares = rerankShares(x, q.leaders.length, model.weights, hidden);
  const order = q.leaders.map((_, i) => i).sort((a, b) => shares[b] - shares[a] || q.leaders[a].id - q.leaders[b].id);
  return { hits: order.map((i) => ({ ...q.leaders[i], score: shares[i] })), order };
}

export interface RankFitOptions {
  epochs?: number;
  l2?: number;
  /** Weight of each question by its source (default 1). */
  sourceWeight?: Record<string, number>;
}

/**
 * Re-rank weights set by reasoning and kept out of the fit: a paragraph with no figure at all
 * cannot say how many. Both SQuAD's and the news sets' paragraphs nearly all hold figures, so
 * neither can teach it; the shipped story shows it ("How many American soldiers are in the
 * country?" must not go to the paragraph on the drone strike).
 */
export const FIXED_RERANK_WEIGHTS: Partial<Record<RerankFeature, number>> = { noCount: -2 };

/**
 * The re-rank: softmax regression over each question's leaders (the gold leaders' total share is
 * maximised), each question weighted by its source.
 */
export function fitRerank(questions: readonly RankedQuestion[], opts: RankFitOptions = {}): number[] {
  const groups: SoftmaxGroup[] = [];
  for (const q of questions) {
    if (q.gold.length === 0 || q.leaders.length < 2) continue;
    const x = new Float64Array(q.leaders.length * FEATURE_COUNT);
    q.leaders.forEach((h, i) => x.set(h.features ?? [], i * FEATURE_COUNT));
    const gold = new Uint8Array(q.leaders.length);
    for (const i of q.gold) gold[i] = 1;
    groups.push({ x, rows: q.leaders.length, gold, weight: opts.sourceWeight?.[q.source] ?? 1 });
  }
  const init = new Float64Array(FEATURE_COUNT);
  init[RERANK_FEATURES.indexOf('score')] = 5;
  const fixed = RERANK_FEATURES.map((f) => FIXED_RERANK_WEIGHTS[f]);
  fixed.forEach((v, f) => v !== undefined && (init[f] = v));
  return fitSoftmax(
    groups,
    FEATURE_COUNT,
    init,
    opts.epochs ?? 300,
    opts.l2 ?? 1e-3,
    RERANK_FEATURES.map((f) => RERANK_FEATURE_SIGNS[f] ?? 0),
    fixed.map((v) => v !== undefined),
  );
}

/** The re-rank: the linear model, then its hidden layer over each question's best leaders. */
export function fitRerankModel(questions: readonly RankedQuestion[], opts: RankFitOptions = {}): RerankModel {
  const weights = fitRerank(questions, opts);
  const frozen = RERANK_FEATURES.map((f) => FIXED_RERANK_WEIGHTS[f] !== undefined);
  return { weights, hidden: fitHiddenLayer(questions, weights, { sourceWeight: opts.sourceWeight, frozen }) };
}

/**
 * Logistic regression by full-batch Adam on standardised features (L2 on all but the first
 * column, the bias), returned in the original scale: w . x gives the log-odds.
 */
export function fitLogistic(
  x: readonly number[][],
  y: readonly number[],
  opts: { epochs?: number; l2?: number; sampleWeight?: readonly number[]; signs?: readonly number[] } = {},
): number[] {
  const d = x[0]?.length ?? 0;
  const n = x.length;
  const iterations = opts.epochs ?? 2000;
  const l2 = opts.l2 ?? 1e-3;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  for (let f = 1; f < d; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i][f];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i][f] - m) ** 2;
    mean[f] = m;
    scale[f] = Math.sqrt(v / n) || 1;
  }
  const z = x.map((row) => Float64Array.from(row, (v, f) => (f === 0 ? v : (v - mean[f]) / scale[f])));
  const sw = opts.sampleWeight ?? new Array<number>(n).fill(1);
  const total = sw.reduce((a, b) => a + b, 0) || 1;
  const w = new Float64Array(d);
  const adam = new Adam(d, 0.05);
  const gradient = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += w[f] * z[i][f];
      const p = 1 / (1 + Math.exp(-s));
      const g = ((y[i] - p) * sw[i]) / total;
      for (let f = 0; f < d; f++) gradient[f] += g * z[i][f];
    }
    for (let f = 1; f < d; f++) gradient[f] -= l2 * w[f];
    adam.step(w, gradient);
    if (opts.signs) keepSigns(w, opts.signs);
  }
  // Back to the original scale: w_f / scale_f, and the bias absorbs the means.
  const out = new Array<number>(d).fill(0);
  out[0] = w[0];
  for (let f = 1; f < d; f++) {
    out[f] = w[f] / scale[f];
    out[0] -= (w[f] * mean[f]) / scale[f];
  }
  return out.map((v) => Math.round(v * 10000) / 10000);
}

/** The sentence model's score of each sentence of each leader, with weights `ws`. */
function sentenceScores(q: RankedQuestion, ws: ArrayLike<number>): number[][] {
  return q.leaders.map((h) => (h.sentenceFeatures ?? []).map((f) => f.reduce((a, v, i) => a + v * ws[i], 0)));
}

/** One softmax group per question: rows (row-major), which rows are right, and the question's weight. */
interface SoftmaxGroup {
  x: Float64Array;
  rows: number;
  gold: Uint8Array;
  weight: number;
}

/** Maximises the summed log share of the right rows over all groups (full-batch Adam, L2). */
function fitSoftmax(
  groups: readonly SoftmaxGroup[],
  d: number,
  init: Float64Array,
  iterations: number,
  l2: number,
  signs?: readonly number[],
  frozen?: readonly boolean[],
): number[] {
  const w = init;
  const total = groups.reduce((a, g) => a + g.weight, 0) || 1;
  const adam = new Adam(d, 0.05);
  const gradient = new Float64Array(d);
  const z = new Float64Array(Math.max(1, ...groups.map((g) => g.rows)));
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    for (const g of groups) {
      let max = -Infinity;
      for (let r = 0; r < g.rows; r++) {
        let v = 0;
        for (let c = 0, o = r * d; c < d; c++, o++) v += w[c] * g.x[o];
        z[r] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      let goldMass = 0;
      for (let r = 0; r < g.rows; r++) {
        z[r] = Math.exp(z[r] - max);
        sum += z[r];
        if (g.gold[r]) goldMass += z[r];
      }
      const sw = g.weight / total;
      for (let r = 0; r < g.rows; r++) {
        const coef = sw * ((g.gold[r] ? z[r] / goldMass : 0) - z[r] / sum);
        if (coef === 0) continue;
        for (let c = 0, o = r * d; c < d; c++, o++) gradient[c] += coef * g.x[o];
      }
    }
    for (let c = 0; c < d; c++) gradient[c] -= l2 * w[c];
    adam.step(w, gradient, frozen);
    if (signs) keepSigns(w, signs);
  }
  return Array.from(w, (v) => Math.round(v * 1000) / 1000);
}

/**
 * Each weight kept on the side its evidence argues for (+1: more of it means more likely the answer,
 * -1: less likely, 0: either): a model fitted on a few hundred written questions must not learn
 * that holding the story's own words makes a paragraph worse, whatever the set's writers did.
 */
function keepSigns(w: Float64Array, signs: readonly number[]): void {
  for (let c = 0; c < w.length; c++) {
    if (signs[c] > 0 && w[c] < 0) w[c] = 0;
    else if (signs[c] < 0 && w[c] > 0) w[c] = 0;
  }
}

/**
 * The sentence model: softmax over every sentence of a question's leaders, the sentences that
 * hold the answer being the right ones.
 */
export function fitSentenceModel(questions: readonly RankedQuestion[], opts: RankFitOptions = {}): number[] {
  const d = SENTENCE_FEATURE_COUNT;
  const groups: SoftmaxGroup[] = [];
  for (const q of questions) {
    if (q.goldSentences.length === 0) continue;
    const rows = q.leaders.flatMap((h, i) =>
      (h.sentenceFeatures ?? []).map((f, k) => ({ f, gold: q.goldSentences.some(([gi, gk]) => gi === i && gk === k) })),
    );
    const x = new Float64Array(rows.length * d);
    rows.forEach((row, r) => x.set(row.f, r * d));
    groups.push({
      x,
      rows: rows.length,
      gold: Uint8Array.from(rows, (row) => (row.gold ? 1 : 0)),
      weight: opts.sourceWeight?.[q.source] ?? 1,
    });
  }
  return fitSoftmax(
    groups,
    d,
    new Float64Array(d),
    opts.epochs ?? 200,
    opts.l2 ?? 1e-3,
    SENTENCE_FEATURES.map((f) => SENTENCE_FEATURE_SIGNS[f] ?? 0),
  );
}

/** Sets each leader's `sentenceModel` feature (and its quoted sentence) from sentence weights `ws`. */
export function applySentenceModel(questions: readonly RankedQuestion[], ws: ArrayLike<number>): void {
  const column = RERANK_FEATURES.indexOf('sentenceModel');
  for (const q of questions) {
    const scores = sentenceScores(q, ws);
    q.leaders.forEach((h, i) => {
      const s = scores[i];
      if (!h.features || s.length === 0) return;
      let best = 0;
      for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
      h.features[column] = s[best];
      h.bestSentence = steerToAskedKind(
        h.sentenceFeatures ?? [],
        best,
        (q.facts & FactKind.Reason) !== 0,
        (q.facts & FactKind.Means) !== 0,
      );
    });
  }
}

/** A SQuAD question's weight in the answerability model's on-topic gate, against a news question's 1. */
export const SQUAD_ANSWERABILITY_WEIGHT = 0.1;

/** News questions count this many times a SQuAD question in the fits: they are what users ask. */
export const NEWS_SOURCE_WEIGHT: Record<string, number> = { squad: 1, 'news-dev': 5, 'news-train': 5, 'news-extra': 5 };

/**
 * Whether a question trains the answerability model's on-topic gate (and sets the threshold).
 * news-extra's train the ranking and the fact gate only: with them the on-topic gate trusted a
 * story's topic word (a name in most of its paragraphs) more, and the shipped story's "What is
 * Pezeshkian's favourite football team?" passed (seed-qa-dev's off-topic questions).
 */
function trainsOnTopicGate(q: RankedQuestion): boolean {
  return q.source !== 'news-extra';
}

/** The rows that set the answerability threshold: news questions that train the on-topic gate. */
export function thresholdRows<Row extends { q: RankedQuestion }>(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.q.source.startsWith('news') && trainsOnTopicGate(r.q));
}

/**
 * The rows the answerability model is fitted on: every news question of `questions` and every
 * fourth SQuAD one (enough to teach what answerable questions in an article's own words look like).
 */
export function answerabilityTrainingRows(questions: readonly RankedQuestion[], rerank: RerankModel) {
  return answerabilityRows(
    [
      ...questions.filter((q) => q.source.startsWith('news')),
      ...questions.filter((q) => q.source.startsWith('squad')).filter(everyNth(4)),
    ],
    rerank,
  );
}

/** Each question's answerability features (its leaders re-ranked by `rerank`) and whether the story answers it. */
export function answerabilityRows(
  questions: readonly RankedQuestion[],
  rerank: RerankModel,
): { x: number[]; y: number; q: RankedQuestion }[] {
  return questions.map((q) => {
    const { hits } = rerankWith(q, rerank);
    const f = answerabilityFeatures(q, hits);
    return { x: ANSWERABILITY_FEATURES.map((n) => f[n]), y: q.unanswerable ? 0 : 1, q };
  });
}

/** Share of answerable questions the bot may refuse, traded for refusing the unanswerable ones. */
export const TARGET_ANSWERABLE_REFUSED = 0.07;

/** The probability threshold below which about `target` of the answerable rows fall, with what it refuses. */
export function chooseThreshold(
  rows: readonly AnswerabilityRow[],
  model: AnswerabilityModel,
  target = TARGET_ANSWERABLE_REFUSED,
): { value: number; answerableRefused: number; unanswerableRefused: number; toString(): string } {
  const p = (r: AnswerabilityRow) => answerabilityOf(model, r);
  const answerable = rows
    .filter((r) => r.y === 1)
    .map(p)
    .sort((a, b) => a - b);
  const value = Math.round((answerable[Math.floor(target * answerable.length)] ?? 0.5) * 1000) / 1000;
  const unanswerable = rows.filter((r) => r.y === 0).map(p);
  return {
    value,
    answerableRefused: answerable.filter((v) => v < value).length / Math.max(1, answerable.length),
    unanswerableRefused: unanswerable.filter((v) => v < value).length / Math.max(1, unanswerable.length),
    toString: () => String(value),
  };
}

export interface NewsCrossValidation {
  top1: number;
  top3: number;
  top1BeforeRefusal: number;
  top3BeforeRefusal: number;
  unanswerableRefused: number;
  answerableRefused: number;
  /** Every held-out question with what the bot did (and the model's probability), for tables by kind and story. */
  outcomes: { question: RankedQuestion; answered: boolean; ranked: number[]; probability: number }[];
}

/**
 * Each story of `held` out in turn: all three models fitted on the other stories of `held` and on
 * `always` (news-train, SQuAD), then asked the held-out story's questions.
 */
export function crossValidateNews(
  held: readonly RankedQuestion[],
  always: readonly RankedQuestion[],
): NewsCrossValidation {
  const outcomes: NewsCrossValidation['outcomes'] = [];
  for (const group of [...new Set(held.map((q) => q.group))]) {
    const fitOn = [...always, ...held.filter((q) => q.group !== group)];
    const ws = fitSentenceModel(fitOn, { sourceWeight: NEWS_SOURCE_WEIGHT });
    applySentenceModel([...fitOn, ...held.filter((q) => q.group === group)], ws);
    const rerank = fitRerankModel(fitOn, { sourceWeight: NEWS_SOURCE_WEIGHT });
    const rows = answerabilityTrainingRows(fitOn, rerank);
    const aw = fitAnswerability(rows);
    const threshold = chooseThreshold(thresholdRows(rows), aw).value;
    for (const r of answerabilityRows(
      held.filter((q) => q.group === group),
      rerank,
    )) {
      const probability = answerabilityOf(aw, r);
      outcomes.push({
        question: r.q,
        answered: probability >= threshold,
        probability,
        ranked: rerankWith(r.q, rerank).hits.map((h) => h.id + 1),
      });
    }
  }
  let answerable = 0;
  let unanswerable = 0;
  const c = { top1: 0, top3: 0, top1Any: 0, top3Any: 0, unRefused: 0, ansRefused: 0 };
  for (const o of outcomes) {
    const gold = o.question.news?.gold ?? [];
    if (gold.length === 0) {
      unanswerable++;
      if (!o.answered) c.unRefused++;
      continue;
    }
    answerable++;
    const first = gold.includes(o.ranked[0]);
    const three = o.ranked.slice(0, 3).some((p) => gold.includes(p));
    if (first) c.top1Any++;
    if (three) c.top3Any++;
    if (!o.answered) c.ansRefused++;
    else {
      if (first) c.top1++;
      if (three) c.top3++;
    }
  }
  const of = (n: number, d: number) => n / Math.max(1, d);
  return {
    top1: of(c.top1, answerable),
    top3: of(c.top3, answerable),
    top1BeforeRefusal: of(c.top1Any, answerable),
    top3BeforeRefusal: of(c.top3Any, answerable),
    unanswerableRefused: of(c.unRefused, unanswerable),
    answerableRefused: of(c.ansRefused, answerable),
    outcomes,
  };
}

/** SQuAD 1.1 dev in two halves by article: models fitted on one half and `always`, judged on the other. */
export function crossValidateSquad(
  squad: readonly RankedQuestion[],
  always: readonly RankedQuestion[],
): { top1: number; top3: number } {
  const half = (q: RankedQuestion) => Number(q.group.split(':')[1]) % 2;
  let top1 = 0;
  let top3 = 0;
  let asked = 0;
  for (const h of [0, 1]) {
    const fitOn = [...always, ...squad.filter((q) => half(q) !== h)];
    const judged = squad.filter((q) => half(q) === h && !q.unanswerable);
    const ws = fitSentenceModel(fitOn, { sourceWeight: NEWS_SOURCE_WEIGHT });
    applySentenceModel([...fitOn, ...judged], ws);
    const rerank = fitRerankModel(fitOn, { sourceWeight: NEWS_SOURCE_WEIGHT });
    for (const q of judged) {
      asked++;
      const ids = rerankWith(q, rerank).hits.map((x) => x.id);
      const gold = new Set(q.gold.map((i) => q.leaders[i].id));
      if (gold.has(ids[0])) top1++;
      if (ids.slice(0, 3).some((id) => gold.has(id))) top3++;
    }
  }
  return { top1: top1 / Math.max(1, asked), top3: top3 / Math.max(1, asked) };
}

/** The answerability model's signs, by {@link ANSWERABILITY_FEATURES} (see {@link keepSigns}). */
export const ANSWERABILITY_SIGNS: readonly number[] = ANSWERABILITY_FEATURES.map(
  (f) => ANSWERABILITY_FEATURE_SIGNS[f] ?? 0,
);

type AnswerabilityRow = { x: number[]; y: number; q: RankedQuestion };

/**
 * The answerability model's two gates, each logistic with its weights kept on their evidence's
 * side: on topic (answerable questions against off-topic ones) and, for questions that ask a
 * figure or date, fact given (against questions about facts the story never gives). Questions
 * that use the story's words about something it doesn't say ("near-topic") are left out: words
 * alone cannot tell them apart, and fitting them teaches the writers' habits instead.
 */
export function fitAnswerability(rows: readonly AnswerabilityRow[]): AnswerabilityModel {
  const kind = (r: AnswerabilityRow) => r.q.news?.kind ?? '';
  const isNews = (r: AnswerabilityRow) => r.q.source.startsWith('news');
  const factAsked = ANSWERABILITY_FEATURES.indexOf('factAsked');
  // SQuAD's questions (and other articles' questions asked of an article) teach both gates what
  // answerable questions in the story's own words look like, at a small weight.
  const onTopicRows = rows.filter((r) => trainsOnTopicGate(r.q) && (r.y === 1 || kind(r) === 'offtopic'));
  const factRows = rows.filter((r) => r.x[factAsked] === 1 && (r.y === 1 || kind(r) === 'attribute-missing'));
  const fit = (set: readonly AnswerabilityRow[]) => {
    const weight = set.map((r) => (isNews(r) ? 1 : SQUAD_ANSWERABILITY_WEIGHT));
    const w = fitLogistic(
      set.map((r) => r.x),
      set.map((r) => r.y),
      { signs: ANSWERABILITY_SIGNS, sampleWeight: weight },
    );
    return Object.fromEntries(ANSWERABILITY_FEATURES.map((name, i) => [name, w[i]])) as Record<
      AnswerabilityFeature,
      number
    >;
  };
  return { onTopic: fit(onTopicRows), factGiven: fit(factRows) };
}

/** The model's probability for a row (0 when the search found nothing to rank). */
export function answerabilityOf(model: AnswerabilityModel, r: { x: number[]; q: RankedQuestion }): number {
  if (r.q.leaders.length === 0) return 0;
  const features = Object.fromEntries(ANSWERABILITY_FEATURES.map((name, i) => [name, r.x[i]])) as Record<
    AnswerabilityFeature,
    number
  >;
  return answerableProbability(features, model);
}

/** Off-topic questions borrowed from other SQuAD articles, per article, for the on-topic gate. */
export const SQUAD_BORROWED = 40;

/** A filter keeping every nth item (a fixed subsample, so fits stay quick). */
export function everyNth<T>(n: number): (item: T, i: number) => boolean {
  return (_, i) => i % n === 0;
}
