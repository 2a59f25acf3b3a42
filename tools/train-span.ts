// Learns the short answer's weights (src/answer/span/weights.ts) on SQuAD 1.1 dev and news-train:
//   npm run build && npm run train:span [-- --write]
// Prints cross-validated figures given the right paragraph (SQuAD by article, news-train by
// story: the figures for questions the weights never saw); --write then fits on all of both and
// writes the weights. news-dev is never trained on: bench/span.ts reports it as held out.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../bench/lib/data.js';
import {
  collectNewsTrain,
  collectSquad,
  crossValidateBoth,
  fit,
  judge,
  NEWS_WEIGHT,
  shippedWeights,
  SPAN_FOLDS,
} from './lib/span-training.js';
import { denseWeights } from '../src/answer/span/model.js';

function main(write: boolean): void {
  const started = performance.now();
  const squad = collectSquad();
  const news = collectNewsTrain();
  const seconds = () => Math.round((performance.now() - started) / 1000);
  console.log(
    `${squad.length} SQuAD questions, ${news.length} news-train questions (each counting ${NEWS_WEIGHT}×), ${seconds()} s`,
  );
  const cv = crossValidateBoth(squad, news);
  const line = (label: string, s: { em: number; f1: number }) =>
    `${label}: EM ${s.em.toFixed(1)}, F1 ${s.f1.toFixed(1)}`;
  console.log(
    `cross-validated, right paragraph given (${SPAN_FOLDS} folds): ${line('SQuAD 1.1 dev by article', cv.squad)}; ${line('news-train by story', cv.news)} (${seconds()} s)`,
  );
  if (!write) return;
  const fitted = fit([...squad, ...news]);
  const weights = shippedWeights(fitted);
  // Rounding must not change the answers: in-sample figures before and after.
  const before = judge(squad, fitted);
  const after = judge(squad, denseWeights(weights));
  console.log(`in-sample SQuAD F1 ${before.f1.toFixed(2)} as fitted, ${after.f1.toFixed(2)} rounded`);
  const file = join(projectRoot(), 'src', 'answer', 'span', 'weights.ts');
  const entries = Object.entries(weights).map(([name, w]) => `  ${JSON.stringify(name)}: ${w},`);
  writeFileSync(
    file,
    [
      "// Written by tools/train-span.ts (`npm run train:span -- --write`): the short answer's weights by",
      `// feature name, fitted on SQuAD 1.1 dev and news-train (news questions count ${NEWS_WEIGHT}×). Cross-validated`,
      `// (${SPAN_FOLDS} folds), with the right paragraph given: ${line('SQuAD by article', cv.squad)}; ${line('news-train by story', cv.news)}.`,
      "import type { SpanWeights } from './model.js';",
      '',
      'export const SPAN_WEIGHTS: SpanWeights = {',
      ...entries,
      '};',
      '',
    ].join('\n'),
  );
  console.log(`${entries.length} weights -> ${file} (${seconds()} s)`);
}

main(process.argv.includes('--write'));
