import { describe, expect, it } from 'vitest';
import {
  summaryFloors,
  summaryQualityMarkdown,
  type SummaryQualityReport,
  type SummaryRow,
} from '../../bench/lib/summary-bench.js';
import type { SummaryScores } from '../../bench/lib/summary-quality.js';

const scores = (rouge1: number, rouge2: number, rougeL: number, keyFacts: number): SummaryScores => ({
  rouge1,
  rouge2,
  rougeL,
  keyFacts,
  words: 100,
  stories: 8,
});

function report(rows: SummaryRow[], folds = 4): SummaryQualityReport {
  return { devStories: 8, trainStories: 24, folds, rows, wallMs: 1 };
}

describe('summary benchmark report', () => {
  const lead3 = scores(0.56, 0.378, 0.467, 0.437);
  const lead5 = scores(0.499, 0.276, 0.334, 0.538);

  it('meets a floor only when every measure is at least Lead-N, judged on the held-out row', () => {
    const r = report([
      { length: 'short', system: 'storybot, held out', scores: scores(0.57, 0.38, 0.47, 0.437) },
      { length: 'short', system: 'storybot, shipped model (in-sample)', scores: scores(0.6, 0.4, 0.5, 0.5) },
      { length: 'short', system: 'Lead-N', scores: lead3 },
      { length: 'medium', system: 'storybot, held out', scores: scores(0.6, 0.3, 0.4, 0.5) }, // key facts below
      { length: 'medium', system: 'Lead-N', scores: lead5 },
    ]);
    const floors = summaryFloors(r);
    expect(floors.map((f) => f.met)).toEqual([true, false]);
    expect(floors[0].floor).toMatch(/held out, 4-fold/);
    expect(floors[0].measured).toBe('57.0 / 38.0 / 47.0, 43.7% vs 56.0 / 37.8 / 46.7, 43.7%');
  });

  it('judges news-train by each writer left out of the tuning, pooled, and prints every writer', () => {
    const lengths = (short: SummaryScores, medium: SummaryScores) => ({ short, medium, long: medium });
    const writer = (name: string, mine: SummaryScores, lead: SummaryScores) => ({
      writer: name,
      stories: 6,
      mine: lengths(mine, mine),
      lead: lengths(lead, lead),
    });
    const r = {
      ...report([
        { length: 'short', system: 'storybot, held out', scores: lead3 },
        { length: 'short', system: 'Lead-N', scores: lead3 },
      ]),
      writers: [
        writer('news-train/a', scores(0.52, 0.3, 0.4, 0.5), scores(0.5, 0.3, 0.4, 0.5)), // +2 ROUGE-1
        writer('news-train/b', scores(0.49, 0.3, 0.4, 0.5), scores(0.5, 0.3, 0.4, 0.5)), // -1: pooled +0.5
        writer('news-dev', scores(0.4, 0.3, 0.4, 0.5), scores(0.5, 0.3, 0.4, 0.5)), // not news-train: not pooled
      ],
    };
    const floors = summaryFloors(r).filter((f) => f.floor.startsWith('news-train'));
    expect(floors.map((f) => f.met)).toEqual([true, true]);
    expect(floors[0].measured).toBe('+0.5 / +0.0 / +0.0 / +0.0 points');
    r.writers[1] = writer('news-train/b', scores(0.47, 0.3, 0.4, 0.5), scores(0.5, 0.3, 0.4, 0.5)); // -3: pooled -0.5
    expect(
      summaryFloors(r)
        .filter((f) => f.floor.startsWith('news-train'))
        .map((f) => f.met),
    ).toEqual([false, false]);
    const md = summaryQualityMarkdown(r);
    expect(md).toMatch(/\| news-train\/b \| 6 \| -3\.0 \/ \+0\.0 \/ \+0\.0 \/ \+0\.0 \|/);
    expect(md).toMatch(/\| \*\*news-train, pooled\*\* \| 12 \| -0\.5 \//);
  });

  it('says in-sample when the cross-validation did not run, and prints every row with its gain over the lead', () => {
    const r = report(
      [
        { length: 'short', system: 'storybot, shipped model (in-sample)', scores: scores(0.55, 0.37, 0.46, 0.4) },
        { length: 'short', system: 'Lead-N', scores: lead3 },
        { length: 'short', system: 'TextRank', scores: scores(0.48, 0.3, 0.4, 0.37) },
      ],
      0,
    );
    expect(summaryFloors(r)[0].floor).toMatch(/in-sample/);
    const md = summaryQualityMarkdown(r);
    expect(md).toMatch(/Cross-validation not run/);
    expect(md).toMatch(/\| short \| first 3 sentences \(Lead-3\) \| 56\.0 \| 37\.8 \| 46\.7 \| 43\.7% \|/);
    expect(md).toMatch(/\| short \| plain TextRank \| 48\.0 \| 30\.0 \| 40\.0 \| 37\.0% \| 100 \| -8\.0 \|/);
  });
});
