// The sentence model: which sentence of a leading paragraph answers, by a linear model over each
// sentence's own evidence and its neighbours' (weights in rerank-weights.ts, by SENTENCE_FEATURES).

import { CHECKABLE_KINDS, FactKind } from './fact-kinds.js';
import { SENTENCE, SENTENCE_FEATURE_COUNT } from './rerank-model.js';

/** What the sentence scan found in one sentence (weights are the asked words' weights, summed). */
export interface SentenceEvidence {
  /** Weight of the asked words it holds, by their credit. */
  covered: number;
  /** The same, a word also counting by its nearest word (looser word-vector nearness). */
  softCovered: number;
  /** The same, counting exact word-vector alignment. */
  aligned: number;
  /** Distinct asked words it holds, as a share of the question's words. */
  words: number;
  /** covered times how tightly the asked words sit, and times the share in question order. */
  density: number;
  order: number;
  /** The hand-tuned match score. */
  score: number;
  /** Its length in index terms. */
  length: number;
}

/** What the model needs of the paragraph and the question beyond the sentences' evidence. */
export interface SentenceContext {
  /** Sum of the asked words' weights: coverages become shares of it. */
  totalWeight: number;
  /** Position of the paragraph in its story (0: the lead). */
  position: number;
  /** Kinds of fact asked ({@link FactKind} bits). */
  facts: number;
  /** Weights by {@link SENTENCE_FEATURES}. */
  weights: readonly number[];
  /** Kinds of fact the k-th sentence holds beyond the question's words. */
  newFacts(k: number): number;
  /** Cosine of the question's vector with the k-th sentence's (0 without vectors). */
  cosine(k: number): number;
}

/** Each sentence's model score and its features (by SENTENCE_FEATURES). */
export function scoreSentences(
  sentences: readonly SentenceEvidence[],
  context: SentenceContext,
): { scores: number[]; features: number[][] } {
  const { totalWeight, position, facts: asked, weights } = context;
  const share = (x: number) => (totalWeight > 0 ? x / totalWeight : 0);
  const checkable = asked & CHECKABLE_KINDS;
  const holds = (facts: number, kind: number) => ((asked & kind) !== 0 && (facts & kind) !== 0 ? 1 : 0);
  let maxScore = 0;
  for (const s of sentences) maxScore = Math.max(maxScore, s.score);
  const scores: number[] = [];
  const all: number[][] = [];
  sentences.forEach((s, k) => {
    const facts = asked !== 0 ? context.newFacts(k) : 0;
    const aligned = share(s.aligned);
    const neighbour = Math.max(
      k > 0 ? share(sentences[k - 1].aligned) : 0,
      k + 1 < sentences.length ? share(sentences[k + 1].aligned) : 0,
    );
    const f = new Array<number>(SENTENCE_FEATURE_COUNT).fill(0);
    f[SENTENCE.coverage] = share(s.covered);
    f[SENTENCE.softCoverage] = share(s.softCovered);
    f[SENTENCE.aligned] = aligned;
    f[SENTENCE.words] = s.words;
    f[SENTENCE.density] = share(s.density);
    f[SENTENCE.order] = share(s.order);
    f[SENTENCE.match] = maxScore > 0 ? s.score / maxScore : 0;
    f[SENTENCE.length] = Math.log1p(s.length);
    f[SENTENCE.cosine] = context.cosine(k);
    f[SENTENCE.newFact] = checkable !== 0 && (facts & checkable) !== 0 ? 1 : 0;
    f[SENTENCE.factMissing] = checkable !== 0 && (facts & checkable) === 0 ? 1 : 0;
    f[SENTENCE.reason] = holds(facts, FactKind.Reason);
    f[SENTENCE.quote] = holds(facts, FactKind.Quote);
    f[SENTENCE.means] = holds(facts, FactKind.Means);
    f[SENTENCE.newName] = holds(facts, FactKind.Name);
    f[SENTENCE.stance] = holds(facts, FactKind.Stance);
    f[SENTENCE.first] = k === 0 ? 1 : 0;
    f[SENTENCE.storyLead] = position === 0 && k === 0 ? 1 : 0;
    f[SENTENCE.neighbour] = neighbour;
    f[SENTENCE.paragraphPosition] = 1 / (1 + position);
    f[SENTENCE.factAligned] = f[SENTENCE.newFact] * aligned;
    let z = 0;
    for (let i = 0; i < SENTENCE_FEATURE_COUNT; i++) z += weights[i] * f[i];
    scores.push(z);
    all.push(f);
  });
  return { scores, features: all };
}

/** Position of the highest score (the first of ties). */
export function argmax(scores: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  return best;
}
