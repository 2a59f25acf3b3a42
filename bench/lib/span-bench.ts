// The short answer's benchmark (issue #11), for `npm run bench` and `npm run bench:span`: SQuAD
// 1.1 dev end to end with weights cross-validated by article, news-dev held out, both beside the
// baselines, by answer kind and by question; the model cross-validated with the right paragraph
// given; and what a short answer costs per question.
import { loadWordData } from '../../src/search/word-data.js';
import { shortAnswer } from '../../src/answer/span.js';
import { SPAN_WEIGHTS } from '../../src/answer/span/weights.js';
import { SearchIndex } from '../../src/search/index.js';
import { loadStories } from '../../src/story/load.js';
import { loadSeedQa, seedsDir } from './data.js';
import { duration, table } from './format.js';
import { median } from './metrics.js';
import {
  evaluateNewsSpans,
  evaluateSquadSpans,
  SYSTEMS,
  taggingCost,
  type SpanReport,
  type System,
  type Tallies,
} from './span-eval.js';
import {
  collectNewsTrain,
  collectSquad,
  foldWeightsWith,
  judgeFolds,
  namedWeights,
  NEWS_WEIGHT,
  SPAN_FOLDS,
  type SpanScores,
} from '../../tools/lib/span-training.js';

export interface SpanCost {
  questions: number;
  /** `shortAnswer` per seed-qa-dev question on the shipped story, its paragraph already tagged. */
  warmMedianMs: number;
  warmP99Ms: number;
  /** Tagging a paragraph and cutting its candidates: paid once per paragraph, when first quoted. */
  coldParagraphMedianMs: number;
  coldParagraphs: number;
}

export interface SpanBenchmark {
  mode: 'full' | 'quick';
  squad: SpanReport;
  news: SpanReport;
  /** The model alone, the right paragraph given, cross-validated (full mode). */
  rightParagraph?: { squad: SpanScores; news: SpanScores };
  cost: SpanCost;
  wallMs: number;
}

/** The short answer's cost on the shipped story, apart from the rest of the answer. */
export async function spanCost(rounds = 50): Promise<SpanCost> {
  const [story] = await loadStories(seedsDir());
  const index = SearchIndex.build(story.paragraphs, loadWordData());
  const asks = loadSeedQa()
    .map((q) => ({ q: q.q, hit: index.search(q.q, { limit: 1 })[0] }))
    .filter((a) => a.hit !== undefined);
  const call = (a: (typeof asks)[number]) =>
    shortAnswer(a.q, story.paragraphs[a.hit.id], {
      quoted: a.hit.bestSentence,
      sentenceScores: a.hit.sentenceScores,
      matchedTerms: a.hit.matchedTerms,
      weightOf: (t) => index.idfOf(t),
    });
  for (const a of asks) call(a); // tags each paragraph once, warms the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const a of asks) {
      const t = performance.now();
      call(a);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const cold = taggingCost();
  return {
    questions: asks.length,
    warmMedianMs: median(times),
    warmP99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    coldParagraphMedianMs: cold.medianUs / 1000,
    coldParagraphs: cold.paragraphs,
  };
}

/**
 * Full: SQuAD cross-validated by article end to end (each fold's weights fitted on the other
 * folds' articles and news-train), news-dev with the shipped weights (never fitted on it).
 * Quick: the shipped weights on the first 8 SQuAD articles (in-sample) and on news-dev.
 */
export async function runSpanBenchmark(
  mode: 'full' | 'quick',
  log: (m: string) => void = () => {},
): Promise<SpanBenchmark> {
  const started = performance.now();
  let squad: SpanReport;
  let rightParagraph: SpanBenchmark['rightParagraph'];
  if (mode === 'full') {
    log('short answers: candidates and features of every SQuAD 1.1 dev and news-train question …');
    const squadExamples = collectSquad();
    const newsExamples = collectNewsTrain();
    log(`short answers: fitting ${2 * SPAN_FOLDS} cross-validation folds …`);
    const squadFolds = foldWeightsWith(squadExamples, newsExamples);
    const newsFolds = foldWeightsWith(newsExamples, squadExamples);
    rightParagraph = { squad: judgeFolds(squadExamples, squadFolds), news: judgeFolds(newsExamples, newsFolds) };
    const named = squadFolds.map((w) => namedWeights(w));
    log('short answers: SQuAD 1.1 dev end to end …');
    squad = evaluateSquadSpans(
      (a) => named[a % SPAN_FOLDS],
      `cross-validated by article (${SPAN_FOLDS} folds; each fold's weights fitted on the other articles and news-train)`,
    );
  } else {
    squad = evaluateSquadSpans(
      () => SPAN_WEIGHTS,
      'in-sample (first 8 articles, shipped weights, which were fitted on them): run the full bench for cross-validated figures',
      8,
    );
  }
  log('short answers: news-dev …');
  const news = evaluateNewsSpans(
    undefined,
    `held out: the shipped weights were fitted on SQuAD 1.1 dev and news-train (news ×${NEWS_WEIGHT}), never on news-dev`,
  );
  const cost = await spanCost(mode === 'full' ? 50 : 10);
  return { mode, squad, news, rightParagraph, cost, wallMs: performance.now() - started };
}

const score = (t: Tallies[System], what: 'em' | 'f1') =>
  t.questions ? ((100 * t[what]) / t.questions).toFixed(1) : '—';
const emF1 = (t: Tallies[System]) => `${score(t, 'em')} / ${score(t, 'f1')}`;

function systemsTable(squad: SpanReport, news: SpanReport): string {
  const given = (t: Tallies[System]) => `${t.questions ? ((100 * t.given) / t.questions).toFixed(0) : '—'}%`;
  return table(
    [
      'short answer',
      `SQuAD 1.1 dev EM / F1 (${squad.overall.storybot.questions.toLocaleString('en-US')} questions)`,
      'given',
      `news-dev EM / F1 (${news.overall.storybot.questions} answerable)`,
      'given',
    ],
    SYSTEMS.map((s) => [
      s === 'storybot' ? '**storybot**' : s,
      emF1(squad.overall[s]),
      given(squad.overall[s]),
      emF1(news.overall[s]),
      given(news.overall[s]),
    ]),
  );
}

const SHOWN: readonly System[] = ['storybot', 'whole sentence', 'sliding window', 'quick pick'];

function groupTable(title: string, groups: Map<string, Tallies>): string {
  return table(
    [title, 'questions', ...SHOWN.map((s) => `${s} EM / F1`)],
    [...groups].map(([k, t]) => [k, String(t.storybot.questions), ...SHOWN.map((s) => emF1(t[s]))]),
  );
}

/** Issue #11's floors: [floor, measured, met]. */
export function spanFloors(b: SpanBenchmark): [string, string, boolean][] {
  const s = b.squad.overall.storybot;
  const n = b.news.overall.storybot;
  const pctOf = (t: Tallies[System], what: 'em' | 'f1') => (t.questions ? (100 * t[what]) / t.questions : 0);
  const cv = b.mode === 'full' ? 'cross-validated by article' : 'in-sample sample, quick run';
  return [
    [`short answer, SQuAD 1.1 dev end to end (${cv}): F1 ≥ 35`, pctOf(s, 'f1').toFixed(1), pctOf(s, 'f1') >= 35],
    [
      `short answer, SQuAD 1.1 dev end to end (${cv}): exact match ≥ 20`,
      pctOf(s, 'em').toFixed(1),
      pctOf(s, 'em') >= 20,
    ],
    ['short answer, news-dev (held out) end to end: F1 ≥ 30', pctOf(n, 'f1').toFixed(1), pctOf(n, 'f1') >= 30],
    [
      'every short answer verbatim in its passage; none when the bot refuses',
      `${b.squad.notVerbatim + b.news.notVerbatim} not verbatim, ${b.squad.givenWhenRefused + b.news.givenWhenRefused} given with a refusal`,
      b.squad.notVerbatim + b.news.notVerbatim + b.squad.givenWhenRefused + b.news.givenWhenRefused === 0,
    ],
  ];
}

export function spanMarkdown(b: SpanBenchmark): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push(
    'End to end, as SQuAD scores it: normalized exact match and token F1 (the official v1.1 normalization: lowercase, punctuation and a/an/the removed; news-dev also drops curly quotes, dashes, £ and €, as its README asks), best over the reference answers, on the bot\'s own first paragraph; a refusal or no short answer scores 0. "given" is the share of questions with a short answer.',
    '',
    `- SQuAD 1.1 dev: ${b.squad.weights}.`,
    `- news-dev: ${b.news.weights}.`,
    "- **storybot, right paragraph**: the short answer in the right paragraph (the bot's paragraph choice set aside), as the SQuAD paper measures its models.",
    "- Baselines: **whole sentence** quotes the bot's sentence; **sliding window** is the SQuAD paper's baseline (most question unigrams and bigrams in the span's sentence, then the sliding-window and distance scores) over the bot's candidate spans, on the bot's paragraph; **quick pick** takes the first figure, date or capitalised name of the quoted sentence by the asked kind; **sliding window, right paragraph** is the paper's setting (the right paragraph given; the paper reports F1 20.0, and its logistic regression on a full parse 51.0).",
    '',
    systemsTable(b.squad, b.news),
    '',
  );
  if (b.rightParagraph) {
    const r = b.rightParagraph;
    push(
      `The model alone, the right paragraph given, cross-validated (${SPAN_FOLDS} folds): SQuAD 1.1 dev by article EM ${r.squad.em.toFixed(1)} / F1 ${r.squad.f1.toFixed(1)} (${r.squad.questions.toLocaleString('en-US')} questions); news-train by story EM ${r.news.em.toFixed(1)} / F1 ${r.news.f1.toFixed(1)} (${r.news.questions}).`,
      '',
    );
  }
  push("By the reference answer's kind, SQuAD 1.1 dev:", '', groupTable('answer kind', b.squad.byAnswerKind), '');
  push("By the reference answer's kind, news-dev:", '', groupTable('answer kind', b.news.byAnswerKind), '');
  push(
    'By question class (span/question.ts), SQuAD 1.1 dev:',
    '',
    groupTable('question class', b.squad.byQuestion),
    '',
  );
  push("By question kind (the set's own labels), news-dev:", '', groupTable('question kind', b.news.byQuestion), '');
  const u = b.news.unanswerableGiven;
  if (u)
    push(
      `news-dev's ${u.of} unanswerable questions: ${u.given} got a short answer (the bot answered them; a refusal never has one).`,
      '',
    );
  const c = b.cost;
  push(
    `Cost: the short answer of a seed-qa-dev question on the shipped story takes ${duration(c.warmMedianMs)} median (p99 ${duration(c.warmP99Ms)}, ${c.questions} questions) once its paragraph is tagged; tagging a paragraph and cutting its candidates, paid once per paragraph when it is first quoted, takes ${duration(c.coldParagraphMedianMs)} median (${c.coldParagraphs} SQuAD paragraphs). Loading wink-nlp's model, on the first short answer of a process, is inside the CLI's time to first answer.`,
    '',
  );
  return lines.join('\n');
}
