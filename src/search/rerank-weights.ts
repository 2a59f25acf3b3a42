// Written by bench/train-rerank.ts (`node dist/bench/train-rerank.js --write`): weights of the
// re-rank, in the order of RERANK_FEATURES, fitted on all of SQuAD 1.1 dev. Cross-validated by
// article, they rank the right paragraph first for 85.70% of questions (top 3: 95.18%);
// the hand-tuned score alone: 85.19% (94.58%).
export const RERANK_WEIGHTS: readonly number[] = [4.084, 0.49, 1.198, -0.278, -0.521, 0.839, -0.916, 1.652, 2.289, 1.401, 3.354, 2.147, 0.104, 0.246, 0.527, 0.754, -0.451, -0.208];
