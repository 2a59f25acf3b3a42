// Fits storybot's three learned models and writes their weights into the source:
//   npm run build && npm run train:models [-- --write] [--cv]
// - the sentence model (which sentence of a paragraph answers),
// - the re-rank (which paragraph answers), over SQuAD 1.1 dev and the news sets,
// - the answerability model (does the story answer at all): its on-topic gate over news-dev and
//   news-train, its fact gate over news-extra too, with the probability threshold that keeps about
//   7% of answerable news-dev and news-train questions refused.
// --cv first prints held-out figures: news-dev stories one at a time (fitted on the other seven,
// news-train, news-extra and SQuAD), and SQuAD 1.1 dev in two halves by article.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWERABILITY_FEATURES } from '../src/answer/answerability.js';
import { RERANK_FEATURES, SENTENCE_FEATURES } from '../src/search/rerank-model.js';
import { projectRoot } from '../bench/lib/data.js';
import { newsExtraSets, newsTrainSets, loadNewsSet, newsDevDir } from '../bench/lib/news.js';
import {
  answerabilityTrainingRows,
  applySentenceModel,
  chooseThreshold,
  collectNews,
  collectSquad,
  crossValidateNews,
  crossValidateSquad,
  fitAnswerability,
  fitRerankModel,
  fitSentenceModel,
  NEWS_SOURCE_WEIGHT,
  thresholdRows,
  SQUAD_BORROWED,
} from './lib/training.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function record(names: readonly string[], values: readonly number[]): string {
  return `{\n${names.map((n, i) => `  ${n}: ${values[i]},`).join('\n')}\n}`;
}

function main(): void {
  const write = process.argv.includes('--write');
  const cv = process.argv.includes('--cv');
  const started = performance.now();
  const dev = collectNews(loadNewsSet(newsDevDir()), 'news-dev');
  const train = [
    ...newsTrainSets().flatMap((set) => collectNews(set, 'news-train')),
    ...newsExtraSets().flatMap((set) => collectNews(set, 'news-extra')),
  ];
  const squad = collectSquad(SQUAD_BORROWED);
  console.log(
    `collected ${squad.length} SQuAD, ${dev.length} news-dev and ${train.length} news-train and news-extra questions in ${Math.round((performance.now() - started) / 1000)} s`,
  );

  if (cv) {
    const news = crossValidateNews(dev, [...train, ...squad]);
    console.log(
      `news-dev, each story held out: top-1 ${pct(news.top1)}, top-3 ${pct(news.top3)} (before refusals ${pct(news.top1BeforeRefusal)} / ${pct(news.top3BeforeRefusal)}); unanswerable refused ${pct(news.unanswerableRefused)}, answerable refused ${pct(news.answerableRefused)}`,
    );
    const sq = crossValidateSquad(squad, [...dev, ...train]);
    console.log(`SQuAD 1.1 dev, two halves by article: top-1 ${pct(sq.top1)}, top-3 ${pct(sq.top3)}`);
  }

  const all = [...squad, ...dev, ...train];
  const sentenceWeights = fitSentenceModel(all, { sourceWeight: NEWS_SOURCE_WEIGHT });
  applySentenceModel(all, sentenceWeights);
  const rerank = fitRerankModel(all, { sourceWeight: NEWS_SOURCE_WEIGHT });
  const rows = answerabilityTrainingRows(all, rerank);
  const answerability = fitAnswerability(rows);
  const threshold = chooseThreshold(thresholdRows(rows), answerability);
  console.log(
    `answerability threshold ${threshold.value} (in-sample: ${pct(threshold.answerableRefused)} of answerable news questions refused, ${pct(threshold.unanswerableRefused)} of unanswerable)`,
  );
  if (!write) return;

  const header = '// Written by tools/train-models.ts (`npm run train:models -- --write`): do not edit by hand.';
  writeFileSync(
    join(projectRoot(), 'src', 'search', 'rerank-weights.ts'),
    [
      header,
      "import type { RerankFeature, RerankHiddenLayer, SentenceFeature } from './rerank-model.js';",
      '',
      '/** The re-rank: one weight per paragraph feature, fitted on SQuAD 1.1 dev and the news sets. */',
      `export const RERANK_WEIGHTS: Readonly<Record<RerankFeature, number>> = ${record(RERANK_FEATURES, rerank.weights)};`,
      '',
      "/** The re-rank's hidden layer over the linear model's best leaders (features in RERANK_FEATURES' order). */",
      `export const RERANK_HIDDEN: RerankHiddenLayer = ${JSON.stringify(rerank.hidden)};`,
      '',
      '/** The sentence model: one weight per sentence feature, fitted on the sentences that hold the answers. */',
      `export const SENTENCE_WEIGHTS: Readonly<Record<SentenceFeature, number>> = ${record(SENTENCE_FEATURES, sentenceWeights)};`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(projectRoot(), 'src', 'answer', 'answerability-weights.ts'),
    [
      header,
      "import type { AnswerabilityModel } from './answerability.js';",
      '',
      '/** The answerability model (logistic) and the least probability at which the bot answers. */',
      'export const ANSWERABILITY_WEIGHTS: { model: AnswerabilityModel; threshold: number } = {',
      '  model: {',
      `    onTopic: ${record(
        ANSWERABILITY_FEATURES,
        ANSWERABILITY_FEATURES.map((f) => answerability.onTopic[f]),
      ).replace(/\n/g, '\n    ')},`,
      `    factGiven: ${record(
        ANSWERABILITY_FEATURES,
        ANSWERABILITY_FEATURES.map((f) => answerability.factGiven[f]),
      ).replace(/\n/g, '\n    ')},`,
      '  },',
      `  threshold: ${threshold.value},`,
      '};',
      '',
    ].join('\n'),
  );
  console.log('weights written to src/search/rerank-weights.ts and src/answer/answerability-weights.ts');
}

main();
