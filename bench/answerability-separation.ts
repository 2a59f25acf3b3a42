// How well does each answerability feature tell, among questions that ask a figure or date, the
// answerable ones from those the story doesn't answer: "near-topic" (the story's words about a
// fact it doesn't give) and "attribute-missing" (a fact it never gives about something it names)?
//   npm run bench:separation   (a few seconds)
// Prints each feature's AUC (0.5: no help; above: higher for answerable questions; below: higher
// for the unanswerable ones) on news-train and news-extra, the sets written for training. The
// paragraphs are ranked by the shipped models, which were fitted on these sets, so the ranking is
// in-sample; a feature's AUC does not depend on its own weight.

import { ANSWERABILITY_FEATURES } from '../src/answer/answerability.js';
import { DEFAULT_OPTIONS } from '../src/search/options.js';
import { newsExtraSets, newsTrainSets } from './lib/news.js';
import { rocAuc } from './lib/metrics.js';
import { answerabilityRows, applySentenceModel, collectNews } from '../tools/lib/training.js';

function main(): void {
  // The shipped models, as the search itself reads them.
  const rerank = { weights: [...DEFAULT_OPTIONS.rerankWeights], hidden: DEFAULT_OPTIONS.rerankHidden };
  const factAsked = ANSWERABILITY_FEATURES.indexOf('factAsked');
  const columns: string[][] = [];
  const heads: string[] = [];
  for (const [name, sets] of [
    ['news-train', newsTrainSets()],
    ['news-extra', newsExtraSets()],
  ] as const) {
    const questions = sets.flatMap((set) => collectNews(set, name));
    applySentenceModel(questions, DEFAULT_OPTIONS.sentenceWeights);
    const rows = answerabilityRows(questions, rerank).filter((r) => r.x[factAsked] === 1);
    const answerable = rows.filter((r) => r.y === 1);
    const ofKind = (kind: string) => rows.filter((r) => r.q.news?.kind === kind);
    for (const kind of ['near-topic', 'attribute-missing']) {
      const against = ofKind(kind);
      heads.push(`${name}: vs ${kind} (${answerable.length} / ${against.length})`);
      columns.push(
        ANSWERABILITY_FEATURES.map((_, i) =>
          rocAuc(
            answerable.map((r) => r.x[i]),
            against.map((r) => r.x[i]),
          ).toFixed(3),
        ),
      );
    }
  }
  console.log(`| feature | ${heads.join(' | ')} |`);
  console.log(`| --- |${heads.map(() => ' --- |').join('')}`);
  ANSWERABILITY_FEATURES.forEach((feature, i) => {
    const values = columns.map((column) => column[i]);
    if (values.every((v) => v === '0.500')) return;
    console.log(`| ${feature} | ${values.join(' | ')} |`);
  });
}

main();
