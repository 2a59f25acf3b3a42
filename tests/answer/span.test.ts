import { describe, expect, it } from 'vitest';
import { Library, loadLibrary } from '../../src/answer/library.js';
import { shortAnswer } from '../../src/answer/span.js';
import { denseWeights } from '../../src/answer/span/model.js';
import { SPAN_WEIGHTS } from '../../src/answer/span/weights.js';
import { parseStory } from '../../src/story/load.js';
import { loadSeedQa } from '../../bench/lib/data.js';
import { wordData } from '../support/search.js';

describe('short answers on the shipped story', async () => {
  const library = await loadLibrary('seeds');

  it('points at the figure a reader asks for', () => {
    const answer = library.ask('How many US troops are in Iraq?');
    expect(answer.shortAnswer).toBe('2,500');
    expect(answer.passages[0].sentence).toContain('2,500');
  });

  it("gives only the story's own words, from the first passage, and nothing with a refusal", () => {
    let given = 0;
    for (const { q } of loadSeedQa()) {
      const answer = library.ask(q);
      if (!answer.answered) {
        expect(answer.shortAnswer).toBeNull();
        continue;
      }
      if (answer.shortAnswer === null) continue;
      given++;
      expect(answer.passages[0].text).toContain(answer.shortAnswer);
      expect(answer.shortAnswer.trim()).toBe(answer.shortAnswer);
    }
    expect(given).toBeGreaterThan(10);
  });

  it('is null for questions the story does not answer, and for a story limited to nothing', () => {
    expect(library.ask('What is the capital of France?').shortAnswer).toBeNull();
    expect(library.ask('How many US troops are in Iraq?', { story: 'no-such-story' }).shortAnswer).toBeNull();
  });
});

describe('shortAnswer', () => {
  const story = parseStory(
    'The bridge reopened on Tuesday after 14 months of repairs that cost $3.2 million.\n\nThe mayor, Ann Price, cut the ribbon.',
    'bridge',
  );
  const paragraph = story.paragraphs[0];

  it('returns a slice of the paragraph', () => {
    const span = shortAnswer('How much did the repairs cost?', paragraph, { quoted: 0 });
    expect(span).not.toBeNull();
    expect(paragraph.text).toContain(span!);
  });

  it('gives nothing when the model is less sure than asked', () => {
    expect(shortAnswer('How much did the repairs cost?', paragraph, { quoted: 0 }, { minConfidence: 1.01 })).toBeNull();
  });

  it('never costs the answer: a failing short answer is null, the passages stay', () => {
    const broken = Library.fromStories([story], wordData(), {
      ask: { shortAnswer: { weights: { 'no such feature': 1 } } },
    });
    const answer = broken.ask('How much did the repairs cost?');
    expect(answer.answered).toBe(true);
    expect(answer.passages[0].paragraph).toBe(1);
    expect(answer.shortAnswer).toBeNull();
  });

  it('works on a library built from any story', () => {
    const answer = Library.fromStories([story], wordData()).ask('Who cut the ribbon?');
    expect(answer.answered).toBe(true);
    if (answer.shortAnswer !== null) expect(answer.passages[0].text).toContain(answer.shortAnswer);
  });
});

describe('the shipped weights', () => {
  it('name only features the model has (stale weights fail loudly)', () => {
    expect(() => denseWeights(SPAN_WEIGHTS)).not.toThrow();
    expect(() => denseWeights({ 'no such feature': 1 })).toThrow(/retrain/);
  });
});
