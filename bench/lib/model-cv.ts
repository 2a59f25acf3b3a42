// The learned models judged on questions they never saw, for the full benchmark: news-dev stories
// held out one at a time (fitted on the other seven, news-train, news-extra and SQuAD), news-extra by
// batch (fitted on the other batches, news-dev, news-train and SQuAD), SQuAD 1.1 dev in two
// halves by article (fitted on the other half and the news sets), and the refusal trade-off on
// news-dev (held out) and SQuAD 2.0 dev (never fitted on) as curves.
import { loadWordData } from '../../src/search/word-data.js';
import { withSentences } from '../../src/story/sentences.js';
import { answerabilityFeatures, answerableProbability } from '../../src/answer/answerability.js';
import { DEFAULT_ASK_SETTINGS } from '../../src/answer/ask.js';
import { SearchIndex } from '../../src/search/index.js';
import { loadSquad2 } from './data.js';
import { loadNewsSet, newsDevDir, newsExtraSets, newsTrainSets } from './news.js';
import {
  collectNews,
  collectSquad,
  crossValidateNews,
  crossValidateSquad,
  SQUAD_BORROWED,
  type NewsCrossValidation,
} from '../../tools/lib/training.js';

export interface KindScores {
  answerable: number;
  unanswerable: number;
  top1: number;
  top3: number;
  refused: number;
}

/** One point of a refusal curve: at this threshold, the share of each kind of question refused. */
export interface CurvePoint {
  threshold: number;
  unanswerableRefused: number;
  answerableRefused: number;
}

export interface ModelCrossValidation {
  news: Omit<NewsCrossValidation, 'outcomes'> & {
    /** Held-out outcomes by question kind and by story. */
    byKind: Record<string, KindScores>;
    byStory: Record<string, KindScores>;
    /** The refusal trade-off over held-out probabilities (pooled over folds). */
    curve: CurvePoint[];
  };
  squad: { top1: number; top3: number };
  /** news-extra (stories by other writers), each batch of six held out in turn, with its kinds. */
  extra?: Omit<NewsCrossValidation, 'outcomes'> & { stories: number; byKind: Record<string, KindScores> };
  /** The shipped model on SQuAD 2.0 dev, per article (never fitted on it): the same trade-off. */
  squad2: { questions: number; curve: CurvePoint[]; shipped: CurvePoint };
}

/** Shares of answerable questions refused at which the curves are read. */
const CURVE_AT = [0.01, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3];

export function refusalCurve(points: readonly { probability: number; answerable: boolean }[]): CurvePoint[] {
  const answerable = points
    .filter((p) => p.answerable)
    .map((p) => p.probability)
    .sort((a, b) => a - b);
  const unanswerable = points.filter((p) => !p.answerable).map((p) => p.probability);
  return CURVE_AT.map((share) => {
    const threshold = answerable[Math.min(answerable.length - 1, Math.floor(share * answerable.length))] ?? 0.5;
    return pointAt(threshold, answerable, unanswerable);
  });
}

function pointAt(threshold: number, answerable: readonly number[], unanswerable: readonly number[]): CurvePoint {
  return {
    threshold,
    answerableRefused: answerable.filter((p) => p < threshold).length / Math.max(1, answerable.length),
    unanswerableRefused: unanswerable.filter((p) => p < threshold).length / Math.max(1, unanswerable.length),
  };
}

/** The shipped models' probability for every SQuAD 2.0 dev question, each article its own story. */
function squad2Probabilities(): { probability: number; answerable: boolean }[] {
  const options = loadWordData();
  const out: { probability: number; answerable: boolean }[] = [];
  for (const article of loadSquad2().articles) {
    const index = SearchIndex.build(article.paragraphs.map(withSentences), options);
    for (const q of article.questions) {
      const result = index.searchDetailed(q.question, { limit: 3 });
      const probability =
        result.hits.length > 0 ? answerableProbability(answerabilityFeatures(result, result.hits)) : 0;
      out.push({ probability, answerable: q.paragraph !== null });
    }
  }
  return out;
}

export function modelCrossValidation(): ModelCrossValidation {
  const dev = collectNews(loadNewsSet(newsDevDir()), 'news-dev');
  const train = newsTrainSets().flatMap((set) => collectNews(set, 'news-train'));
  // news-extra's questions, grouped by batch (one writer each) for their own folds.
  const batches = newsExtraSets();
  const extra = batches.flatMap((set, b) =>
    collectNews(set, 'news-extra').map((q) => ({ ...q, group: `news-extra:${b}` })),
  );
  const squad = collectSquad(SQUAD_BORROWED);
  const { outcomes, ...news } = crossValidateNews(dev, [...train, ...extra, ...squad]);
  const heldExtra = extra.length > 0 ? crossValidateNews(extra, [...dev, ...train, ...squad]) : undefined;
  type Outcome = NewsCrossValidation['outcomes'][number];
  const tally = (key: (o: Outcome) => string, from: readonly Outcome[] = outcomes): Record<string, KindScores> => {
    const out: Record<string, KindScores> = {};
    for (const o of from) {
      const k = key(o);
      const t = (out[k] ??= { answerable: 0, unanswerable: 0, top1: 0, top3: 0, refused: 0 });
      const gold = o.question.news?.gold ?? [];
      if (!o.answered) t.refused++;
      if (gold.length === 0) {
        t.unanswerable++;
        continue;
      }
      t.answerable++;
      if (o.answered && gold.includes(o.ranked[0])) t.top1++;
      if (o.answered && o.ranked.slice(0, 3).some((p) => gold.includes(p))) t.top3++;
    }
    return out;
  };
  const squad2 = squad2Probabilities();
  const threshold = DEFAULT_ASK_SETTINGS.minAnswerable;
  return {
    news: {
      ...news,
      byKind: tally((o) => o.question.news?.kind ?? '?'),
      byStory: tally((o) => o.question.group.split(':')[1]),
      curve: refusalCurve(outcomes.map((o) => ({ probability: o.probability, answerable: !o.question.unanswerable }))),
    },
    squad: crossValidateSquad(squad, [...dev, ...train, ...extra]),
    extra: heldExtra && {
      ...withoutOutcomes(heldExtra),
      stories: batches.flat().length,
      byKind: tally((o) => o.question.news?.kind ?? '?', heldExtra.outcomes),
    },
    squad2: {
      questions: squad2.length,
      curve: refusalCurve(squad2),
      shipped: pointAt(
        threshold,
        squad2.filter((p) => p.answerable).map((p) => p.probability),
        squad2.filter((p) => !p.answerable).map((p) => p.probability),
      ),
    },
  };
}

function withoutOutcomes(cv: NewsCrossValidation): Omit<NewsCrossValidation, 'outcomes'> {
  const { outcomes: _outcomes, ...rest } = cv;
  return rest;
}
