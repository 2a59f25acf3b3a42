// Written by tools/tune-summary.ts (`npm run tune:summary -- --write`): the summary model tuned on
// the 24 news-train and 8 news-dev stories' editors' references. On news-dev stories held out
// of the tuning (4-fold cross-validation), against Lead-N:
//   short: held out ROUGE-1 56.5, ROUGE-2 38.9, ROUGE-L 47.3, key facts 45.0%; Lead-3 ROUGE-1 56.0, ROUGE-2 37.8, ROUGE-L 46.7, key facts 43.7%
//   medium: held out ROUGE-1 50.8, ROUGE-2 28.2, ROUGE-L 34.4, key facts 58.8%; Lead-5 ROUGE-1 49.9, ROUGE-2 27.6, ROUGE-L 33.4, key facts 53.8%
//   long: held out ROUGE-1 48.9, ROUGE-2 28.1, ROUGE-L 34.9, key facts 76.3%; Lead-8 ROUGE-1 47.5, ROUGE-2 26.1, ROUGE-L 30.8, key facts 63.7%
// Leave one writer out (each folder judged by a model tuned on the others), gain over Lead-N in
// ROUGE-1 / ROUGE-2 / ROUGE-L / key facts, points:
//   news-train/a (6): short +0.2 / +0.2 / +0.4 / +0.0; medium +1.1 / +1.1 / +0.9 / +1.7; long key facts +10.0
//   news-train/b (6): short +2.6 / +2.2 / +2.3 / +1.7; medium +0.8 / -0.2 / +1.4 / +5.0; long key facts +11.7
//   news-train/c (6): short +0.1 / +0.3 / -0.9 / +5.0; medium -0.5 / +0.4 / +0.6 / +8.3; long key facts +20.0
//   news-train/d (6): short +1.3 / +1.0 / +0.8 / +0.0; medium +0.6 / +0.6 / +1.0 / +1.7; long key facts +13.3
//   news-dev (8): short +0.5 / +1.1 / +0.6 / +1.3; medium +0.9 / +0.6 / +0.9 / +5.0; long key facts +13.8
//   news-train pooled (24): short +1.0 / +0.9 / +0.7 / +1.7; medium +0.5 / +0.5 / +1.0 / +4.2; long key facts +13.8
import type { SummaryModel } from './model.js';

export const SUMMARY_MODEL: SummaryModel = {
  keywordWeights: [-2.401, 1.969, 0.793, 1.033, 0.292, 0.521, 0.058],
  lengths: {
    short: { weights: [-0.556, 1.237, 0.291, -1.919, -0.001, 0.604, 0.061, 0.022, 0.111, -0.043, 0.015, 0.122, 0.354, 1.378, 0.612, -0.783], margin: 1e9, numbers: true },
    medium: { weights: [-0.366, 0.711, 0.138, -0.595, 0.024, 0.221, -0.014, 0.006, 0.035, 0.001, 0.001, 0.065, 0.239, 0.426, 0.266, -0.389], margin: 1e9, numbers: true },
    long: { weights: [-0.613, 1.025, 0.293, -0.946, 0.003, 0.557, 0.059, 0.025, 0.054, 0.026, 0.007, 0.104, 0.316, 0.958, 0.553, -0.595], margin: 0, numbers: false },
  },
  redundancy: 0.3,
  diversity: 0,
  longFill: 'value',
  nested: true,
};
