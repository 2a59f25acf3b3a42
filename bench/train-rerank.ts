// Learns the re-rank's weights (src/search/rerank-weights.ts) on SQuAD 1.1 dev, per article:
//   npm run build && node dist/bench/train-rerank.js [--write]
// A linear model over each leading paragraph's evidence, fitted by softmax over each question's
// leaders (the right paragraph's share is pushed up). It reports two-fold cross-validation by
// article (fit on even articles, judge on odd ones, and the reverse), so the figures it prints are
// for questions the weights never saw; --write then fits on all articles and writes the weights.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { libraryIndexOptions } from '../src/answer/library.js';
import { SearchIndex } from '../src/search/index.js';
import { FEATURE_COUNT, RERANK_FEATURES } from '../src/search/rerank-model.js';
import { loadSquad1, projectRoot } from './lib/data.js';

interface Example {
  article: number;
  /** Position of the right paragraph among the leaders, or -1 when it is not one of them. */
  gold: number;
  /** Leaders' features, row-major. */
  x: Float64Array;
  leaders: number;
}

function collect(): Example[] {
  // Features do not depend on the weights; the hand-tuned score alone keeps this runnable when
  // the shipped weights are stale (a feature added).
  const rerankWeights = RERANK_FEATURES.map((name) => (name === 'score' ? 1 : 0));
  const options = { ...libraryIndexOptions(), rerankWeights, ...(process.env.RERANK_DEPTH ? { rerankDepth: Number(process.env.RERANK_DEPTH) } : {}), ...JSON.parse(process.env.INDEX_OPTIONS ?? "{}") };
  const examples: Example[] = [];
  loadSquad1().articles.forEach((article, a) => {
    const index = SearchIndex.build(article.paragraphs, options);
    for (const q of article.questions) {
      const hits = index.search(q.question, { limit: index.options.rerankDepth, explain: true });
      const x = new Float64Array(hits.length * FEATURE_COUNT);
      hits.forEach((h, i) => x.set(h.features ?? [], i * FEATURE_COUNT));
      examples.push({ article: a, gold: hits.findIndex((h) => h.id === q.paragraph), x, leaders: hits.length });
    }
  });
  return examples;
}

function linear(w: ArrayLike<number>, x: Float64Array, leader: number): number {
  let z = 0;
  for (let f = 0; f < FEATURE_COUNT; f++) z += w[f] * x[leader * FEATURE_COUNT + f];
  return z;
}

/** Softmax regression by stochastic gradient, from "the hand-tuned score alone". */
export function fit(examples: readonly Example[], epochs = Number(process.env.EPOCHS ?? 100), l2 = Number(process.env.L2 ?? 1e-4)): number[] {
  const w = new Float64Array(FEATURE_COUNT);
  w[RERANK_FEATURES.indexOf('score')] = 5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.02 / (1 + epoch / 10);
    for (const e of examples) {
      if (e.gold < 0 || e.leaders < 2) continue;
      const z = Array.from({ length: e.leaders }, (_, i) => linear(w, e.x, i));
      const max = Math.max(...z);
      const p = z.map((v) => Math.exp(v - max));
      const sum = p.reduce((a, b) => a + b, 0);
      for (let f = 0; f < FEATURE_COUNT; f++) {
        let gradient = e.x[e.gold * FEATURE_COUNT + f];
        for (let i = 0; i < e.leaders; i++) gradient -= (p[i] / sum) * e.x[i * FEATURE_COUNT + f];
        w[f] += rate * (gradient - l2 * w[f]);
      }
    }
  }
  return Array.from(w, (v) => Math.round(v * 1000) / 1000);
}

/** Share of questions whose right paragraph the weights rank first, and within the first three. */
function judge(examples: readonly Example[], w: readonly number[]): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  for (const e of examples) {
    if (e.gold < 0) continue;
    const mine = linear(w, e.x, e.gold);
    let above = 0;
    for (let i = 0; i < e.leaders; i++) if (i !== e.gold && linear(w, e.x, i) >= mine) above++;
    if (above === 0) top1++;
    if (above < 3) top3++;
  }
  return { top1: top1 / examples.length, top3: top3 / examples.length };
}

function main(write: boolean): void {
  const started = performance.now();
  const examples = collect();
  const even = examples.filter((e) => e.article % 2 === 0);
  const odd = examples.filter((e) => e.article % 2 === 1);
  const handTuned = RERANK_FEATURES.map((name) => (name === 'score' ? 1 : 0));
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const pooled = (a: { top1: number; top3: number }, b: { top1: number; top3: number }) => ({
    top1: (a.top1 * even.length + b.top1 * odd.length) / examples.length,
    top3: (a.top3 * even.length + b.top3 * odd.length) / examples.length,
  });
  const before = pooled(judge(even, handTuned), judge(odd, handTuned));
  const crossValidated = pooled(judge(even, fit(odd)), judge(odd, fit(even)));
  console.log(`${examples.length} questions, ${Math.round((performance.now() - started) / 1000)} s`);
  console.log(`hand-tuned score:          top-1 ${pct(before.top1)}, top-3 ${pct(before.top3)}`);
  console.log(`learned, cross-validated:  top-1 ${pct(crossValidated.top1)}, top-3 ${pct(crossValidated.top3)}`);
  const weights = fit(examples);
  console.log(RERANK_FEATURES.map((name, f) => `${name} ${weights[f]}`).join(', '));
  if (!write) return;
  const file = join(projectRoot(), 'src', 'search', 'rerank-weights.ts');
  writeFileSync(
    file,
    [
      '// Written by bench/train-rerank.ts (`node dist/bench/train-rerank.js --write`): weights of the',
      '// re-rank, in the order of RERANK_FEATURES, fitted on all of SQuAD 1.1 dev. Cross-validated by',
      `// article, they rank the right paragraph first for ${pct(crossValidated.top1)} of questions (top 3: ${pct(crossValidated.top3)});`,
      `// the hand-tuned score alone: ${pct(before.top1)} (${pct(before.top3)}).`,
      `export const RERANK_WEIGHTS: readonly number[] = [${weights.join(', ')}];`,
      '',
    ].join('\n'),
  );
  console.log(`weights -> ${file}`);
}

main(process.argv.includes('--write'));
