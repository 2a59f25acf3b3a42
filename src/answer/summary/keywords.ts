// Which of the story's words an editor's summary is likely to use: a logistic model over what a
// word's place in the story says (how often it recurs, whether the lede has it, how early it
// first comes, whether it is a figure or a name). Fitted on editors' summaries of other stories
// (tools/tune-summary.ts); a sentence then weighs by the likely words it adds to the lede.
import type { Token } from '../../search/text.js';
import { firstWordEnd, hasDigit, isFactToken } from './features.js';

export const WORD_FEATURES = [
  /** Always 1: the intercept. */
  'bias',
  /** ln(1 + occurrences in the story). */
  'frequency',
  /** The lede (first sentence) has it. */
  'inLede',
  /** 1 / (1 + index of the first sentence that has it). */
  'early',
  /** Share of the story's sentences that have it. */
  'spread',
  /** Holds a digit. */
  'figure',
  /** Written capitalised past the first word of a sentence somewhere: a name. */
  'name',
] as const;

export const WORD_FEATURE_COUNT = WORD_FEATURES.length;

/** Each distinct term of the story with its feature row (WORD_FEATURES order). */
export function wordFeatures(
  tokens: readonly (readonly Token[])[],
  texts: readonly string[],
): Map<string, Float64Array> {
  const stats = new Map<
    string,
    { count: number; sentences: number; first: number; lede: boolean; figure: boolean; name: boolean }
  >();
  tokens.forEach((sentence, i) => {
    const after = firstWordEnd(texts[i]);
    const seen = new Set<string>();
    for (const t of sentence) {
      let s = stats.get(t.term);
      if (!s) stats.set(t.term, (s = { count: 0, sentences: 0, first: i, lede: false, figure: false, name: false }));
      s.count++;
      if (!seen.has(t.term)) {
        seen.add(t.term);
        s.sentences++;
      }
      if (i === 0) s.lede = true;
      if (isFactToken(t, after)) {
        if (hasDigit(t.surface)) s.figure = true;
        else s.name = true;
      }
    }
  });
  const n = Math.max(1, tokens.length);
  const out = new Map<string, Float64Array>();
  for (const [term, s] of stats) {
    out.set(
      term,
      Float64Array.of(
        1,
        Math.log(1 + s.count),
        s.lede ? 1 : 0,
        1 / (1 + s.first),
        s.sentences / n,
        s.figure ? 1 : 0,
        s.name ? 1 : 0,
      ),
    );
  }
  return out;
}

/** The probability of each term appearing in an editor's summary, by the model's weights. */
export function keywordProbabilities(
  features: ReadonlyMap<string, Float64Array>,
  weights: readonly number[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [term, x] of features) {
    let z = 0;
    for (let f = 0; f < WORD_FEATURE_COUNT; f++) z += weights[f] * x[f];
    out.set(term, 1 / (1 + Math.exp(-z)));
  }
  return out;
}
