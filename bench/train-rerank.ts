// Learns the re-rank's weights (src/search/rerank-weights.ts) on SQuAD 1.1 dev, per article:
//   npm run build && npm run train:rerank [-- --write]
// Prints two-fold cross-validation by article (the figure for questions the weights never saw);
// --write then fits on all articles and writes the weights.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RERANK_FEATURES } from '../src/search/rerank-model.js';
import { projectRoot } from './lib/data.js';
import { collect, crossValidate, fit } from './lib/rerank-training.js';

function main(write: boolean): void {
  const started = performance.now();
  const examples = collect();
  const cv = crossValidate(examples);
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(`${examples.length} questions, ${Math.round((performance.now() - started) / 1000)} s`);
  console.log(`hand-tuned score:          top-1 ${pct(cv.handTuned.top1)}, top-3 ${pct(cv.handTuned.top3)}`);
  console.log(`learned, cross-validated:  top-1 ${pct(cv.crossValidated.top1)}, top-3 ${pct(cv.crossValidated.top3)}`);
  console.log(`shipped weights (fitted on all): top-1 ${pct(cv.shipped.top1)}, top-3 ${pct(cv.shipped.top3)}`);
  const weights = fit(examples);
  console.log(RERANK_FEATURES.map((name, f) => `${name} ${weights[f]}`).join(', '));
  if (!write) return;
  const file = join(projectRoot(), 'src', 'search', 'rerank-weights.ts');
  writeFileSync(
    file,
    [
      '// Written by bench/train-rerank.ts (`npm run train:rerank -- --write`): weights of the re-rank, in',
      '// the order of RERANK_FEATURES, fitted on all of SQuAD 1.1 dev. Cross-validated by article, they',
      `// rank the right paragraph first for ${pct(cv.crossValidated.top1)} of questions (top 3: ${pct(cv.crossValidated.top3)});`,
      `// the hand-tuned score alone: ${pct(cv.handTuned.top1)} (${pct(cv.handTuned.top3)}).`,
      `export const RERANK_WEIGHTS: readonly number[] = [${weights.join(', ')}];`,
      '',
    ].join('\n'),
  );
  console.log(`weights -> ${file}`);
}

main(process.argv.includes('--write'));
