// Quality evaluations, exported so they can be called while tuning, e.g. from a scratch script
// compiled with the project (or after `npm run build`, from dist-tools/bench/lib/evaluate.js):
//   import { evaluateSquadPerArticle } from './bench/lib/evaluate.js';
//   import { storybotWith, winkBm25 } from './bench/engines/index.js';
//   evaluateSquadPerArticle(storybotWith({ index: { k1: 1.4 } }), { limitArticles: 12 }).ranks
// Each returns { ranks: { questions, top1, top3, mrr }, refusals? } and runs synchronously.
import { loadSeedQa, loadSquad1, loadSquad2, type SquadArticle, type SquadSet } from './data.js';
import { loadNewsSet, newsDevDir } from './news.js';
import { RankTally, rankOf, type RankScores } from './metrics.js';
import { isAsking, type EngineFactory } from '../engines/engine.js';

/** How many ranked paragraphs each question looks at (MRR is MRR@K). */
export const RANK_DEPTH = 10;

/** How often the engine says "the story does not answer" (answered=false), on both kinds of question. */
export interface RefusalScores {
  /** Questions the text does not answer, and how many of them the engine refused. */
  unanswerable: number;
  unanswerableRefused: number;
  /** Questions the text answers, and how many of them the engine refused anyway (lost). */
  answerable: number;
  answerableLost: number;
}

export interface Evaluation {
  engine: string;
  ranks: RankScores;
  /** Only for engines that decide whether to answer (storybot's answer path). */
  refusals?: RefusalScores;
  /** Wall time of the whole evaluation (builds and questions), for orientation only. */
  ms: number;
}

export interface SquadOptions {
  /** Evaluate only the first N articles (quicker, for tuning). */
  limitArticles?: number;
}

function emptyRefusals(): RefusalScores {
  return { unanswerable: 0, unanswerableRefused: 0, answerable: 0, answerableLost: 0 };
}

function pickArticles(set: SquadSet, opts: SquadOptions): SquadArticle[] {
  return opts.limitArticles === undefined ? set.articles : set.articles.slice(0, opts.limitArticles);
}

/**
 * Each article is its own corpus: build over its paragraphs, ask its questions, score the rank of
 * the gold paragraph. Unanswerable questions (SQuAD 2.0) only count toward refusals.
 */
export function evaluateArticles(factory: EngineFactory, articles: readonly SquadArticle[]): Evaluation {
  const started = performance.now();
  const tally = new RankTally();
  const refusals = emptyRefusals();
  let asking = false;
  for (const article of articles) {
    const engine = factory.create();
    engine.build(article.paragraphs);
    for (const q of article.questions) {
      if (isAsking(engine)) {
        asking = true;
        const { answered, ranked } = engine.ask(q.question, RANK_DEPTH);
        if (q.paragraph === null) {
          refusals.unanswerable++;
          if (!answered) refusals.unanswerableRefused++;
        } else {
          refusals.answerable++;
          if (!answered) refusals.answerableLost++;
          tally.add(rankOf(ranked, [q.paragraph]));
        }
      } else if (q.paragraph !== null) {
        tally.add(rankOf(engine.search(q.question, RANK_DEPTH), [q.paragraph]));
      }
    }
  }
  return {
    engine: factory.name,
    ranks: tally.result(),
    refusals: asking ? refusals : undefined,
    ms: performance.now() - started,
  };
}

/** SQuAD 1.1 dev, each article's paragraphs as the corpus (48 articles, 10,570 questions). */
export function evaluateSquadPerArticle(factory: EngineFactory, opts: SquadOptions = {}): Evaluation {
  return evaluateArticles(factory, pickArticles(loadSquad1(), opts));
}

/** SQuAD 2.0 dev per article: ranks of answerable questions, and refusals of both kinds. */
export function evaluateSquad2PerArticle(factory: EngineFactory, opts: SquadOptions = {}): Evaluation {
  return evaluateArticles(factory, pickArticles(loadSquad2(), opts));
}

export interface CorpusOptions {
  /** Ask every Nth question only (1 = all 10,570); for engines too slow to ask them all. */
  stride?: number;
}

/** SQuAD 1.1 dev with all 2,067 paragraphs as one corpus. */
export function evaluateSquadCorpus(factory: EngineFactory, opts: CorpusOptions = {}): Evaluation {
  const started = performance.now();
  const stride = Math.max(1, opts.stride ?? 1);
  const texts: string[] = [];
  const questions: { question: string; gold: number }[] = [];
  for (const article of loadSquad1().articles) {
    const offset = texts.length;
    texts.push(...article.paragraphs);
    for (const q of article.questions)
      if (q.paragraph !== null) questions.push({ question: q.question, gold: offset + q.paragraph });
  }
  const engine = factory.create();
  engine.build(texts);
  const tally = new RankTally();
  for (let i = 0; i < questions.length; i += stride) {
    const { question, gold } = questions[i];
    tally.add(rankOf(engine.search(question, RANK_DEPTH), [gold]));
  }
  return { engine: factory.name, ranks: tally.result(), ms: performance.now() - started };
}

/**
 * seed-qa-dev over the shipped story's paragraphs (as storybot numbers them): ranks of the
 * answerable questions (any listed gold paragraph counts), refusals of the off-topic ones.
 */
export function evaluateSeedQa(
  factory: EngineFactory,
  paragraphs: readonly string[],
  file: 'seed-qa-dev.json' | 'seed-qa-train.json' = 'seed-qa-dev.json',
): Evaluation {
  const started = performance.now();
  const engine = factory.create();
  engine.build([...paragraphs]);
  const tally = new RankTally();
  const refusals = emptyRefusals();
  for (const q of loadSeedQa(file)) {
    const gold = q.gold.map((n) => n - 1);
    if (isAsking(engine)) {
      const { answered, ranked } = engine.ask(q.q, RANK_DEPTH);
      if (gold.length === 0) {
        refusals.unanswerable++;
        if (!answered) refusals.unanswerableRefused++;
      } else {
        refusals.answerable++;
        if (!answered) refusals.answerableLost++;
        tally.add(rankOf(ranked, gold));
      }
    } else if (gold.length > 0) {
      tally.add(rankOf(engine.search(q.q, RANK_DEPTH), gold));
    }
  }
  return {
    engine: factory.name,
    ranks: tally.result(),
    refusals: isAsking(engine) ? refusals : undefined,
    ms: performance.now() - started,
  };
}

/** Reader-style questions: top-1/top-3 count a refusal as a miss, as users meet it. */
export interface NewsEvaluation extends Evaluation {
  /** Per question kind and per story: answerable, top1, top3, refused (of answerable); unanswerable, refused. */
  byKind: Record<string, NewsTally>;
  byStory: Record<string, NewsTally>;
}

export interface NewsTally {
  answerable: number;
  top1: number;
  top3: number;
  answerableRefused: number;
  unanswerable: number;
  unanswerableRefused: number;
}

const emptyTally = (): NewsTally => ({
  answerable: 0,
  top1: 0,
  top3: 0,
  answerableRefused: 0,
  unanswerable: 0,
  unanswerableRefused: 0,
});

/**
 * news-dev (bench/data/news-dev): each story its own corpus, every question asked. An engine that
 * does not decide whether to answer refuses only when it ranks nothing. The ranks' top-1/top-3
 * count a refused answerable question as a miss; MRR is over the ranked list as it is.
 */
export function evaluateNews(factory: EngineFactory, dir = newsDevDir()): NewsEvaluation {
  const started = performance.now();
  const tally = new RankTally();
  const refusals = emptyRefusals();
  const byKind: Record<string, NewsTally> = {};
  const byStory: Record<string, NewsTally> = {};
  for (const { file, story, questions } of loadNewsSet(dir)) {
    const engine = factory.create();
    engine.build(story.paragraphs.map((p) => p.text));
    for (const q of questions) {
      const { answered, ranked } = isAsking(engine)
        ? engine.ask(q.q, RANK_DEPTH)
        : ((r) => ({ answered: r.length > 0, ranked: r }))(engine.search(q.q, RANK_DEPTH));
      const gold = q.gold.map((n) => n - 1);
      for (const t of [(byKind[q.kind] ??= emptyTally()), (byStory[file] ??= emptyTally())]) {
        if (gold.length === 0) {
          t.unanswerable++;
          if (!answered) t.unanswerableRefused++;
          continue;
        }
        t.answerable++;
        if (!answered) t.answerableRefused++;
        else {
          const rank = rankOf(ranked, gold);
          if (rank === 1) t.top1++;
          if (rank >= 1 && rank <= 3) t.top3++;
        }
      }
      if (gold.length === 0) {
        refusals.unanswerable++;
        if (!answered) refusals.unanswerableRefused++;
      } else {
        refusals.answerable++;
        if (!answered) refusals.answerableLost++;
        tally.add(answered ? rankOf(ranked, gold) : 0);
      }
    }
  }
  return { engine: factory.name, ranks: tally.result(), refusals, byKind, byStory, ms: performance.now() - started };
}
