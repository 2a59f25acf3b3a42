import { describe, expect, it } from 'vitest';
import { loadSeedQa, loadSquad1, loadSquad2 } from '../../bench/lib/data.js';

const count = (xs: { paragraphs: string[]; questions: { paragraph: number | null }[] }[]) => ({
  articles: xs.length,
  paragraphs: xs.reduce((n, a) => n + a.paragraphs.length, 0),
  questions: xs.reduce((n, a) => n + a.questions.length, 0),
  unanswerable: xs.reduce((n, a) => n + a.questions.filter((q) => q.paragraph === null).length, 0),
});

describe('bench/data', () => {
  it('holds the whole SQuAD 1.1 dev set', () => {
    const set = loadSquad1();
    expect(set.license).toMatch(/CC BY-SA 4\.0/);
    expect(count(set.articles)).toEqual({ articles: 48, paragraphs: 2067, questions: 10570, unanswerable: 0 });
  });

  it('holds the whole SQuAD 2.0 dev set', () => {
    expect(count(loadSquad2().articles)).toEqual({
      articles: 35,
      paragraphs: 1204,
      questions: 11873,
      unanswerable: 5945,
    });
  });

  it('points every answerable question at a paragraph that holds an answer', () => {
    for (const set of [loadSquad1(), loadSquad2()]) {
      for (const a of set.articles) {
        for (const q of a.questions) {
          if (q.paragraph === null) continue;
          const text = a.paragraphs[q.paragraph];
          expect(q.answers.some((ans) => text.includes(ans))).toBe(true);
        }
      }
    }
  });

  it('holds the seed questions, with off-topic ones marked by an empty gold list', () => {
    const qs = loadSeedQa();
    expect(qs.length).toBe(19);
    expect(qs.filter((q) => q.gold.length === 0)).toHaveLength(3);
  });
});
