// Written by bench/train-rerank.ts (`node dist/bench/train-rerank.js --write`): weights of the
// re-rank, in the order of RERANK_FEATURES, fitted on all of SQuAD 1.1 dev. Cross-validated by
// article, they rank the right paragraph first for 85.89% of questions (top 3: 95.22%);
// the hand-tuned score alone: 85.19% (94.58%).
export const RERANK_WEIGHTS: readonly number[] = [3.656, 0.664, 1.2, -0.526, -1.669, 0.462, -0.924, 2.446, 2.365, 1.22, 3.158, 2.334, 0.109, 0.077, 1.494, 0.286, 1.32, 0.622, 0.787, -0.394, -0.218];
