// What a SearchIndex can be told, and every default, in one place (the way MiniSearch documents
// its options). Defaults were chosen by measurement on the bench's held-out folds (bench/quality).

import type { RelatedTerm } from './lexicon/options.js';
import { rerankWeightVector, sentenceWeightVector, type RerankHiddenLayer } from './rerank-model.js';
import { RERANK_HIDDEN, RERANK_WEIGHTS, SENTENCE_WEIGHTS } from './rerank-weights.js';
import type { WordVectors } from './vectors/load.js';

export type { RelatedTerm } from './lexicon/options.js';

/** What the search may know about English words beyond the story (e.g. from WordNet). */
export interface WordKnowledge {
  /** Stems related to a stem, best first. */
  related(term: string): ReadonlyArray<RelatedTerm>;
  /** How common the word is in general English (a corpus count), or undefined if not an English word. */
  count(term: string): number | undefined;
}

/** Tuning knobs of {@link SearchIndex}; every default is in {@link DEFAULT_OPTIONS}. */
export interface IndexOptions {
  /** BM25 term-frequency saturation. Default 1.2. */
  k1: number;
  /** BM25 length normalisation (0 = none, 1 = full). Default 0.75. */
  b: number;
  /**
   * How many BM25 leaders are re-ranked with sentence-level evidence at up to 2,000 documents
   * (2x at 20,000, 3x at 200,000). Default 8.
   */
  rerankDepth: number;
  /** Ranges (a story) of at most this many paragraphs are re-ranked whole, not only their BM25 leaders. Default 30. */
  rerankAllUpTo: number;
  /** Weight of the best sentence's match score in a paragraph's hand-tuned score. Default 1. */
  sentenceWeight: number;
  /** Boost to a sentence per extra distinct query word it holds (matches that cluster). Default 0.1. */
  concentration: number;
  /** Weight of words that phrase a question rather than its topic ("name", "called", "known"). Default 0.3. */
  questionWordWeight: number;
  /** Length normalisation of sentence scores (0 = none, 1 = full), like BM25's b. Default 0.2. */
  sentenceLengthNorm: number;
  /** How many words apart two question words may stand to count as a pair. Default 1. */
  pairWindow: number;
  /** Weight of query word pairs found close together in a sentence. Default 0.3. */
  pairWeight: number;
  /** Weight of a typo-corrected term relative to an exact one. Default 0.7. */
  typoWeight: number;
  /** Bonus to a matching sentence that can give the kind of answer asked ("when" -> a date). Default 2. */
  answerKindBonus: number;
  /**
   * A related word found in more documents than this many (or {@link relatedMaxShare} of all) is
   * not searched for in the first pass, only counted in the re-rank: speed at scale. Default 1,000.
   */
  relatedMaxPostings: number;
  /** See {@link relatedMaxPostings}. Default 0.005. */
  relatedMaxShare: number;
  /** Least weight of both links for a related word's related word to count (above 1 = never). Default 0.5. */
  secondHopMinWeight: number;
  /** A related word of at least this lexicon weight is another form of the same word: it counts as the word. Default 0.85. */
  sameWordWeight: number;
  /**
   * Share of the hand-tuned score a paragraph loses when a "how many" question finds no figure in
   * its matching sentences. Default 0.3.
   */
  answerKindPenalty: number;
  /** Multiplier on related-term weights (synonyms count less than the words asked). Default 0.6. */
  relatedWeight: number;
  /**
   * How much general commonness lowers a question word's weight: 1 / (1 + c * ln(1 + count)).
   * A story's own idf cannot tell that "year" or "first" are everyday words; a corpus count can.
   * Default 0.1.
   */
  commonWordDamping: number;
  /**
   * Word knowledge for related terms, commonness and telling typos from real words ("bake" is
   * a word, not a typo of "base"); without it no related terms are used and any unknown word
   * may be a typo. Default none.
   */
  words?: WordKnowledge;
  /** Word vectors: nearness of words and of sentences to the question, for the re-rank. Default none. */
  vectors?: WordVectors;
  /** Weights of the re-rank's linear model, one per {@link RERANK_FEATURES} entry. Default: the shipped model. */
  rerankWeights: readonly number[];
  /** The re-rank's hidden layer over the linear model's best leaders; none: the linear model alone. Default: the shipped layer. */
  rerankHidden?: RerankHiddenLayer;
  /** Weights of the sentence model, one per {@link SENTENCE_FEATURES} entry. Default: the shipped model. */
  sentenceWeights: readonly number[];
}

export const DEFAULT_OPTIONS: IndexOptions = {
  k1: 1.2,
  b: 0.75,
  rerankDepth: 8,
  rerankAllUpTo: 30,
  sentenceWeight: 1,
  pairWeight: 0.3,
  pairWindow: 1,
  concentration: 0.1,
  sentenceLengthNorm: 0.2,
  questionWordWeight: 0.3,
  typoWeight: 0.7,
  answerKindBonus: 2,
  relatedWeight: 0.6,
  sameWordWeight: 0.85,
  secondHopMinWeight: 0.5,
  relatedMaxPostings: 1000,
  relatedMaxShare: 0.005,
  answerKindPenalty: 0.3,
  commonWordDamping: 0.1,
  rerankWeights: rerankWeightVector(RERANK_WEIGHTS),
  rerankHidden: RERANK_HIDDEN,
  sentenceWeights: sentenceWeightVector(SENTENCE_WEIGHTS),
};

/** The options given, over the defaults. */
export function withDefaults(options: Partial<IndexOptions>): IndexOptions {
  return { ...DEFAULT_OPTIONS, ...options };
}

/** How many paragraphs the re-rank weighs for a corpus of `size`: deeper as it grows, at least `limit`. */
export function rerankDepthFor(options: IndexOptions, size: number, limit: number): number {
  return Math.max(limit, Math.round(options.rerankDepth * (1 + Math.log10(Math.max(1, size / DEPTH_GROWS_FROM)))));
}

/** Corpus size from which the re-rank goes deeper (by a log10 step per tenfold). */
const DEPTH_GROWS_FROM = 2000;
