// The short answer's training: every SQuAD 1.1 dev question's candidate spans in its right
// paragraph, with their features as the bot computes them (the search's evidence from a search
// limited to that paragraph) and their F1 against the reference answers; a softmax regression
// over each question's candidates; and k-fold cross-validation by article, so the figures
// reported are for articles the weights never saw. Used by tools/train-span.ts and bench/span.ts.
import { loadWordData } from '../../src/search/word-data.js';
import { extractFeatures, FEATURE_COUNT, type CandidateFeatures } from '../../src/answer/span/features.js';
import { analyzeParagraph, spanText, type AnalyzedParagraph } from '../../src/answer/span/paragraph.js';
import { analyzeQuestion } from '../../src/answer/span/question.js';
import { best, namedWeights, scores } from '../../src/answer/span/model.js';
import { tag, type Tagged } from '../../src/answer/span/tagging.js';
import { SearchIndex } from '../../src/search/index.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../src/story/types.js';
import { storyFromTexts } from '../../bench/engines/storybot.js';
import { scoreAnswer, type Normalization } from '../../bench/lib/answer-metric.js';
import { dataDir, loadSquad1 } from '../../bench/lib/data.js';
import { loadNewsSet } from '../../bench/lib/news.js';

/** Tags a text (wink-nlp by default). */
export type Tagger = (text: string) => Tagged;

export interface SpanExample {
  /** The article or story the question is about: folds keep each whole. */
  group: number;
  question: string;
  answers: string[];
  features: CandidateFeatures;
  /** F1 and exact match of each candidate against the references. */
  f1: Float32Array;
  em: Uint8Array;
  paragraph: AnalyzedParagraph;
  /** How much the example counts in training (news-style questions can be made to count more). */
  weight: number;
}

export interface TrainingQuestion {
  question: string;
  answers: string[];
  /** 0-based right paragraph. */
  paragraph: number;
}

/** One story's (or article's) questions as examples, each in its right paragraph. */
export function storyExamples(
  story: Story,
  questions: readonly TrainingQuestion[],
  group: number,
  how: Normalization = 'squad',
  tagger: Tagger = tag,
): SpanExample[] {
  const index = SearchIndex.build(story.paragraphs, loadWordData());
  const paragraphs = story.paragraphs.map((p) => analyzeParagraph(p.text, p.sentences, tagger));
  const examples: SpanExample[] = [];
  for (const q of questions) {
    const p = paragraphs[q.paragraph];
    // What the search knows when it quotes this paragraph: its evidence for it alone.
    const hit = index.search(q.question, { from: q.paragraph, to: q.paragraph + 1, limit: 1 })[0];
    const features = extractFeatures(analyzeQuestion(q.question, tagger), p, {
      quoted: hit?.bestSentence ?? 0,
      sentenceScores: hit?.sentenceScores,
      matchedTerms: hit?.matchedTerms,
      weightOf: (t) => index.idfOf(t),
    });
    const f1 = new Float32Array(p.candidates.length);
    const em = new Uint8Array(p.candidates.length);
    p.candidates.forEach((c, k) => {
      const s = scoreAnswer(spanText(p, c), q.answers, how);
      f1[k] = s.f1;
      em[k] = s.em;
    });
    examples.push({ group, question: q.question, answers: q.answers, features, f1, em, paragraph: p, weight: 1 });
  }
  return examples;
}

/** SQuAD 1.1 dev: each article a story of its own, group = article number. */
export function collectSquad(limitArticles?: number, tagger: Tagger = tag): SpanExample[] {
  const articles = loadSquad1().articles;
  return articles.slice(0, limitArticles ?? articles.length).flatMap((article, a) => {
    const questions = article.questions
      .filter((q) => q.paragraph !== null)
      .map((q) => ({ question: q.question, answers: q.answers, paragraph: q.paragraph! }));
    return storyExamples(storyFromTexts(article.paragraphs, `squad-${a}`), questions, a, 'squad', tagger);
  });
}

/** news-train (bench/data/news-train/{a,b,c,d}): answerable questions, group = story number from 0. */
export function collectNewsTrain(dir = join(dataDir(), 'news-train'), tagger: Tagger = tag): SpanExample[] {
  const stories = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((batch) => loadNewsSet(join(dir, batch)));
  return stories.flatMap(({ story, questions }, s) => {
    const answerable = questions
      .filter((q) => q.gold.length > 0)
      .map((q) => ({ question: q.q, answers: [q.answer], paragraph: q.gold[0] - 1 }));
    return storyExamples(story, answerable, s, 'unicode', tagger).map((e) => ({ ...e, weight: NEWS_WEIGHT }));
  });
}

export interface FitOptions {
  epochs: number;
  rate: number;
  l2: number;
}

/** Chosen by cross-validation on SQuAD and news-train (docs/short-answers.md): more epochs over-fit news-train. */
export const DEFAULT_FIT: FitOptions = { epochs: 6, rate: 0.1, l2: 1e-4 };

/** Deterministic shuffle (the same order every run, so figures are reproducible). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Softmax regression over each question's candidates (AdaGrad, L2): the target is the set of
 * candidates with the best F1 against the references; questions none of whose candidates share
 * a word with an answer teach nothing and are skipped.
 */
export function fit(examples: readonly SpanExample[], opts: FitOptions = DEFAULT_FIT): Float64Array {
  const w = new Float64Array(FEATURE_COUNT);
  const g2 = new Float64Array(FEATURE_COUNT).fill(1e-8);
  const grad = new Float64Array(FEATURE_COUNT);
  const touched: number[] = [];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const e of shuffled(examples, 17 + epoch)) {
      const excluded = e.features.excluded;
      let top = 0;
      for (let k = 0; k < e.f1.length; k++) if (!excluded[k] && e.f1[k] > top) top = e.f1[k];
      if (top === 0) continue;
      const z = scores(e.features, w);
      let max = -Infinity;
      for (const v of z) if (v > max) max = v;
      let sum = 0;
      let positive = 0;
      for (let k = 0; k < z.length; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
        if (e.f1[k] >= top && !excluded[k]) positive += z[k];
      }
      const { ids, values, offsets, kindRow, classRow } = e.features;
      touched.length = 0;
      for (let k = 0; k < z.length; k++) {
        const p = z[k] / sum;
        const target = e.f1[k] >= top && !excluded[k] ? z[k] / positive : 0;
        const d = (target - p) * e.weight;
        if (Math.abs(d) < 1e-7) continue;
        for (let j = offsets[k]; j < offsets[k + 1]; j++) {
          const f = ids[j];
          if (grad[f] === 0 && grad[kindRow + f] === 0 && grad[classRow + f] === 0) touched.push(f);
          grad[f] += d * values[j];
          grad[kindRow + f] += d * values[j];
          grad[classRow + f] += d * values[j];
        }
      }
      for (const f of touched) {
        for (const i of [f, kindRow + f, classRow + f]) {
          const g = grad[i] - opts.l2 * w[i];
          g2[i] += g * g;
          w[i] += (opts.rate * g) / Math.sqrt(g2[i]);
          grad[i] = 0;
        }
      }
    }
  }
  return w;
}

export interface SpanScores {
  questions: number;
  em: number;
  f1: number;
}

/** Exact match and F1 (0..100) of the model's pick in each example's right paragraph. */
export function judge(examples: readonly SpanExample[], w: Float64Array): SpanScores {
  let em = 0;
  let f1 = 0;
  for (const e of examples) {
    const { index } = best(scores(e.features, w));
    if (index < 0) continue;
    em += e.em[index];
    f1 += e.f1[index];
  }
  const n = Math.max(1, examples.length);
  return { questions: examples.length, em: (100 * em) / n, f1: (100 * f1) / n };
}

/** Groups in fold k of `folds` (whole articles or stories stay together). */
export const inFold = (group: number, k: number, folds: number): boolean => group % folds === k;

/** Folds of the cross-validation (by article for SQuAD, by story for news-train). */
export const SPAN_FOLDS = 4;
/** How much a news-train question counts against a SQuAD one: news is what users ask, SQuAD is most of the data. */
export const NEWS_WEIGHT = 3;

/**
 * Weights for each fold k of `target`, fitted on the other folds of `target` and all of `extra`
 * (the other data set, which shares no article or story with it).
 */
export function foldWeightsWith(
  target: readonly SpanExample[],
  extra: readonly SpanExample[],
  folds = SPAN_FOLDS,
  opts: FitOptions = DEFAULT_FIT,
): Float64Array[] {
  return Array.from({ length: folds }, (_, k) =>
    fit([...target.filter((e) => !inFold(e.group, k, folds)), ...extra], opts),
  );
}

/** Scores of each fold by its own weights, pooled. */
export function judgeFolds(examples: readonly SpanExample[], weights: readonly Float64Array[]): SpanScores {
  const folds = weights.length;
  let em = 0;
  let f1 = 0;
  for (let k = 0; k < folds; k++) {
    const held = examples.filter((e) => inFold(e.group, k, folds));
    const s = judge(held, weights[k]);
    em += (s.em * held.length) / Math.max(1, examples.length);
    f1 += (s.f1 * held.length) / Math.max(1, examples.length);
  }
  return { questions: examples.length, em, f1 };
}

/** Both sets cross-validated, each fold's weights fitted on the rest of its set and all of the other. */
export function crossValidateBoth(
  squad: readonly SpanExample[],
  news: readonly SpanExample[],
  opts: FitOptions = DEFAULT_FIT,
): { squad: SpanScores; news: SpanScores } {
  for (const e of news) e.weight = NEWS_WEIGHT;
  return {
    squad: judgeFolds(squad, foldWeightsWith(squad, news, SPAN_FOLDS, opts)),
    news: judgeFolds(news, foldWeightsWith(news, squad, SPAN_FOLDS, opts)),
  };
}

/** Named weights as shipped: two decimals, weights that round to 0 left out (a smaller file, the same answers). */
export function shippedWeights(w: Float64Array): Record<string, number> {
  return namedWeights(w, 2);
}

export { namedWeights };
