// Does the story answer the question at all? A logistic model over the evidence of the best
// paragraph: how much of the question it holds exactly, only loosely or not at all, whether the
// story holds the question's names, and whether a fact of the asked kind (an age for "how old", a
// date for "when") stands near the question's words. Weights are fitted on news-style questions
// (tools/train-models.ts), cross-validated by story.

import type { Hit, SearchResult } from '../search/index.js';
import { CHECKABLE_KINDS, FactKind } from '../search/fact-kinds.js';
import { FEATURE } from '../search/rerank-model.js';
import { ANSWERABILITY_WEIGHTS } from './answerability-weights.js';

export const ANSWERABILITY_FEATURES = [
  'bias',
  /** The re-rank's belief in the best paragraph (share of 1). */
  'share',
  /** Its lead over the second paragraph's share. */
  'margin',
  /** Share of the question's weight the paragraph holds by the words themselves or related words. */
  'exactCoverage',
  /** Share held only by near words (word vectors), beyond the exact credit. */
  'softOnly',
  /** Share of the question's weight the paragraph holds in no way. */
  'missing',
  /** The heaviest single question word the paragraph lacks (exactly), as a share of the question. */
  'heaviestMissing',
  /** Share of the question's weight the whole story lacks. */
  'storyMissing',
  /** A name in the question that the story never mentions. */
  'unknownName',
  /** Share of the question's names the paragraph holds. */
  'namesHeld',
  /** A figure or date is asked ("how old", "how many", "when"). */
  'factAsked',
  /** ... and the best sentence holds one of that kind beyond the question's words. */
  'factInBest',
  /** ... or a neighbouring sentence does. */
  'factNear',
  /** ... or only some other sentence of the paragraph. */
  'factElsewhere',
  /** ... and the paragraph holds none. */
  'factMissing',
  /** Share of the question's weight within 6 words of a new fact of the asked kind in the quoted sentence, and within 2. */
  'factWindow',
  'factBeside',
  /** The same with the question's words met loosely too (a related or near word, at its credit). */
  'looseFactWindow',
  'looseFactBeside',
  /** Loosely, within 6 words of that fact, the share of the question's words other than names: the asked attribute ("founded"). */
  'attributeWindow',
  /** A reason is asked and the best sentence or a neighbour gives one. */
  'reasonGiven',
  'reasonAsked',
  'yesNo',
  /** Word-vector cosine of the question with the best sentence and with the paragraph. */
  'sentenceCosine',
  'paragraphCosine',
  /** Share of the question's weight the best-covering sentence holds. */
  'sentenceCoverage',
  /** Share of the question's weight met in the best paragraph's best sentence and in the paragraph, nearest words counting (exact word-vector cosine). */
  'alignSentence',
  'alignParagraph',
  /** Share of the question's weight that no leading paragraph meets even loosely (credit below one half). */
  'unmet',
  /** The heaviest question word that no leading paragraph meets even loosely, as a share of the question. */
  'heaviestUnmet',
  /** The best leading paragraph's word-vector cosine with the question among all leaders (not only the best). */
  'bestCosine',
  /** How near (0..1) the question's first word (its focus: "how many *aces*", "which *company*") is met in the best paragraph's best sentence. */
  'focusInSentence',
  /** The weakest of the question's main words (at least half the heaviest's weight) in that sentence, and in the paragraph. */
  'weakestInSentence',
  'weakestInParagraph',
  /** Share of the question's rare words (weighted by rarity) that no leading paragraph meets even loosely. */
  'unmetRare',
  /** The question names one of the story's names (a person, place or organisation it writes with a capital). */
  'storyName',
  /** The widest-spread question word in the story: its share of paragraphs (the story's topic words are everywhere). */
  'topicSpread',
] as const;

export type AnswerabilityFeature = (typeof ANSWERABILITY_FEATURES)[number];

/** How near (0..1) a question word must be met somewhere for the question to be on topic. */
const MET = 0.75;

/** The evidence, by {@link ANSWERABILITY_FEATURES}, that the best hit answers the question. */
export function answerabilityFeatures(
  result: Pick<SearchResult, 'asked' | 'facts' | 'yesNo'>,
  hits: readonly Hit[],
): Record<AnswerabilityFeature, number> {
  const best = hits[0];
  const second = hits[1];
  const f = Object.fromEntries(ANSWERABILITY_FEATURES.map((name) => [name, 0])) as Record<AnswerabilityFeature, number>;
  f.bias = 1;
  const { asked, facts, yesNo } = result;
  const total = asked.reduce((sum, w) => sum + w.weight, 0) || 1;
  f.yesNo = yesNo ? 1 : 0;
  for (const w of asked) f.storyMissing += (w.weight * (1 - w.inRange)) / total;
  const names = asked.filter((w) => w.named);
  f.unknownName = names.some((w) => w.inRange === 0) ? 1 : 0;
  f.factAsked = (facts & CHECKABLE_KINDS) !== 0 ? 1 : 0;
  f.storyName = asked.some((w) => w.storyName) ? 1 : 0;
  f.topicSpread = Math.max(0, ...asked.map((w) => w.spread));
  f.reasonAsked = (facts & FactKind.Reason) !== 0 ? 1 : 0;
  // How far the leaders together meet each question word, loosely: an off-topic question's
  // words ("iphone", "recipe") meet nothing anywhere; a paraphrase's meet their near words.
  asked.forEach((w, a) => {
    let met = 0;
    for (const hit of hits) met = Math.max(met, hit.evidence.align[a] ?? 0, hit.evidence.credit[a] ?? 0);
    // A related word (WordNet, ~0.7) is not enough to call an off-topic word met: "programming" ~ "plans".
    if (met < MET) {
      f.unmetRare += w.rarity;
      f.unmet += w.weight / total;
      f.heaviestUnmet = Math.max(f.heaviestUnmet, w.weight / total);
    }
  });
  const rarityTotal = asked.reduce((sum, w) => sum + w.rarity, 0);
  f.unmetRare = rarityTotal > 0 ? f.unmetRare / rarityTotal : 0;
  for (const hit of hits) f.bestCosine = Math.max(f.bestCosine, hit.features?.[FEATURE.paragraphCosine] ?? 0);
  if (!best) {
    f.missing = 1;
    f.heaviestMissing = asked.length > 0 ? Math.max(...asked.map((w) => w.weight)) / total : 1;
    f.factMissing = f.factAsked;
    return f;
  }
  f.share = best.score;
  f.margin = best.score - (second?.score ?? 0);
  const { credit, soft, factsInBest, factsNear, factsInParagraph } = best.evidence;
  asked.forEach((w, a) => {
    const exact = credit[a] ?? 0;
    const loose = Math.max(exact, soft[a] ?? 0);
    f.exactCoverage += (w.weight * exact) / total;
    f.softOnly += (w.weight * (loose - exact)) / total;
    f.missing += (w.weight * (1 - loose)) / total;
    f.heaviestMissing = Math.max(f.heaviestMissing, (w.weight * (1 - exact)) / total);
  });
  const { align, sentenceAlign } = best.evidence;
  f.focusInSentence = sentenceAlign[0] ?? 0;
  const heaviest = Math.max(0, ...asked.map((w) => w.weight));
  f.weakestInSentence = 1;
  f.weakestInParagraph = 1;
  asked.forEach((w, a) => {
    if (w.weight < heaviest / 2) return;
    f.weakestInSentence = Math.min(f.weakestInSentence, sentenceAlign[a] ?? 0);
    f.weakestInParagraph = Math.min(f.weakestInParagraph, align[a] ?? 0);
  });
  if (names.length > 0) f.namesHeld = names.filter((w) => (credit[asked.indexOf(w)] ?? 0) >= 0.7).length / names.length;
  const checkable = facts & CHECKABLE_KINDS;
  if (checkable !== 0) {
    if (factsInBest & checkable) f.factInBest = 1;
    else if (factsNear & checkable) f.factNear = 1;
    else if (factsInParagraph & checkable) f.factElsewhere = 1;
    else f.factMissing = 1;
  }
  f.factWindow = best.evidence.factWindow ?? 0;
  f.factBeside = best.evidence.factBeside ?? 0;
  f.looseFactWindow = best.evidence.looseFactWindow ?? 0;
  f.looseFactBeside = best.evidence.looseFactBeside ?? 0;
  f.attributeWindow = best.evidence.attributeWindow ?? 0;
  if (facts & FactKind.Reason && (factsInBest | factsNear) & FactKind.Reason) f.reasonGiven = 1;
  const features = best.features;
  if (features) {
    f.sentenceCosine = features[FEATURE.sentenceCosine];
    f.paragraphCosine = features[FEATURE.paragraphCosine];
    f.sentenceCoverage = features[FEATURE.sentenceCoverage];
    f.alignSentence = features[FEATURE.alignSentence];
    f.alignParagraph = features[FEATURE.alignParagraph];
  }
  return f;
}

/** The two logistic gates of the answerability model, by feature name. */
export interface AnswerabilityModel {
  /** Is the question about this story at all (answerable questions against off-topic ones)? */
  onTopic: Readonly<Record<AnswerabilityFeature, number>>;
  /** When a figure or date is asked: does the story give it (answerable against facts the story never gives)? */
  factGiven: Readonly<Record<AnswerabilityFeature, number>>;
}

function logistic(
  weights: Readonly<Record<AnswerabilityFeature, number>>,
  features: Record<AnswerabilityFeature, number>,
): number {
  let z = 0;
  for (const name of ANSWERABILITY_FEATURES) z += weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * The model's probability (0..1) that the story answers, from {@link answerabilityFeatures}:
 * on topic, and, when a figure or date is asked, given by the story. Each gate is fitted on its
 * own contrast, so neither learns from questions that words alone cannot tell apart.
 */
export function answerableProbability(
  features: Record<AnswerabilityFeature, number>,
  model: AnswerabilityModel = ANSWERABILITY_WEIGHTS.model,
): number {
  const onTopic = logistic(model.onTopic, features);
  return features.factAsked === 1 ? onTopic * logistic(model.factGiven, features) : onTopic;
}

/**
 * Which way each feature may count when fitted (+1: evidence that the story answers, -1: that it
 * doesn't; missing: either way). Without this the model learns the question writers' habit
 * (answerable questions avoid the story's words, unanswerable ones use them) and refuses "Who
 * was Qassem Soleimani?".
 */
export const ANSWERABILITY_FEATURE_SIGNS: Partial<Record<AnswerabilityFeature, 1 | -1>> = {
  share: 1,
  margin: 1,
  exactCoverage: 1,
  softOnly: 1,
  missing: -1,
  heaviestMissing: -1,
  storyMissing: -1,
  unknownName: -1,
  namesHeld: 1,
  factInBest: 1,
  factNear: 1,
  factMissing: -1,
  factWindow: 1,
  factBeside: 1,
  looseFactWindow: 1,
  looseFactBeside: 1,
  attributeWindow: 1,
  reasonGiven: 1,
  sentenceCosine: 1,
  paragraphCosine: 1,
  sentenceCoverage: 1,
  alignSentence: 1,
  alignParagraph: 1,
  unmet: -1,
  heaviestUnmet: -1,
  bestCosine: 1,
  focusInSentence: 1,
  weakestInSentence: 1,
  weakestInParagraph: 1,
  unmetRare: -1,
  storyName: 1,
  topicSpread: 1,
};
