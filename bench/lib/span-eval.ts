// The short answer measured as SQuAD measures it (exact match and token F1, official
// normalization), end to end: the bot's own paragraph choice and refusals included (a refusal or
// no short answer scores 0). On SQuAD 1.1 dev each article is answered with weights fitted on the
// other folds' articles; on news-dev with the shipped weights (fitted without news-dev). Beside
// it, the baselines of span-baselines.ts. Used by bench/span.ts and the full benchmark.
import { Library } from '../../src/answer/library.js';
import { loadWordData } from '../../src/search/word-data.js';
import { shortAnswer, type SpanWeights } from '../../src/answer/span.js';
import { SearchIndex } from '../../src/search/index.js';
import { analyzeParagraph } from '../../src/answer/span/paragraph.js';
import { analyzeQuestion, QUESTION_CLASSES } from '../../src/answer/span/question.js';
import { splitSentences } from '../../src/story/sentences.js';
import type { Story } from '../../src/story/types.js';
import { storyFromTexts } from '../engines/storybot.js';
import { scoreAnswer, type Normalization } from './answer-metric.js';
import { loadSquad1 } from './data.js';
import { loadNewsSet, newsDevDir } from './news.js';
import { quickPick, slidingWindow } from './span-baselines.js';

/** The systems compared, each a way to get a short answer. */
export const SYSTEMS = [
  'storybot',
  'whole sentence',
  'sliding window',
  'quick pick',
  'storybot, right paragraph',
  'sliding window, right paragraph',
] as const;
export type System = (typeof SYSTEMS)[number];

export interface Tally {
  questions: number;
  em: number;
  f1: number;
  /** Questions given a short answer (not refused, not null). */
  given: number;
}

export type Tallies = Record<System, Tally>;

const emptyTally = (): Tally => ({ questions: 0, em: 0, f1: 0, given: 0 });
const emptyTallies = (): Tallies => Object.fromEntries(SYSTEMS.map((s) => [s, emptyTally()])) as Tallies;

export interface SpanReport {
  set: string;
  /** How the weights relate to the set ("cross-validated by article, 4 folds", "held out"). */
  weights: string;
  overall: Tallies;
  /** By the reference answer's kind (date, number, name, phrase, longer). */
  byAnswerKind: Map<string, Tallies>;
  /** By the question (its class, or news-dev's `kind`). */
  byQuestion: Map<string, Tallies>;
  /** Short answers that are not verbatim in passages[0].text, and short answers given with a refusal (both must be 0). */
  notVerbatim: number;
  givenWhenRefused: number;
  /** Unanswerable questions (news-dev) the bot answered anyway, with a short answer. */
  unanswerableGiven?: { of: number; given: number };
}

const MONTH =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|century|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)\b/i;
const YEAR = /\b(?:1\d{3}|20\d{2})s?\b/;
const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half)\b/i;

/** The reference answer's kind, as the SQuAD paper sorts answers (roughly: no parser here). */
export function answerKind(answer: string): string {
  const words = answer.trim().split(/\s+/);
  if (MONTH.test(answer) || (YEAR.test(answer) && words.length <= 3)) return 'date';
  if (/\d/.test(answer) || NUMBER_WORD.test(answer)) return 'number';
  const capitalised = words.filter((w) => /^[\p{Lu}]/u.test(w)).length;
  if (capitalised > 0 && capitalised >= words.length / 2) return 'name';
  if (words.length <= 4) return 'phrase (≤ 4 words)';
  return 'longer phrase or clause';
}

function add(
  t: Tallies,
  system: System,
  prediction: string | null,
  golds: readonly string[],
  how: Normalization,
): void {
  const s = scoreAnswer(prediction, golds, how);
  const x = t[system];
  x.questions++;
  x.em += s.em;
  x.f1 += s.f1;
  if (prediction !== null) x.given++;
}

function group(map: Map<string, Tallies>, key: string): Tallies {
  let t = map.get(key);
  if (!t) map.set(key, (t = emptyTallies()));
  return t;
}

interface Asked {
  question: string;
  golds: readonly string[];
  /** 0-based right paragraph. */
  paragraph: number;
  answerKind: string;
  questionKind: string;
}

function evaluate(
  report: SpanReport,
  story: Story,
  library: Library,
  questions: readonly Asked[],
  how: Normalization,
  weights: SpanWeights | undefined,
): void {
  // For the short answer in the right paragraph: the search's evidence for that paragraph alone, as the bot would have it.
  const index = SearchIndex.build(story.paragraphs, loadWordData());
  const inRightParagraph = (q: Asked) => {
    const hit = index.search(q.question, { from: q.paragraph, to: q.paragraph + 1, limit: 1 })[0];
    const context = {
      quoted: hit?.bestSentence ?? 0,
      sentenceScores: hit?.sentenceScores,
      matchedTerms: hit?.matchedTerms,
      weightOf: (t: string) => index.idfOf(t),
    };
    return shortAnswer(q.question, story.paragraphs[q.paragraph], context, weights ? { weights } : {});
  };
  const analysed = new Map<number, ReturnType<typeof analyzeParagraph>>();
  const analysis = (n: number) => {
    let a = analysed.get(n);
    if (!a) analysed.set(n, (a = analyzeParagraph(story.paragraphs[n].text, story.paragraphs[n].sentences)));
    return a;
  };
  for (const q of questions) {
    const answer = library.ask(q.question);
    const top = answer.passages[0];
    if (answer.shortAnswer !== null && (!answer.answered || !top)) report.givenWhenRefused++;
    if (answer.shortAnswer !== null && top && !top.text.includes(answer.shortAnswer)) report.notVerbatim++;
    const predictions: Record<System, string | null> = {
      storybot: answer.shortAnswer,
      'whole sentence': answer.answered && top ? top.sentence : null,
      'sliding window': answer.answered && top ? slidingWindow(q.question, analysis(top.paragraph - 1)) : null,
      'quick pick': answer.answered && top ? quickPick(q.question, top.sentence) : null,
      'storybot, right paragraph': inRightParagraph(q),
      'sliding window, right paragraph': slidingWindow(q.question, analysis(q.paragraph)),
    };
    for (const system of SYSTEMS) {
      add(report.overall, system, predictions[system], q.golds, how);
      add(group(report.byAnswerKind, q.answerKind), system, predictions[system], q.golds, how);
      add(group(report.byQuestion, q.questionKind), system, predictions[system], q.golds, how);
    }
  }
}

function emptyReport(set: string, weights: string): SpanReport {
  return {
    set,
    weights,
    overall: emptyTallies(),
    byAnswerKind: new Map(),
    byQuestion: new Map(),
    notVerbatim: 0,
    givenWhenRefused: 0,
  };
}

/**
 * SQuAD 1.1 dev end to end, each article its own story: article a is answered with
 * `weightsFor(a)` (weights fitted without it, for cross-validation).
 */
export function evaluateSquadSpans(
  weightsFor: (article: number) => SpanWeights,
  label: string,
  limitArticles?: number,
): SpanReport {
  const report = emptyReport('SQuAD 1.1 dev', label);
  const articles = loadSquad1().articles.slice(0, limitArticles);
  articles.forEach((article, a) => {
    const story = storyFromTexts(article.paragraphs, `squad-${a}`);
    const library = Library.fromStories([story], loadWordData(), { ask: { shortAnswer: { weights: weightsFor(a) } } });
    const questions: Asked[] = article.questions
      .filter((q) => q.paragraph !== null)
      .map((q) => ({
        question: q.question,
        golds: q.answers,
        paragraph: q.paragraph!,
        answerKind: answerKind(q.answers[0]),
        questionKind: analyzeQuestion(q.question).class,
      }));
    evaluate(report, story, library, questions, 'squad', weightsFor(a));
  });
  // Question classes in their usual order.
  report.byQuestion = new Map(
    QUESTION_CLASSES.filter((c) => report.byQuestion.has(c)).map((c) => [c, report.byQuestion.get(c)!]),
  );
  return report;
}

/** news-dev's answerable questions against their `answer` phrase (news-dev's README normalization). */
export function evaluateNewsSpans(weights: SpanWeights | undefined, label: string, dir = newsDevDir()): SpanReport {
  const report = emptyReport('news-dev', label);
  let unanswerable = 0;
  let unanswerableGiven = 0;
  for (const { story, questions } of loadNewsSet(dir)) {
    const library = Library.fromStories([story], loadWordData(), weights ? { ask: { shortAnswer: { weights } } } : {});
    const asked: Asked[] = [];
    for (const q of questions) {
      if (q.gold.length === 0) {
        unanswerable++;
        const answer = library.ask(q.q);
        if (answer.shortAnswer !== null) unanswerableGiven++;
        if (answer.shortAnswer !== null && !answer.answered) report.givenWhenRefused++;
        continue;
      }
      asked.push({
        question: q.q,
        golds: [q.answer],
        paragraph: q.gold[0] - 1,
        answerKind: answerKind(q.answer),
        questionKind: q.kind,
      });
    }
    evaluate(report, story, library, asked, 'unicode', weights);
  }
  report.unanswerableGiven = { of: unanswerable, given: unanswerableGiven };
  return report;
}

/** Median cost of tagging a paragraph (the short answer's one-off cost per paragraph), over SQuAD 1.1 dev's paragraphs. */
export function taggingCost(limitArticles = 8): { paragraphs: number; medianUs: number } {
  const times: number[] = [];
  for (const article of loadSquad1().articles.slice(0, limitArticles)) {
    for (const text of article.paragraphs) {
      const t = performance.now();
      analyzeParagraph(text, splitSentences(text));
      times.push((performance.now() - t) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  return { paragraphs: times.length, medianUs: times[Math.floor(times.length / 2)] ?? 0 };
}
