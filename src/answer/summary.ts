// Extractive summary, lead first: the story's first sentences, with a later sentence taking a
// lead sentence's place only on evidence: it gives a figure the summary lacks where the lead
// sentence gives none, or its learned value says it is clearly worth more. Printed in story order,
// each cited to its paragraph. See docs/summary.md.
import type { Story } from '../story/types.js';
import { analyze, type Token } from '../search/text.js';
import type { Summary, SummaryLength } from './types.js';
import { opensOnItsOwn, quantities, sentenceFeatures, standsAlone } from './summary/features.js';
import { keywordProbabilities, wordFeatures } from './summary/keywords.js';
import { sentenceValues, type SummaryModel } from './summary/model.js';
import { selectLeadFirst, type SelectionCandidate } from './summary/select.js';
import { tfidfSimilarity, type SimilarityMatrix } from './summary/similarity.js';
import { SUMMARY_MODEL } from './summary/weights.js';

/** The lengths a user can ask for, shortest first. */
export const SUMMARY_LENGTHS: readonly SummaryLength[] = ['short', 'medium', 'long'];

export function isSummaryLength(value: unknown): value is SummaryLength {
  return typeof value === 'string' && (SUMMARY_LENGTHS as readonly string[]).includes(value);
}

/** How many sentences each length asks for (never more than the story has). */
export const SUMMARY_SENTENCES: Readonly<Record<SummaryLength, number>> = { short: 3, medium: 5, long: 8 };

/**
 * How many of each length's own places, first in story order, never give way: short keeps the
 * story's first two sentences and may change only its third; medium may change the two it adds to
 * short; long fills its three by value. (Letting short's second sentence go too gained 2.3 ROUGE-1
 * on news-dev but lost 3 to 5 points for one news-train writer: see docs/summary.md.)
 */
const FIXED_PLACES: Readonly<Record<SummaryLength, number>> = { short: 2, medium: 0, long: 0 };

/** A Discord embed description holds 4,096 characters: the whole rendered summary must fit. */
export const SUMMARY_MAX_CHARS = 4096;

/**
 * The similarity matrix grows with the square of the sentence count: beyond this many sentences
 * (a book rather than a story; the longest SQuAD article has 452) an even sample is summarised.
 */
const MAX_SENTENCES = 2000;

export interface SummaryOptions {
  /** Character budget for the rendered summary (sentences, citations, separators). */
  maxChars?: number;
  /** Another model than the shipped one (the benchmark's tuning tries them). */
  model?: SummaryModel;
}

/** Characters one sentence costs when rendered as `text [¶N]` plus a separator. */
export function renderedCost(text: string, paragraph: number): number {
  return text.length + ` [¶${paragraph}]`.length + 1;
}

export interface StorySentence {
  text: string;
  paragraph: number;
  indexInParagraph: number;
}

/** Line breaks and runs of spaces become one space, so each quote reads as one line. */
function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every sentence up to `max`; past that, `max` of them evenly spread, the first included. */
function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, k) => items[Math.floor(k * step)]);
}

function storySentences(story: Story): StorySentence[] {
  const all = story.paragraphs.flatMap((paragraph) => {
    const sentences = paragraph.sentences.length > 0 ? paragraph.sentences : [{ text: paragraph.text }];
    return sentences
      .map((sentence) => collapseWhitespace(sentence.text))
      .filter((text) => text.length > 0)
      .map((text, indexInParagraph) => ({ text, paragraph: paragraph.n, indexInParagraph }));
  });
  return evenSample(all, MAX_SENTENCES);
}

/** What the selection needs of a story, whatever the length or the model: computed once. */
export interface PreparedStory {
  story: Story;
  sentences: StorySentence[];
  similarity: SimilarityMatrix;
  /** Feature rows (see SUMMARY_FEATURES), row-major. */
  features: Float64Array;
  /** Characters each sentence costs once rendered with its citation. */
  costs: number[];
  /** Same text as an earlier sentence. */
  duplicates: boolean[];
  /** Reads on its own (see standsAlone). */
  standalone: boolean[];
  /** The amounts each sentence gives in figures (see quantities), and whether it opens on its own. */
  figures: string[][];
  opensOnItsOwn: boolean[];
  /** Each sentence's search tokens and each term's word features (for the keyword model). */
  tokens: Token[][];
  words: Map<string, Float64Array>;
}

/** Everything the selection needs; the features use `keywordWeights` (the shipped model's by default). */
export function prepareStory(
  story: Story,
  keywordWeights: readonly number[] = SUMMARY_MODEL.keywordWeights,
): PreparedStory {
  const sentences = storySentences(story);
  // Single digits are search terms ("3 troops") but too small to be a summary's topics.
  const tokens = sentences.map((s) => analyze(s.text).filter((t) => !/^\d$/.test(t.term)));
  const similarity = tfidfSimilarity(tokens.map((sentenceTokens) => sentenceTokens.map((t) => t.term)));
  const texts = sentences.map((s) => s.text);
  const words = wordFeatures(tokens, texts);
  const keywords = keywordProbabilities(words, keywordWeights);
  const features = sentenceFeatures(
    texts,
    sentences.map((s, index) => ({ ...s, index })),
    tokens,
    similarity,
    keywords,
  );
  const seen = new Set<string>();
  const duplicates = texts.map((text) => seen.size === seen.add(text).size);
  const costs = sentences.map((s) => renderedCost(s.text, s.paragraph));
  return {
    story,
    sentences,
    similarity,
    features,
    costs,
    duplicates,
    standalone: texts.map(standsAlone),
    figures: texts.map(quantities),
    opensOnItsOwn: texts.map(opensOnItsOwn),
    tokens,
    words,
  };
}

/** Indices of the sentences a summary of `length` quotes, in story order. */
export function chooseSentences(
  prepared: PreparedStory,
  length: SummaryLength,
  model: SummaryModel = SUMMARY_MODEL,
  maxChars = SUMMARY_MAX_CHARS,
): number[] {
  const select = (at: SummaryLength, kept: number[] = [], fill: 'lead' | 'value' = 'lead') => {
    const { weights, margin, numbers } = model.lengths[at];
    const values = sentenceValues(prepared.features, weights);
    const candidates: SelectionCandidate[] = prepared.costs.map((cost, i) => ({
      value: values[i],
      cost,
      duplicate: prepared.duplicates[i],
      standalone: prepared.standalone[i],
      figures: prepared.figures[i],
      opensOnItsOwn: prepared.opensOnItsOwn[i],
    }));
    return selectLeadFirst(
      candidates,
      prepared.similarity,
      { margin, redundancy: model.redundancy, diversity: model.diversity, numbers },
      { count: SUMMARY_SENTENCES[at], maxChars, kept, fill, fixed: FIXED_PLACES[at] },
    );
  };
  if (!model.nested) return length === 'long' ? select('long', select('medium'), model.longFill) : select(length);
  const short = select('short');
  if (length === 'short') return short;
  const medium = select('medium', short);
  // Long adds the most important later developments to medium, not just the next lead sentences.
  return length === 'medium' ? medium : select('long', medium, model.longFill);
}

/**
 * Summarise one story from its own sentences: about 3, 5 or 8 of them (`short`, `medium`,
 * `long`), in story order, each with the paragraph that holds it, within `maxChars` once
 * rendered as `text [¶N]` lines. Pure and synchronous.
 */
export function summarize(story: Story, length: SummaryLength = 'medium', options: SummaryOptions = {}): Summary {
  if (!isSummaryLength(length))
    throw new RangeError(`Unknown summary length "${String(length)}": use short, medium or long.`);
  const prepared = prepareStory(story, (options.model ?? SUMMARY_MODEL).keywordWeights);
  const chosen = chooseSentences(prepared, length, options.model, options.maxChars);
  return {
    story: story.id,
    title: story.title,
    sentences: chosen.map((i) => ({ text: prepared.sentences[i].text, paragraph: prepared.sentences[i].paragraph })),
  };
}
