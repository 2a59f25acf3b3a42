// The re-rank's last step: a linear model over evidence about each leading paragraph, with
// weights learned on SQuAD 1.1 dev by tools/train-models.ts (softmax over each question's
// leaders, two-fold cross-validation by article; see the README). Scores of a question's leaders
// become shares of one (a softmax), so a score says how sure the ranking is.

import { RERANK_WEIGHTS } from './rerank-weights.js';

/** Weights by feature name, as the model reads them: in the order of {@link RERANK_FEATURES}. */
export function rerankWeightVector(weights: Readonly<Record<RerankFeature, number>>): number[] {
  return RERANK_FEATURES.map((name) => weights[name]);
}

/** Weights by feature name, in the order of {@link SENTENCE_FEATURES}. */
export function sentenceWeightVector(weights: Readonly<Record<SentenceFeature, number>>): number[] {
  return SENTENCE_FEATURES.map((name) => weights[name]);
}

/** Evidence about one leading paragraph, in the order of {@link RERANK_FEATURES}. */
export const RERANK_FEATURES = [
  /** The hand-tuned score: BM25 + best sentence + near pairs (the ranking before this model). */
  'score',
  'bm25',
  /** Best sentence's match score. */
  'sentence',
  /** Share of the question's weight the paragraph holds (exact and related words). */
  'coverage',
  /** The same, within the best-covering sentence. */
  'sentenceCoverage',
  /** Question words that follow one another in the text. */
  'adjacentPairs',
  /** log(1 + words in the paragraph). */
  'length',
  /** Most distinct question words in one sentence, as a share of the question's words. */
  'sentenceWords',
  /** Coverage where a word also counts by its nearest word of the paragraph (word vectors). */
  'softCoverage',
  /** The same within one sentence, with looser nearness. */
  'softSentenceCoverage',
  /** Cosine of the question's vector with its best sentence's vector. */
  'sentenceCosine',
  /** Cosine of the question's vector with the paragraph's vector. */
  'paragraphCosine',
  /** Second-best sentence's match score. */
  'secondSentence',
  /** Coverage of the best two neighbouring sentences. */
  'pairCoverage',
  /** Coverage of a sentence times how tightly its question words sit together. */
  'density',
  /** Pairs of question words next to each other in the same order as asked, per pair asked. */
  'phrases',
  /** Coverage of a sentence times the share of its question words in the question's order. */
  'inOrder',
  /** The best sentence can give the kind of answer asked: a figure, a date, a name. */
  'answerNumber',
  'answerDate',
  'answerName',
  /** The best sentence holds an answer of the asked kind that is not one of the question's words. */
  'novelAnswer',
  /** Coverage of the best-covering sentence that also holds such an answer. */
  'novelCoverage',
  /** No kind asked, and the best sentence holds a name that is not one of the question's words. */
  'novelName',
  /** "How many/much" asked, and the paragraph holds no figure at all (its weight is fixed, below). */
  'noCount',
  /** 1 / (1 + rank by the hand-tuned score). */
  'reciprocalRank',
  /** The best sentence holds a fact of the asked kind (a duration for "how long", a reason for "why") beyond the question's words. */
  'factInBest',
  /** Not the best sentence but a neighbour of it does. */
  'factNear',
  /** Some sentence of the paragraph does. */
  'factInParagraph',
  /** A figure or date is asked and the paragraph holds none of that kind. */
  'noFact',
  /** The story's first paragraph (news puts the main facts first). */
  'lead',
  /** 1 / (1 + position of the paragraph in its story). */
  'position',
  /** The lead paragraph, for a terse question (one or two words): "death toll?", "final score?". */
  'leadTerse',
  /** The lead paragraph, and its best sentence holds a fact of the asked kind. */
  'leadFact',
  /** Share of the question's weight met in one sentence, each word by itself or its nearest word there (exact word-vector cosine). */
  'alignSentence',
  /** The same over the whole paragraph. */
  'alignParagraph',
  /** The sentence model's score of the paragraph's best sentence. */
  'sentenceModel',
] as const;

export type RerankFeature = (typeof RERANK_FEATURES)[number];

/** Position of each feature in a leader's row. */
export const FEATURE = Object.fromEntries(RERANK_FEATURES.map((name, i) => [name, i])) as Readonly<
  Record<RerankFeature, number>
>;

/** Features that are scaled by their largest value among the leaders (their scale varies by question). */
const RELATIVE: ReadonlySet<RerankFeature> = new Set(['score', 'bm25', 'sentence', 'secondSentence', 'adjacentPairs']);

export const FEATURE_COUNT = RERANK_FEATURES.length;

/**
 * Puts a question's leaders' raw features (row-major, FEATURE_COUNT per leader, `score` filled)
 * on the model's scale: relative features divided by the leaders' largest, and the rank feature.
 */
export function normalizeFeatures(features: Float64Array, leaders: number): void {
  RERANK_FEATURES.forEach((name, f) => {
    if (!RELATIVE.has(name)) return;
    let max = 0;
    for (let i = 0; i < leaders; i++) max = Math.max(max, features[i * FEATURE_COUNT + f]);
    if (max > 0) for (let i = 0; i < leaders; i++) features[i * FEATURE_COUNT + f] /= max;
  });
  const score = RERANK_FEATURES.indexOf('score');
  const rank = RERANK_FEATURES.indexOf('reciprocalRank');
  const order = Array.from({ length: leaders }, (_, i) => i).sort(
    (a, b) => features[b * FEATURE_COUNT + score] - features[a * FEATURE_COUNT + score] || a - b,
  );
  order.forEach((leader, r) => (features[leader * FEATURE_COUNT + rank] = 1 / (1 + r)));
}

/**
 * A small hidden layer on top of the linear model, for evidence that only counts together ("the
 * asked fact is here" matters more when the sentence also holds the question's words). It
 * re-orders only the linear model's best `topK` leaders, each unit a softplus of the standardised
 * features whose weights keep the features' signs ({@link RERANK_FEATURE_SIGNS}) and whose output
 * weight is never negative, so more of a feature that argues for a paragraph can only help it.
 */
export interface RerankHiddenLayer {
  topK: number;
  /** Each feature's mean and spread over the rows it was fitted on (the units read (x - mean) / scale). */
  mean: readonly number[];
  scale: readonly number[];
  units: readonly { weights: readonly number[]; bias: number; out: number }[];
}

/** log(1 + e^u), without overflow. */
export const softplus = (u: number): number => (u > 30 ? u : Math.log1p(Math.exp(u)));

/** The hidden layer's score of the leader whose features start at `offset` (never negative). */
export function hiddenScore(hidden: RerankHiddenLayer, features: ArrayLike<number>, offset: number): number {
  let score = 0;
  for (const unit of hidden.units) {
    let u = unit.bias;
    for (let f = 0; f < FEATURE_COUNT; f++)
      u += (unit.weights[f] * (features[offset + f] - hidden.mean[f])) / hidden.scale[f];
    score += unit.out * softplus(u);
  }
  return score;
}

/** Positions of the `k` best scores, best first (ties: the earlier leader): the leaders the hidden layer re-orders. */
export function bestLeaders(scores: readonly number[], k: number): number[] {
  return scores
    .map((_, i) => i)
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, k);
}

/**
 * Softmax of the leaders' scores: each leader's share of the model's belief (they sum to 1). A
 * score is the linear model's, plus the hidden layer's (when given) for the linear model's best `topK`.
 */
export function rerankShares(
  features: ArrayLike<number>,
  leaders: number,
  weights: readonly number[] = rerankWeightVector(RERANK_WEIGHTS),
  hidden?: RerankHiddenLayer,
): number[] {
  if (weights.length !== FEATURE_COUNT)
    throw new Error(`re-rank: ${weights.length} weights for ${FEATURE_COUNT} features`);
  const raw: number[] = [];
  for (let i = 0; i < leaders; i++) {
    let z = 0;
    for (let f = 0; f < FEATURE_COUNT; f++) z += weights[f] * features[i * FEATURE_COUNT + f];
    raw.push(z);
  }
  if (hidden && hidden.units.length > 0) {
    for (const i of bestLeaders(raw, hidden.topK)) raw[i] += hiddenScore(hidden, features, i * FEATURE_COUNT);
  }
  const max = Math.max(...raw);
  const exp = raw.map((z) => Math.exp(z - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

/**
 * Evidence about one sentence of a leading paragraph, for the sentence model: which sentence
 * answers (its score feeds the paragraph's `sentenceModel` feature, and its best is quoted).
 */
export const SENTENCE_FEATURES = [
  /** Share of the question's weight the sentence holds exactly (or by related words). */
  'coverage',
  /** The same, near words (precomputed neighbours) counting. */
  'softCoverage',
  /** The same, each word by itself or its nearest word there (exact word-vector cosine). */
  'aligned',
  /** Distinct question words in the sentence, as a share of the question's. */
  'words',
  /** Coverage times how tightly, and in what order, the question's words sit there. */
  'density',
  'order',
  /** The hand-tuned match score, relative to the paragraph's best sentence. */
  'match',
  /** log(1 + words). */
  'length',
  /** Word-vector cosine of the sentence with the question. */
  'cosine',
  /** It holds a figure or date of the asked kind beyond the question's words; or the question asks one and it holds none. */
  'newFact',
  'factMissing',
  /** A reason, a quotation, a manner, a new name: asked, and held. */
  'reason',
  'quote',
  'means',
  'newName',
  /** First sentence of its paragraph; first sentence of the story. */
  'first',
  'storyLead',
  /** The better aligned of its two neighbours (a reason or figure often follows the sentence that names the topic). */
  'neighbour',
  /** 1 / (1 + its paragraph's position in the story). */
  'paragraphPosition',
  /** Its alignment with the question when it also holds a fact of the asked kind (0 otherwise): both at once. */
  'factAligned',
  /** A yes/no question, and it holds what could settle one (a denial, a confirmation, a plan). */
  'stance',
] as const;

export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];
export const SENTENCE = Object.fromEntries(SENTENCE_FEATURES.map((name, i) => [name, i])) as Readonly<
  Record<SentenceFeature, number>
>;
export const SENTENCE_FEATURE_COUNT = SENTENCE_FEATURES.length;

/**
 * Which way each paragraph feature may count when fitted (+1: more of it, more likely the
 * answer; -1: less likely; missing: either way), so the model cannot learn a writer's habit
 * ("answerable questions avoid the story's words") as if it were evidence.
 */
export const RERANK_FEATURE_SIGNS: Partial<Record<RerankFeature, 1 | -1>> = {
  score: 1,
  bm25: 1,
  sentence: 1,
  coverage: 1,
  sentenceCoverage: 1,
  adjacentPairs: 1,
  sentenceWords: 1,
  softCoverage: 1,
  softSentenceCoverage: 1,
  sentenceCosine: 1,
  paragraphCosine: 1,
  pairCoverage: 1,
  density: 1,
  phrases: 1,
  inOrder: 1,
  answerNumber: 1,
  answerDate: 1,
  answerName: 1,
  novelAnswer: 1,
  novelCoverage: 1,
  noCount: -1,
  reciprocalRank: 1,
  factInBest: 1,
  factNear: 1,
  factInParagraph: 1,
  noFact: -1,
  alignSentence: 1,
  alignParagraph: 1,
  sentenceModel: 1,
};

/** Which way each sentence feature may count when fitted (as {@link RERANK_FEATURE_SIGNS}). */
export const SENTENCE_FEATURE_SIGNS: Partial<Record<SentenceFeature, 1 | -1>> = {
  coverage: 1,
  softCoverage: 1,
  aligned: 1,
  words: 1,
  density: 1,
  order: 1,
  match: 1,
  cosine: 1,
  newFact: 1,
  factMissing: -1,
  reason: 1,
  quote: 1,
  means: 1,
  newName: 1,
  factAligned: 1,
  stance: 1,
};

/**
 * The sentence to quote: the sentence model's pick, unless it lacks the kind of answer asked (a
 * figure or date, a reason, a manner) and a neighbour gives it: "...plans to sign memoranda. Around
 * 15 MoUs would be finalized." The model weighs the question's words; this keeps the answer itself.
 */
export function steerToAskedKind(
  rows: readonly ArrayLike<number>[],
  chosen: number,
  askedReason: boolean,
  askedMeans: boolean,
): number {
  const gives = (k: number): boolean => {
    const row = rows[k];
    if (!row) return false;
    return (
      row[SENTENCE.newFact] === 1 ||
      (askedReason && row[SENTENCE.reason] === 1) ||
      (askedMeans && row[SENTENCE.means] === 1)
    );
  };
  const lacks = (k: number): boolean => {
    const row = rows[k];
    return (
      row[SENTENCE.factMissing] === 1 ||
      (askedReason && row[SENTENCE.reason] === 0) ||
      (askedMeans && row[SENTENCE.means] === 0)
    );
  };
  if (!rows[chosen] || !lacks(chosen)) return chosen;
  if (gives(chosen + 1)) return chosen + 1;
  if (gives(chosen - 1)) return chosen - 1;
  return chosen;
}
