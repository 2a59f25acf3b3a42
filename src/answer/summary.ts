// Extractive summary: the story's own sentences, chosen to cover what the story says (TF-IDF
// similarity, with diminishing returns against repetition), the lead weighed in, and printed
// in story order, each cited to its paragraph.
import type { Story } from '../story/types.js';
import { analyze } from '../search/text.js';
import type { Summary, SummaryLength } from './types.js';
import { selectByCoverage, type Candidate } from './summary/coverage.js';
import { factDensity, leadWeight } from './summary/features.js';
import { tfidfSimilarity } from './summary/similarity.js';

/** The lengths a user can ask for, shortest first. */
export const SUMMARY_LENGTHS: readonly SummaryLength[] = ['short', 'medium', 'long'];

export function isSummaryLength(value: unknown): value is SummaryLength {
  return typeof value === 'string' && (SUMMARY_LENGTHS as readonly string[]).includes(value);
}

/** How many sentences each length asks for (never more than the story has). */
export const SUMMARY_SENTENCES: Readonly<Record<SummaryLength, number>> = { short: 3, medium: 5, long: 8 };

/** A Discord embed description holds 4,096 characters: the whole rendered summary must fit. */
export const SUMMARY_MAX_CHARS = 4096;

/**
 * The similarity matrix grows with the square of the sentence count: beyond this many sentences
 * (a book rather than a story; the longest SQuAD article has 452) an even sample is summarised.
 */
const MAX_SENTENCES = 2000;

/** How far the lead counts, in units of what an average sentence covers of the story. */
const LEAD_BONUS = 2;
/** How much names and figures raise what a sentence is worth (a sentence all names: ×3). */
const FACT_BOOST = 2;

export interface SummaryOptions {
  /** Character budget for the rendered summary (sentences, citations, separators). */
  maxChars?: number;
}

/** Characters one sentence costs when rendered as `text [¶N]` plus a separator. */
export function renderedCost(text: string, paragraph: number): number {
  return text.length + ` [¶${paragraph}]`.length + 1;
}

interface StorySentence {
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

/**
 * Summarise one story from its own sentences: about 3, 5 or 8 of them (`short`, `medium`,
 * `long`), in story order, each with the paragraph that holds it, within `maxChars` once
 * rendered as `text [¶N]` lines. Pure and synchronous.
 */
export function summarize(story: Story, length: SummaryLength = 'medium', options: SummaryOptions = {}): Summary {
  if (!isSummaryLength(length)) throw new RangeError(`Unknown summary length "${String(length)}": use short, medium or long.`);
  const sentences = storySentences(story);
  // Single digits are search terms ("3 troops") but too small to be a summary's facts or topics;
  // the weights below were chosen without them.
  const tokens = sentences.map((s) => analyze(s.text).filter((t) => !/^\d$/.test(t.term)));
  const similarity = tfidfSimilarity(tokens.map((sentenceTokens) => sentenceTokens.map((t) => t.term)));

  // The lead bonus is measured in the same unit as coverage: what one sentence covers on average.
  const { size, total } = similarity;
  const averageCoverage = size > 0 ? 1 + total / size : 1;

  const seen = new Set<string>();
  const candidates: Candidate[] = sentences.map((sentence, i) => {
    const duplicate = seen.has(sentence.text);
    seen.add(sentence.text);
    return {
      weight: 1 + FACT_BOOST * factDensity(sentence.text, tokens[i]),
      bonus: LEAD_BONUS * averageCoverage * leadWeight(sentence),
      cost: renderedCost(sentence.text, sentence.paragraph),
      duplicate,
    };
  });
  const chosen = selectByCoverage(candidates, similarity, {
    count: SUMMARY_SENTENCES[length],
    maxChars: options.maxChars ?? SUMMARY_MAX_CHARS,
  });

  return {
    story: story.id,
    title: story.title,
    sentences: chosen
      .sort((a, b) => a - b)
      .map((i) => ({ text: sentences[i].text, paragraph: sentences[i].paragraph })),
  };
}
