import type { Hit, SearchIndex } from '../search/index.js';
import { analyze, type Token } from '../search/text.js';
import type { Paragraph, Story } from '../story/types.js';
import { shortAnswer, type SpanOptions } from './span.js';
import type { Answer, Passage } from './types.js';

/** Where a document of the index comes from. */
export interface IndexedParagraph {
  story: Story;
  paragraph: Paragraph;
}

export interface AskSettings {
  /**
   * Least share (0..1, by idf) of the question's words the best paragraph must hold for the
   * question to count as answered. Chosen by measurement (bench/quality), see README.
   */
  minCoverage: number;
  /** A further passage is shown only if it scores at least this share of the best one. */
  supportRatio: number;
  /** The short answer's model and threshold (default: the shipped ones; see span.ts). */
  shortAnswer?: SpanOptions;
}

export const DEFAULT_ASK_SETTINGS: AskSettings = { minCoverage: 0.3, supportRatio: 0.6 };

/** Longest question we read: a question is a sentence or two, not a document. */
export const MAX_QUESTION_CHARS = 1000;

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

// A sentence is analysed when it is first quoted, then kept with its paragraph: questions about
// one story keep quoting the same sentences.
const sentenceTokens = new WeakMap<Paragraph, Map<number, Token[]>>();

function tokensOf(paragraph: Paragraph, sentence: number, text: string): Token[] {
  let bySentence = sentenceTokens.get(paragraph);
  if (!bySentence) sentenceTokens.set(paragraph, (bySentence = new Map()));
  let tokens = bySentence.get(sentence);
  if (!tokens) bySentence.set(sentence, (tokens = analyze(text)));
  return tokens;
}

/** Surface words of the quoted sentence whose stems matched, in order, without repeats. */
function matchedWords(tokens: readonly Token[], matched: Set<string>): string[] {
  const words: string[] = [];
  for (const t of tokens) {
    if (matched.has(t.term) && !words.includes(t.surface)) words.push(t.surface);
  }
  return words;
}

function toPassage(hit: Hit, source: IndexedParagraph): Passage {
  const { story, paragraph } = source;
  const quoted = paragraph.sentences[hit.bestSentence];
  const sentence = quoted?.text ?? paragraph.text;
  let matched: string[] | undefined;
  return {
    story: story.id,
    paragraph: paragraph.n,
    text: paragraph.text,
    sentence,
    score: round(hit.score),
    // Worked out when first read (rendering, JSON): stemming the sentence again is most of the
    // cost of an answer, and callers that only rank never need it.
    get matched(): string[] {
      matched ??= matchedWords(tokensOf(paragraph, quoted ? hit.bestSentence : -1, sentence), hit.matchedTerms);
      return matched;
    },
  };
}

/**
 * Answers a question from the index: the best paragraph with its best sentence, and further
 * paragraphs that score close to it (or, with `allPassages`, the next closest). When too little of the question is found, the answer says
 * so (answered=false) and still lists the closest paragraphs.
 */
export function answerQuestion(
  index: SearchIndex,
  sources: readonly IndexedParagraph[],
  question: string,
  options: { limit?: number; from?: number; to?: number; allPassages?: boolean },
  settings: AskSettings,
): Answer {
  const limit = Math.max(1, options.limit ?? 3);
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const hits = index.search(text, { limit, from: options.from, to: options.to });
  const best = hits[0];
  const answered = best !== undefined && best.coverage >= settings.minCoverage;
  // People are shown only the passages that score close to the best; machine output (--json)
  // lists the closest `limit` paragraphs, best first, scores telling how close each one is.
  const shown = hits.filter((h, i) => i === 0 || !answered || options.allPassages === true || h.score >= best.score * settings.supportRatio);
  const passages = shown.map((h) => toPassage(h, sources[h.id]));
  let short: string | null | undefined;
  return {
    question,
    answered,
    passages,
    // Worked out when first read (rendering, JSON), like `matched`: tagging a paragraph costs
    // more than ranking it, and callers that only rank never need it.
    get shortAnswer(): string | null {
      if (short === undefined) short = answered ? shortAnswerIn(index, text, best, sources[best.id], settings) : null;
      return short;
    },
  };
}

/**
 * The short answer within the best passage, with what the search knows about it. It adds to an
 * answer and must never cost one: should tagging fail, the reader still gets the passages.
 */
function shortAnswerIn(index: SearchIndex, question: string, hit: Hit, source: IndexedParagraph, settings: AskSettings): string | null {
  const context = { quoted: hit.bestSentence, sentenceScores: hit.sentenceScores, matchedTerms: hit.matchedTerms, weightOf: (t: string) => index.idfOf(t) };
  try {
    return shortAnswer(question, source.paragraph, context, settings.shortAnswer);
  } catch {
    return null;
  }
}
