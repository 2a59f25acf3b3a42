import { describe, expect, it } from 'vitest';
import { allEngines, isAsking } from '../../bench/engines/index.js';
import { evaluateArticles } from '../../bench/lib/evaluate.js';
import type { EngineFactory } from '../../bench/engines/engine.js';
import type { SquadArticle } from '../../bench/lib/data.js';

const PARAGRAPHS = [
  'The river floods the valley every spring, and farmers plant rice afterwards.',
  'Volcanoes erupt molten lava; the eruption of 1883 darkened skies worldwide.',
  'The orchestra performed a symphony by Beethoven in the old concert hall.',
  'Penguins live in the southern hemisphere and cannot fly, but they swim well.',
];

describe('every engine, called as its users call it', () => {
  for (const factory of allEngines) {
    it(`${factory.name} ranks the paragraph that shares the question's words first`, () => {
      const engine = factory.create();
      engine.build(PARAGRAPHS);
      expect(engine.search('Which volcano eruption darkened the skies?', 3)[0]).toBe(1);
      expect(engine.search('Where do penguins swim?', 3)[0]).toBe(3);
      expect(engine.search('Beethoven symphony orchestra', 2).length).toBeLessThanOrEqual(2);
    });
  }

  it('storybot decides whether to answer; the peers only rank', () => {
    const asking = allEngines.filter((f) => isAsking(f.create())).map((f) => f.name);
    expect(asking).toEqual(['storybot']);
    const engine = allEngines[0].create();
    engine.build(PARAGRAPHS);
    if (!isAsking(engine)) throw new Error('unreachable');
    // A story this small is ranked whole: the answering paragraph first, the others after it.
    const answer = engine.ask('When did the volcano erupt?', 3);
    expect(answer.answered).toBe(true);
    expect(answer.ranked[0]).toBe(1);
    expect(engine.ask('What is the capital of France?', 3).answered).toBe(false);
  });
});

// An engine with a fixed ranking and a fixed refusal, so the evaluation's arithmetic is known.
const fixed: EngineFactory = {
  name: 'fixed',
  how: 'test',
  create: () => ({
    build() {},
    search: () => [2, 0, 1],
    ask: (question: string) => ({ answered: !question.includes('?'), ranked: [2, 0, 1] }),
  }),
};

describe('evaluateArticles', () => {
  const article: SquadArticle = {
    title: 'T',
    paragraphs: ['a', 'b', 'c', 'd'],
    questions: [
      { id: '1', question: 'q two', paragraph: 2, answers: [] },
      { id: '2', question: 'q zero', paragraph: 0, answers: [] },
      { id: '3', question: 'q three?', paragraph: 3, answers: [] },
      { id: '4', question: 'unanswerable?', paragraph: null, answers: [] },
      { id: '5', question: 'unanswerable but answered', paragraph: null, answers: [] },
    ],
  };

  it('scores ranks of answerable questions and counts both kinds of refusal', () => {
    const result = evaluateArticles(fixed, [article, article]);
    expect(result.ranks).toEqual({ questions: 6, top1: 1 / 3, top3: 2 / 3, mrr: 0.5 });
    expect(result.refusals).toEqual({ unanswerable: 4, unanswerableRefused: 2, answerable: 6, answerableLost: 2 });
  });

  it('gives no refusal figures for an engine that only ranks', () => {
    const rankOnly: EngineFactory = { ...fixed, create: () => ({ build() {}, search: () => [2, 0, 1] }) };
    const result = evaluateArticles(rankOnly, [article]);
    expect(result.refusals).toBeUndefined();
    expect(result.ranks.questions).toBe(3);
  });
});
