import { describe, expect, it } from 'vitest';
import {
  evaluateSummarizer,
  leadSummarizer,
  newsDevStories,
  storySentenceTexts,
} from '../../bench/lib/summary-quality.js';

describe('summary quality on news-dev', () => {
  const stories = newsDevStories();

  it('reads all eight stories with two references per length and their key facts', () => {
    expect(stories).toHaveLength(8);
    for (const s of stories) {
      expect(s.references.short).toHaveLength(2);
      expect(s.references.medium).toHaveLength(2);
      expect(s.keyFacts.length).toBeGreaterThanOrEqual(8);
      expect(storySentenceTexts(s.story).length).toBeGreaterThan(20);
    }
  });

  // The set's README (and its check_summaries.py) give these Lead-N figures: the project's
  // loader and sentence splitter, and our ROUGE, must reproduce them.
  it('reproduces the README figures for Lead-3 and Lead-5', () => {
    const round = (x: number) => Math.round(x * 1000) / 10;
    const lead3 = evaluateSummarizer(leadSummarizer, stories, 'short');
    expect([lead3.rouge1, lead3.rouge2, lead3.rougeL].map(round)).toEqual([56.0, 37.8, 46.7]);
    expect(round(lead3.keyFacts)).toBeCloseTo(43.7, 1);
    const lead5 = evaluateSummarizer(leadSummarizer, stories, 'medium');
    expect([lead5.rouge1, lead5.rouge2, lead5.rougeL].map(round)).toEqual([49.9, 27.6, 33.4]);
    expect(round(lead5.keyFacts)).toBeCloseTo(53.8, 1);
  });
});
