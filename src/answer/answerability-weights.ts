// Written by bench/train-answerability.ts: the answerability model's weights and threshold.
import type { AnswerabilityFeature } from './answerability.js';

export const ANSWERABILITY_WEIGHTS: { weights: Readonly<Record<AnswerabilityFeature, number>>; threshold: number } = {
  weights: {
    bias: -1.5, share: 0, margin: 0, exactCoverage: 3, softOnly: 1.5, missing: 0, heaviestMissing: 0, storyMissing: 0,
    unknownName: 0, namesHeld: 0, factAsked: 0, factInBest: 0, factNear: 0, factElsewhere: 0, factMissing: 0,
    reasonGiven: 0, reasonAsked: 0, yesNo: 0, words: 0, sentenceCosine: 0, paragraphCosine: 0, sentenceCoverage: 0,
    alignSentence: 0, alignParagraph: 0, unmet: 0, heaviestUnmet: 0, bestCosine: 0,
    focusInSentence: 0, weakestInSentence: 0, weakestInParagraph: 0, unmetRare: 0, storyName: 0, topicSpread: 0,
  },
  threshold: 0.5,
};
