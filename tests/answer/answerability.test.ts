import { describe, expect, it } from 'vitest';
import {
  ANSWERABILITY_FEATURE_SIGNS,
  ANSWERABILITY_FEATURES,
  answerabilityFeatures,
  answerableProbability,
  type AnswerabilityFeature,
} from '../../src/answer/answerability.js';
import { ANSWERABILITY_WEIGHTS } from '../../src/answer/answerability-weights.js';
import { indexOf, wordData } from '../support/search.js';

const story = [
  "Iran's president, Masoud Pezeshkian, left on his first trip abroad on Wednesday, to Iraq.",
  'About 2,500 U.S. forces are stationed in Iraq.',
  'Soleimani died in 2020 in a drone strike.',
];

describe('answerability', () => {
  const index = indexOf(story, wordData());
  const probability = (question: string) => {
    const result = index.searchDetailed(question, { limit: 3 });
    return answerableProbability(answerabilityFeatures(result, result.hits));
  };

  it("ships one weight per feature in each gate, each on its evidence's side", () => {
    for (const gate of [ANSWERABILITY_WEIGHTS.model.onTopic, ANSWERABILITY_WEIGHTS.model.factGiven]) {
      expect(Object.keys(gate).sort()).toEqual([...ANSWERABILITY_FEATURES].sort());
      for (const [name, sign] of Object.entries(ANSWERABILITY_FEATURE_SIGNS))
        expect(gate[name as AnswerabilityFeature] * sign).toBeGreaterThanOrEqual(0);
    }
    expect(ANSWERABILITY_WEIGHTS.threshold).toBeGreaterThan(0);
    expect(ANSWERABILITY_WEIGHTS.threshold).toBeLessThan(1);
  });

  it('believes the story answers what it says, more than what it does not', () => {
    const answered = probability('How many U.S. forces are stationed in Iraq?');
    expect(answered).toBeGreaterThan(ANSWERABILITY_WEIGHTS.threshold);
    expect(probability('Who wrote Hamlet?')).toBeLessThan(answered);
    expect(probability('How old is Pezeshkian?')).toBeLessThan(answered);
  });

  it('reads which words the story lacks and which facts the paragraph gives', () => {
    const result = index.searchDetailed('How old is Pezeshkian?', { limit: 3 });
    const f = answerabilityFeatures(result, result.hits);
    expect(f.factAsked).toBe(1);
    expect(f.factMissing + f.factElsewhere).toBe(1); // no age anywhere near him
    expect(f.storyName).toBe(1);
    const offTopic = index.searchDetailed('whats the weather like in tokyo', { limit: 3 });
    expect(answerabilityFeatures(offTopic, offTopic.hits).storyMissing).toBeGreaterThan(0.5);
  });
});
