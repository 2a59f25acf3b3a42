// Tunes the summary's model (src/answer/summary/weights.ts) on every story with editors'
// references, news-train and news-dev:
//   npm run build && npm run tune:summary [-- --write]
// Prints the 4-fold cross-validation over news-dev stories (each judged by a model tuned without
// it, news-train always in training) beside Lead-N, and leave-one-writer-out over all stories;
// --write then tunes on all and writes the model.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_LENGTHS, SUMMARY_SENTENCES } from '../src/answer/summary.js';
import { projectRoot } from '../bench/lib/data.js';
import { signedPoints } from '../bench/lib/summary-bench.js';
import {
  evaluateSummarizer,
  leadSummarizer,
  newsDevStories,
  newsTrainStories,
  type SummaryScores,
} from '../bench/lib/summary-quality.js';
import { crossValidate, leaveOneWriterOut, NEVER, pooledWriters, prepareTuning, tune } from './lib/summary-tuning.js';

const points = (s: SummaryScores) =>
  `ROUGE-1 ${(100 * s.rouge1).toFixed(1)}, ROUGE-2 ${(100 * s.rouge2).toFixed(1)}, ROUGE-L ${(100 * s.rougeL).toFixed(1)}, key facts ${(100 * s.keyFacts).toFixed(1)}%`;
const round = (values: readonly number[]) => `[${values.map((v) => Math.round(v * 1000) / 1000).join(', ')}]`;

function main(write: boolean): void {
  const started = performance.now();
  const devStories = newsDevStories();
  const dev = prepareTuning(devStories);
  const train = prepareTuning(newsTrainStories());
  const cv = crossValidate(dev, train);
  const lines: string[] = [];
  for (const length of SUMMARY_LENGTHS) {
    const lead = evaluateSummarizer(leadSummarizer, devStories, length);
    lines.push(`${length}: held out ${points(cv.heldOut[length])}; Lead-${SUMMARY_SENTENCES[length]} ${points(lead)}`);
  }
  console.log(
    `news-dev, ${cv.folds}-fold cross-validation (news-train's ${cv.trainStories} stories always in training), ${Math.round((performance.now() - started) / 1000)} s:`,
  );
  for (const line of lines) console.log(`  ${line}`);
  const byWriter = leaveOneWriterOut([...train, ...dev]);
  const gain = (mine: SummaryScores, lead: SummaryScores) =>
    (['rouge1', 'rouge2', 'rougeL', 'keyFacts'] as const).map((k) => signedPoints(mine[k] - lead[k])).join(' / ');
  const writerLines = byWriter.map(
    (w) =>
      `${w.writer} (${w.stories}): short ${gain(w.mine.short, w.lead.short)}; medium ${gain(w.mine.medium, w.lead.medium)}; long key facts ${gain(w.mine.long, w.lead.long).split(' / ')[3]}`,
  );
  const trainPooled = pooledWriters(byWriter.filter((w) => w.writer.startsWith('news-train/')));
  writerLines.push(
    `news-train pooled (${trainPooled.stories}): short ${gain(trainPooled.mine.short, trainPooled.lead.short)}; medium ${gain(trainPooled.mine.medium, trainPooled.lead.medium)}; long key facts ${gain(trainPooled.mine.long, trainPooled.lead.long).split(' / ')[3]}`,
  );
  console.log('leave one writer out, gain over Lead-N in ROUGE-1 / ROUGE-2 / ROUGE-L / key facts (points):');
  for (const line of writerLines) console.log(`  ${line}`);
  const model = tune([...train, ...dev]);
  console.log(JSON.stringify(model));
  if (!write) return;
  const file = join(projectRoot(), 'src', 'answer', 'summary', 'weights.ts');
  const lengthLine = (length: (typeof SUMMARY_LENGTHS)[number]) =>
    `    ${length}: { weights: ${round(model.lengths[length].weights)}, margin: ${model.lengths[length].margin >= NEVER ? '1e9' : model.lengths[length].margin}, numbers: ${model.lengths[length].numbers} },`;
  writeFileSync(
    file,
    [
      '// Written by tools/tune-summary.ts (`npm run tune:summary -- --write`): the summary model tuned on',
      `// the ${train.length} news-train and ${dev.length} news-dev stories' editors' references. On news-dev stories held out`,
      `// of the tuning (${cv.folds}-fold cross-validation), against Lead-N:`,
      ...lines.map((line) => `//   ${line}`),
      '// Leave one writer out (each folder judged by a model tuned on the others), gain over Lead-N in',
      '// ROUGE-1 / ROUGE-2 / ROUGE-L / key facts, points:',
      ...writerLines.map((line) => `//   ${line}`),
      "import type { SummaryModel } from './model.js';",
      '',
      'export const SUMMARY_MODEL: SummaryModel = {',
      `  keywordWeights: ${round(model.keywordWeights)},`,
      '  lengths: {',
      ...SUMMARY_LENGTHS.map(lengthLine),
      '  },',
      `  redundancy: ${model.redundancy},`,
      `  diversity: ${model.diversity},`,
      `  longFill: '${model.longFill}',`,
      `  nested: ${model.nested},`,
      '};',
      '',
    ].join('\n'),
  );
  console.log(`model -> ${file}`);
}

main(process.argv.includes('--write'));
