import type { Hit, SearchIndex, SearchResult } from '../search/index.js';
import { analyze, type Token } from '../search/text.js';
import type { Paragraph, Story } from '../story/types.js';
import { answerabilityFeatures, answerableProbability } from './answerability.js';
import { ANSWERABILITY_WEIGHTS } from './answerability-weights.js';
import { questionParts } from './parts.js';
import { greetingOrThanks } from './small-talk.js';
import { refusalNote } from './refusal.js';
import { shortAnswer, type SpanOptions } from './span.js';
import type { Answer, Passage } from './types.js';

/** Where a document of the index comes from. */
export interface IndexedParagraph {
  story: Story;
  paragraph: Paragraph;
}

export interface AskSettings {
  /**
   * Least probability (0..1) the answerability model must give that the story answers, for the
   * question to count as answered. Set with the model's weights, by cross-validation over news
   * stories (tools/train-models.ts).
   */
  minAnswerable: number;
  /** A further passage is shown only if it scores at least this share of the best one. */
  supportRatio: number;
  /** The short answer's model and threshold (default: the shipped ones; see span.ts). */
  shortAnswer?: SpanOptions;
}

export const DEFAULT_ASK_SETTINGS: AskSettings = { minAnswerable: ANSWERABILITY_WEIGHTS.threshold, supportRatio: 0.6 };

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
  if (!bySentence) sentenceTokens.set(paragraph, (bySentence = new Map<number, Token[]>()));
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

interface AskOptions {
  limit?: number;
  from?: number;
  to?: number;
  allPassages?: boolean;
}

/**
 * Answers a question from the index: the best paragraph with its best sentence, and further
 * paragraphs that score close to it (or, with `allPassages`, the next closest). When the story does
 * not answer, the answer says so (answered=false), says why when it can (the story names what was
 * asked about but not the fact), and still lists the closest paragraphs. A question that asks two
 * things is answered part by part (`parts`), its passages starting with the first part's best.
 */
export function answerQuestion(
  index: SearchIndex,
  sources: readonly IndexedParagraph[],
  question: string,
  options: AskOptions,
  settings: AskSettings,
): Answer {
  const text = question.slice(0, MAX_QUESTION_CHARS);
  // "thanks!", "hi there": not a question about the story, whatever words it shares with it.
  if (greetingOrThanks(text)) return { question, answered: false, passages: [], shortAnswer: null };
  const parts = questionParts(text);
  if (parts.length === 1) return answerPart(index, sources, question, text, options, settings);
  const answers = parts.map((part) => answerPart(index, sources, part.text, part.query, options, settings));
  const limit = Math.max(1, options.limit ?? 3);
  // Each part's best first, then the rest in part order, without repeats.
  const passages: Passage[] = [];
  const seen = new Set<string>();
  const add = (p: Passage | undefined) => {
    const key = p && `${p.story}\u0000${p.paragraph}`;
    if (!p || !key || seen.has(key) || passages.length >= limit) return;
    seen.add(key);
    passages.push(p);
  };
  answers.forEach((a) => add(a.answered ? a.passages[0] : undefined));
  answers.forEach((a) => a.passages.forEach(add));
  const leading = answers.find((a) => a.answered);
  return {
    question,
    answered: leading !== undefined,
    passages,
    // The short answer of the part whose passage comes first.
    get shortAnswer(): string | null {
      return leading?.shortAnswer ?? null;
    },
    parts: answers,
  };
}

function answerPart(
  index: SearchIndex,
  sources: readonly IndexedParagraph[],
  question: string,
  query: string,
  options: AskOptions,
  settings: AskSettings,
): Answer {
  const limit = Math.max(1, options.limit ?? 3);
  const result: SearchResult = index.searchDetailed(query, { limit, from: options.from, to: options.to });
  const hits = result.hits.slice(0, limit);
  const best = hits[0];
  const probability = best ? answerableProbability(answerabilityFeatures(result, result.hits)) : 0;
  const answered = best !== undefined && probability >= settings.minAnswerable;
  // People are shown only the passages that score close to the best; machine output (--json)
  // lists the closest `limit` paragraphs, best first, scores telling how close each one is.
  const shown = hits.filter(
    (h, i) => i === 0 || !answered || options.allPassages === true || h.score >= best.score * settings.supportRatio,
  );
  const passages = shown.map((h) => toPassage(h, sources[h.id]));
  let short: string | null | undefined;
  const answer: Answer = {
    question,
    answered,
    passages,
    // Worked out when first read (rendering, JSON), like `matched`: tagging a paragraph costs
    // more than ranking it, and callers that only rank never need it.
    get shortAnswer(): string | null {
      if (short === undefined) short = answered ? shortAnswerIn(index, query, best, sources[best.id], settings) : null;
      return short;
    },
  };
  if (!answered) {
    const note = refusalNote(
      result,
      hits.map((h) => sources[h.id].paragraph.text),
    );
    if (note) answer.note = note;
  }
  return answer;
}

/**
 * The short answer within the best passage, with what the search knows about it. It adds to an
 * answer and must never cost one: should tagging fail, the reader still gets the passages.
 */
function shortAnswerIn(
  index: SearchIndex,
  question: string,
  hit: Hit,
  source: IndexedParagraph,
  settings: AskSettings,
): string | null {
  const context = {
    quoted: hit.bestSentence,
    sentenceScores: hit.sentenceScores,
    matchedTerms: hit.matchedTerms,
    weightOf: (t: string) => index.idfOf(t),
  };
  try {
    return shortAnswer(question, source.paragraph, context, settings.shortAnswer);
  } catch {
    return null;
  }
}
