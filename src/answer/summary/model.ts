// The summary's model: how features become a sentence's value at each length, and how the
// selection uses it. The shipped numbers are in ./weights.ts, written by the benchmark's tuning
// (tools/tune-summary.ts) from editors' summaries of other stories.
import type { SummaryLength } from '../types.js';
import { FEATURE_COUNT } from './features.js';

export interface LengthModel {
  /** One weight per feature, in the order of SUMMARY_FEATURES. */
  weights: readonly number[];
  /** How much more a sentence must be worth than the lead sentence it replaces (1e9: never). */
  margin: number;
  /** Whether a lead sentence that gives no figure gives way to the next that gives one (see select.ts). */
  numbers: boolean;
}

export interface SummaryModel {
  /** Weights of the likely-summary-word model, in the order of WORD_FEATURES (keywords.ts). */
  keywordWeights: readonly number[];
  /** Short references are tighter than medium ones, so each length weighs sentences its own way. */
  lengths: Readonly<Record<SummaryLength, LengthModel>>;
  /** TF-IDF cosine at or above which a sentence restates one already kept. */
  redundancy: number;
  /** How much closeness to the rest of the summary lowers a sentence's worth (see select.ts). */
  diversity: number;
  /** How `long` finds its later sentences: the next lead sentences, or the most valuable ones. */
  longFill: 'lead' | 'value';
  /** Build medium on short (and long on medium), so a longer summary keeps what a shorter chose. */
  nested: boolean;
}

/** Each sentence's value: the weighted sum of its features. */
export function sentenceValues(features: Float64Array, weights: readonly number[]): Float64Array {
  const n = features.length / FEATURE_COUNT;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let f = 0; f < FEATURE_COUNT; f++) v += weights[f] * features[i * FEATURE_COUNT + f];
    out[i] = v;
  }
  return out;
}
