// The short answer's model: a linear score per candidate span and a softmax over a paragraph's
// candidates. Its weights are learned on SQuAD 1.1 dev by tools/train-span.ts (cross-validated by
// article: see docs/short-answers.md) and kept by name in span-weights.ts, so they stay readable
// and a feature added later only needs new weights, not a new layout.
import {
  emitFeatures,
  FEATURE_COUNT,
  featureName,
  questionRows,
  type CandidateFeatures,
  type SearchContext,
} from './features.js';
import type { AnalyzedParagraph } from './paragraph.js';
import type { AnalyzedQuestion } from './question.js';

/** Weights by feature name ("source:date", "when×source:date"); a feature not named weighs 0. */
export type SpanWeights = Readonly<Record<string, number>>;

let ids: Map<string, number> | undefined;

/** The dense weight vector of named weights (unknown names are an error: stale weights). */
export function denseWeights(named: SpanWeights): Float64Array {
  ids ??= new Map(Array.from({ length: FEATURE_COUNT }, (_, i) => [featureName(i), i]));
  const w = new Float64Array(FEATURE_COUNT);
  for (const [name, value] of Object.entries(named)) {
    const i = ids.get(name);
    if (i === undefined) throw new Error(`short answer: no feature "${name}"; retrain with tools/train-span.ts`);
    w[i] = value;
  }
  return w;
}

/** Named weights of a dense vector, leaving out zeros. */
export function namedWeights(w: ArrayLike<number>, digits = 3): Record<string, number> {
  const out: Record<string, number> = {};
  const scale = 10 ** digits;
  for (let i = 0; i < FEATURE_COUNT; i++) {
    const v = Math.round(w[i] * scale) / scale;
    if (v !== 0) out[featureName(i)] = v;
  }
  return out;
}

/** Linear score of each candidate (-Infinity for excluded ones). */
export function scores(features: CandidateFeatures, w: Float64Array): Float64Array {
  const { ids: f, values, offsets, kindRow, classRow, excluded } = features;
  const out = new Float64Array(offsets.length - 1);
  for (let k = 0; k < out.length; k++) {
    let z = 0;
    for (let j = offsets[k]; j < offsets[k + 1]; j++)
      z += (w[f[j]] + w[kindRow + f[j]] + w[classRow + f[j]]) * values[j];
    out[k] = excluded[k] ? -Infinity : z;
  }
  return out;
}

/** Scores every candidate straight from its features, without collecting them (the bot's path). */
export function scoreCandidates(
  q: AnalyzedQuestion,
  p: AnalyzedParagraph,
  context: SearchContext,
  w: Float64Array,
): Float64Array {
  const out = new Float64Array(p.candidates.length);
  const { kindRow, classRow } = questionRows(q);
  let k = 0;
  const excluded: number[] = [];
  emitFeatures(q, p, context, {
    candidate: (next) => (k = next),
    add: (base, value) => (out[k] += (w[base] + w[kindRow + base] + w[classRow + base]) * value),
    exclude: (at) => excluded.push(at),
  });
  for (const at of excluded) out[at] = -Infinity;
  return out;
}

/** The best candidate and its share of the softmax (how sure the model is), or -1 with none. */
export function best(z: Float64Array): { index: number; probability: number } {
  if (z.length === 0) return { index: -1, probability: 0 };
  let index = 0;
  for (let k = 1; k < z.length; k++) if (z[k] > z[index]) index = k;
  if (z[index] === -Infinity) return { index: -1, probability: 0 };
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += Math.exp(z[k] - z[index]);
  return { index, probability: 1 / sum };
}
