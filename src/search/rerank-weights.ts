// Written by bench/train-rerank.ts (`node dist/bench/train-rerank.js --write`): weights of the
// re-rank, in the order of RERANK_FEATURES, fitted on all of SQuAD 1.1 dev. Cross-validated by
// article, they rank the right paragraph first for 85.82% of questions (top 3: 95.16%);
// the hand-tuned score alone: 85.18% (94.57%).
export const RERANK_WEIGHTS: readonly number[] = [3.678, 0.784, 1.207, -0.653, -1.769, 0.411, -0.872, 2.438, 2.49, 1.268, 1.833, 2.825, 0.116, 0.055, 1.572, 0.327, 1.237, 0.721, 0.796, -0.421, -0.205];
