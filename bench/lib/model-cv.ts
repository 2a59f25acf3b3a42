// The learned models judged on questions they never saw, for the full benchmark: news-dev stories
// held out one at a time (fitted on the other seven, news-train and SQuAD), and SQuAD 1.1 dev in
// two halves by article (fitted on the other half and the news sets).
import { loadNewsSet, newsDevDir, newsTrainSets } from './news.js';
import { collectNews, collectSquad, crossValidateNews, crossValidateSquad, type NewsCrossValidation } from './training.js';

export interface ModelCrossValidation {
  news: Omit<NewsCrossValidation, 'outcomes'> & {
    /** Held-out outcomes by question kind and by story. */
    byKind: Record<string, KindScores>;
    byStory: Record<string, KindScores>;
  };
  squad: { top1: number; top3: number };
}

export interface KindScores {
  answerable: number;
  unanswerable: number;
  top1: number;
  top3: number;
  refused: number;
}

export function modelCrossValidation(): ModelCrossValidation {
  const dev = collectNews(loadNewsSet(newsDevDir()), 'news-dev');
  const train = newsTrainSets().flatMap((set) => collectNews(set, 'news-train'));
  const squad = collectSquad();
  const { outcomes, ...news } = crossValidateNews(dev, [...train, ...squad]);
  const tally = (key: (o: (typeof outcomes)[number]) => string): Record<string, KindScores> => {
    const out: Record<string, KindScores> = {};
    for (const o of outcomes) {
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
  return {
    news: { ...news, byKind: tally((o) => o.question.news?.kind ?? '?'), byStory: tally((o) => o.question.group.split(':')[1]) },
    squad: crossValidateSquad(squad, [...dev, ...train]),
  };
}
