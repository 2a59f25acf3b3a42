// The short answer: the shortest span of the quoted paragraph that answers the question (a
// figure, a date, a name, a short phrase), always the story's own words. Candidates are cut from
// wink-nlp's tags and entities (span/candidates.ts); a linear model learned on SQuAD picks one by
// the kind of answer asked, where it sits among the question's words, whether it repeats them,
// and how well the search matched its sentence (span/features.ts). See docs/short-answers.md.
import { analyzeParagraph, spanText, type AnalyzedParagraph, type SentenceRange } from './span/paragraph.js';
import { analyzeQuestion } from './span/question.js';
import type { SearchContext } from './span/features.js';
import { best, denseWeights, scoreCandidates, type SpanWeights } from './span/model.js';
import { SPAN_WEIGHTS } from './span/weights.js';

export type { SearchContext, SpanWeights };

/** The paragraph an answer quotes: its text and its sentences' offsets in it. */
export interface QuotedParagraph {
  text: string;
  sentences: readonly SentenceRange[];
}

export interface SpanOptions {
  /** The model's weights (default: the shipped ones). */
  weights?: SpanWeights;
  /**
   * Least share of the model's belief the best span must have to be given; below it there is no
   * short answer (the reader still gets the sentence). Chosen by measurement, see the docs.
   */
  minConfidence?: number;
}

export const DEFAULT_MIN_CONFIDENCE = 0;

// A paragraph is tagged when it is first quoted, then kept with it (stories are immutable).
const analyses = new WeakMap<QuotedParagraph, AnalyzedParagraph>();
const dense = new WeakMap<SpanWeights, Float64Array>();

function analysisOf(paragraph: QuotedParagraph): AnalyzedParagraph {
  let a = analyses.get(paragraph);
  if (!a) analyses.set(paragraph, (a = analyzeParagraph(paragraph.text, paragraph.sentences)));
  return a;
}

function weightsOf(named: SpanWeights): Float64Array {
  let w = dense.get(named);
  if (!w) dense.set(named, (w = denseWeights(named)));
  return w;
}

/**
 * The short answer to `question` in `paragraph`: a string that occurs verbatim in the paragraph
 * (a slice of its text), or null when no span is a likely answer.
 */
export function shortAnswer(
  question: string,
  paragraph: QuotedParagraph,
  context: SearchContext,
  options: SpanOptions = {},
): string | null {
  const p = analysisOf(paragraph);
  if (p.candidates.length === 0) return null;
  const q = analyzeQuestion(question);
  const z = scoreCandidates(q, p, context, weightsOf(options.weights ?? SPAN_WEIGHTS));
  const { index, probability } = best(z);
  if (index < 0 || probability < (options.minConfidence ?? DEFAULT_MIN_CONFIDENCE)) return null;
  return spanText(p, p.candidates[index]);
}
