// The summary benchmark (issue #16): storybot at each length beside Lead-N and plain TextRank on
// news-dev, scored against the editors' references. storybot's model was tuned on news-train and
// news-dev, so its fair figure is the cross-validated one: each news-dev story summarised by a
// model tuned without it (news-train always in training). The shipped model's own news-dev
// figures are shown too, marked in-sample.
import { SUMMARY_LENGTHS, SUMMARY_SENTENCES } from '../../src/answer/summary.js';
import type { SummaryLength } from '../../src/answer/types.js';
import { pct, table } from './format.js';
import {
  evaluateSummarizer,
  leadSummarizer,
  newsDevStories,
  newsTrainStories,
  storybotSummarizer,
  textRankSummarizer,
  type SummaryScores,
} from './summary-quality.js';
import { crossValidate, prepareTuning } from './summary-tuning.js';

export type SummarySystem = 'storybot, held out' | 'storybot, shipped model (in-sample)' | 'Lead-N' | 'TextRank';

export interface SummaryRow {
  length: SummaryLength;
  system: SummarySystem;
  scores: SummaryScores;
}

export interface SummaryQualityReport {
  devStories: number;
  trainStories: number;
  /** Folds of the cross-validation over news-dev stories (0 when it was not run). */
  folds: number;
  rows: SummaryRow[];
  wallMs: number;
}

export interface SummaryQualityOptions {
  /** Cross-validate (re-tune per fold): the held-out rows. Off for a quick look. */
  crossValidate?: boolean;
  folds?: number;
}

export function runSummaryQuality(opts: SummaryQualityOptions = {}): SummaryQualityReport {
  const started = performance.now();
  const dev = newsDevStories();
  const train = newsTrainStories();
  const folds = opts.crossValidate === false ? 0 : (opts.folds ?? 4);
  const rows: SummaryRow[] = [];
  const cv = folds > 0 ? crossValidate(prepareTuning(dev), prepareTuning(train), folds) : undefined;
  for (const length of SUMMARY_LENGTHS) {
    if (cv) rows.push({ length, system: 'storybot, held out', scores: cv.heldOut[length] });
    rows.push({ length, system: 'storybot, shipped model (in-sample)', scores: evaluateSummarizer(storybotSummarizer(), dev, length) });
    rows.push({ length, system: 'Lead-N', scores: evaluateSummarizer(leadSummarizer, dev, length) });
    rows.push({ length, system: 'TextRank', scores: evaluateSummarizer(textRankSummarizer, dev, length) });
  }
  return { devStories: dev.length, trainStories: train.length, folds, rows, wallMs: performance.now() - started };
}

const points = (x: number) => (100 * x).toFixed(1);

export function findRow(report: SummaryQualityReport, length: SummaryLength, system: SummarySystem): SummaryScores | undefined {
  return report.rows.find((r) => r.length === length && r.system === system)?.scores;
}

/** storybot's fair row: held out when the cross-validation ran, else the shipped model's. */
export function storybotRow(report: SummaryQualityReport, length: SummaryLength): { scores: SummaryScores; heldOut: boolean } | undefined {
  const held = findRow(report, length, 'storybot, held out');
  if (held) return { scores: held, heldOut: true };
  const shipped = findRow(report, length, 'storybot, shipped model (in-sample)');
  return shipped && { scores: shipped, heldOut: false };
}

const systemName = (system: SummarySystem, length: SummaryLength) =>
  system === 'Lead-N' ? `first ${SUMMARY_SENTENCES[length]} sentences (Lead-${SUMMARY_SENTENCES[length]})` : system === 'TextRank' ? 'plain TextRank' : system;

export function summaryQualityMarkdown(report: SummaryQualityReport): string {
  const rows = report.rows.map((r) => {
    const lead = findRow(report, r.length, 'Lead-N');
    const vsLead = r.system !== 'Lead-N' && lead ? `${r.scores.rouge1 >= lead.rouge1 ? '+' : ''}${points(r.scores.rouge1 - lead.rouge1)}` : '';
    const bold = (s: string) => (r.system === 'storybot, held out' ? `**${s}**` : s);
    return [
      r.length === 'long' ? 'long (vs medium refs)' : r.length,
      bold(systemName(r.system, r.length)),
      points(r.scores.rouge1),
      points(r.scores.rouge2),
      points(r.scores.rougeL),
      pct(r.scores.keyFacts),
      r.scores.words.toFixed(0),
      vsLead,
    ];
  });
  const fair = report.folds
    ? `**held out** = ${report.folds}-fold cross-validation over the ${report.devStories} news-dev stories: each story is summarised by a model tuned on the ${report.trainStories} news-train stories and the news-dev stories of the other folds, never on itself. The shipped model was tuned on all of them, so its own news-dev row is in-sample (optimistic).`
    : `(Cross-validation not run: the storybot row is the shipped model, tuned on these stories, so in-sample and optimistic.)`;
  return [
    `ROUGE-1/2/L F1 against the better of two editors' references per story, averaged over the ${report.devStories} news-dev stories, and the share of each story's key facts the summary quotes (bench/data/news-dev/README.md, "Reference summaries", defines both; the Lead-3 and Lead-5 rows reproduce its figures). short is scored against the short references, medium and long against the medium ones (there are none for long: read its key facts). ${fair}`,
    '',
    table(['length', 'summary', 'ROUGE-1', 'ROUGE-2', 'ROUGE-L', 'key facts', 'words', 'ROUGE-1 vs Lead-N'], rows),
  ].join('\n');
}

export interface SummaryFloor {
  floor: string;
  measured: string;
  met: boolean;
}

/** Issue #16's quality floors: short and medium at least Lead-N on every measure. */
export function summaryFloors(report: SummaryQualityReport): SummaryFloor[] {
  const out: SummaryFloor[] = [];
  for (const length of ['short', 'medium'] as const) {
    const mine = storybotRow(report, length);
    const lead = findRow(report, length, 'Lead-N');
    if (!mine || !lead) continue;
    const s = mine.scores;
    const n = SUMMARY_SENTENCES[length];
    const label = mine.heldOut ? `held out, ${report.folds}-fold` : 'in-sample';
    const met = s.rouge1 >= lead.rouge1 && s.rouge2 >= lead.rouge2 && s.rougeL >= lead.rougeL && s.keyFacts >= lead.keyFacts;
    out.push({
      floor: `news-dev ${length}: ROUGE-1/2/L and key facts each ≥ Lead-${n}'s (${label})`,
      measured: `${points(s.rouge1)} / ${points(s.rouge2)} / ${points(s.rougeL)}, ${pct(s.keyFacts)} vs ${points(lead.rouge1)} / ${points(lead.rouge2)} / ${points(lead.rougeL)}, ${pct(lead.keyFacts)}`,
      met,
    });
  }
  return out;
}
