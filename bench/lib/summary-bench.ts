// The summary benchmark (issue #16): storybot at each length beside Lead-N and plain TextRank on
// news-dev, scored against the editors' references. storybot's model was tuned on news-train and
// news-dev, so its fair figures are held out: each news-dev story summarised by a model tuned
// without it (4-fold cross-validation, news-train always in training), and each writer's stories
// by a model tuned on the other writers' (leave one writer out). The shipped model's own news-dev
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
import {
  crossValidate,
  leaveOneWriterOut,
  pooledWriters,
  prepareTuning,
  type WriterResult,
} from '../../tools/lib/summary-tuning.js';

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
  /**
   * Leave one writer out: each folder of stories with references (news-train's four writers,
   * news-dev) summarised by a model tuned on the others, beside Lead-N on the same stories.
   */
  writers?: WriterResult[];
  wallMs: number;
}

export interface SummaryQualityOptions {
  /** Cross-validate (re-tune per fold): the held-out rows. Off for a quick look. */
  crossValidate?: boolean;
  folds?: number;
  /** Leave one writer out as well (five more tunings; on with the cross-validation by default). */
  byWriter?: boolean;
}

export function runSummaryQuality(opts: SummaryQualityOptions = {}): SummaryQualityReport {
  const started = performance.now();
  const dev = newsDevStories();
  const train = newsTrainStories();
  const folds = opts.crossValidate === false ? 0 : (opts.folds ?? 4);
  const rows: SummaryRow[] = [];
  const devTuning = prepareTuning(dev);
  const trainTuning = prepareTuning(train);
  const cv = folds > 0 ? crossValidate(devTuning, trainTuning, folds) : undefined;
  const writers = (opts.byWriter ?? folds > 0) ? leaveOneWriterOut([...trainTuning, ...devTuning]) : undefined;
  for (const length of SUMMARY_LENGTHS) {
    if (cv) rows.push({ length, system: 'storybot, held out', scores: cv.heldOut[length] });
    rows.push({
      length,
      system: 'storybot, shipped model (in-sample)',
      scores: evaluateSummarizer(storybotSummarizer(), dev, length),
    });
    rows.push({ length, system: 'Lead-N', scores: evaluateSummarizer(leadSummarizer, dev, length) });
    rows.push({ length, system: 'TextRank', scores: evaluateSummarizer(textRankSummarizer, dev, length) });
  }
  return {
    devStories: dev.length,
    trainStories: train.length,
    folds,
    rows,
    writers,
    wallMs: performance.now() - started,
  };
}

const points = (x: number) => (100 * x).toFixed(1);

export function findRow(
  report: SummaryQualityReport,
  length: SummaryLength,
  system: SummarySystem,
): SummaryScores | undefined {
  return report.rows.find((r) => r.length === length && r.system === system)?.scores;
}

/** storybot's fair row: held out when the cross-validation ran, else the shipped model's. */
export function storybotRow(
  report: SummaryQualityReport,
  length: SummaryLength,
): { scores: SummaryScores; heldOut: boolean } | undefined {
  const held = findRow(report, length, 'storybot, held out');
  if (held) return { scores: held, heldOut: true };
  const shipped = findRow(report, length, 'storybot, shipped model (in-sample)');
  return shipped && { scores: shipped, heldOut: false };
}

const systemName = (system: SummarySystem, length: SummaryLength) =>
  system === 'Lead-N'
    ? `first ${SUMMARY_SENTENCES[length]} sentences (Lead-${SUMMARY_SENTENCES[length]})`
    : system === 'TextRank'
      ? 'plain TextRank'
      : system;

/** A gain in points with its sign ("+0.0" for a tie, never "-0.0"). */
export function signedPoints(gain: number): string {
  const text = points(gain);
  return text === '-0.0' ? '+0.0' : gain > 0 || text === '0.0' ? `+${text}` : text;
}

const MEASURES = ['rouge1', 'rouge2', 'rougeL', 'keyFacts'] as const;
const gains = (mine: SummaryScores, lead: SummaryScores) =>
  MEASURES.map((k) => signedPoints(mine[k] - lead[k])).join(' / ');

/** The news-train writers' held-out stories pooled (the leave-one-writer-out floor's row). */
export function trainPooled(report: SummaryQualityReport): WriterResult | undefined {
  const train = report.writers?.filter((w) => w.writer.startsWith('news-train/')) ?? [];
  return train.length ? { ...pooledWriters(train), writer: 'news-train, pooled' } : undefined;
}

/** The leave-one-writer-out table: each writer's gains over Lead-N, and news-train's pooled. */
export function writersMarkdown(report: SummaryQualityReport): string {
  if (!report.writers?.length) return '';
  const pooled = trainPooled(report);
  const rows = [...report.writers, ...(pooled ? [pooled] : [])].map((w) => [
    w === pooled ? `**${w.writer}**` : w.writer,
    String(w.stories),
    gains(w.mine.short, w.lead.short),
    gains(w.mine.medium, w.lead.medium),
    signedPoints(w.mine.long.keyFacts - w.lead.long.keyFacts),
  ]);
  return [
    `**Leave one writer out** (held out): each writer's stories (news-train's folders a–d, and news-dev) summarised by a model tuned on the other writers' stories only, against Lead-N on the same stories. Gains over Lead-N in points, ROUGE-1 / ROUGE-2 / ROUGE-L / key facts.`,
    '',
    table(['held-out writer', 'stories', 'short vs Lead-3', 'medium vs Lead-5', 'long: key facts vs Lead-8'], rows),
  ].join('\n');
}

export function summaryQualityMarkdown(report: SummaryQualityReport): string {
  const rows = report.rows.map((r) => {
    const lead = findRow(report, r.length, 'Lead-N');
    const vsLead =
      r.system !== 'Lead-N' && lead
        ? `${r.scores.rouge1 >= lead.rouge1 ? '+' : ''}${points(r.scores.rouge1 - lead.rouge1)}`
        : '';
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
    ...(report.writers?.length ? ['', writersMarkdown(report)] : []),
  ].join('\n');
}

export interface SummaryFloor {
  floor: string;
  measured: string;
  met: boolean;
}

const atLeast = (s: SummaryScores, lead: SummaryScores) => MEASURES.every((k) => s[k] >= lead[k] - 1e-12);

/**
 * Issue #16's quality floors: short and medium at least Lead-N on every measure, on held-out
 * stories: news-dev by cross-validation, and news-train's writers each left out of the tuning.
 */
export function summaryFloors(report: SummaryQualityReport): SummaryFloor[] {
  const out: SummaryFloor[] = [];
  for (const length of ['short', 'medium'] as const) {
    const mine = storybotRow(report, length);
    const lead = findRow(report, length, 'Lead-N');
    if (!mine || !lead) continue;
    const s = mine.scores;
    const n = SUMMARY_SENTENCES[length];
    const label = mine.heldOut ? `held out, ${report.folds}-fold` : 'in-sample';
    out.push({
      floor: `news-dev ${length}: ROUGE-1/2/L and key facts each ≥ Lead-${n}'s (${label})`,
      measured: `${points(s.rouge1)} / ${points(s.rouge2)} / ${points(s.rougeL)}, ${pct(s.keyFacts)} vs ${points(lead.rouge1)} / ${points(lead.rouge2)} / ${points(lead.rougeL)}, ${pct(lead.keyFacts)}`,
      met: atLeast(s, lead),
    });
  }
  const pooled = trainPooled(report);
  if (pooled) {
    for (const length of ['short', 'medium'] as const) {
      out.push({
        floor: `news-train ${length}, each writer left out of the tuning (${pooled.stories} stories pooled): each ≥ Lead-${SUMMARY_SENTENCES[length]}'s`,
        measured: `${gains(pooled.mine[length], pooled.lead[length])} points`,
        met: atLeast(pooled.mine[length], pooled.lead[length]),
      });
    }
  }
  return out;
}
