import { describe, expect, it } from 'vitest';
import { loadNewsSet, newsExtraSets, newsTrainSets } from '../../bench/lib/news.js';

const collapse = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();

describe('bench/lib/news', () => {
  const sets = [...newsTrainSets(), ...newsExtraSets()];

  it('reads every training batch, news-train (a-d) and news-extra (e-t), 6 stories of 30 questions each', () => {
    expect(sets).toHaveLength(20);
    for (const set of sets) {
      expect(set).toHaveLength(6);
      for (const { questions } of set) {
        expect(questions).toHaveLength(30);
        expect(questions.filter((q) => q.gold.length === 0)).toHaveLength(8);
      }
    }
  });

  it('numbers paragraphs as the writers did: each answer stands in its first gold paragraph, as the bot splits the story', () => {
    for (const { story, questions } of [...sets.flat(), ...loadNewsSet()]) {
      for (const q of questions) {
        if (q.gold.length === 0) continue;
        const paragraph = story.paragraphs[q.gold[0] - 1]?.text ?? '';
        expect(collapse(paragraph), `${story.id}: ${q.q}`).toContain(collapse(q.answer));
      }
    }
  });
});
