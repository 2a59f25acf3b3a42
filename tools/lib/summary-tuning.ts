// Tuning the summary's model on stories with editors' references (news-train, and news-dev
// stories outside the fold being judged), and cross-validating it by story: a model is always
// judged on news-dev stories it was not tuned on. Used by tools/tune-summary.ts (writes the
// shipped model) and by the benchmark (reports the held-out figures).
import {
  chooseSentences,
  prepareStory,
  SUMMARY_LENGTHS,
  SUMMARY_SENTENCES,
  type PreparedStory,
} from '../../src/answer/summary.js';
import { FEATURE_COUNT } from '../../src/answer/summary/features.js';
import type { SummaryModel } from '../../src/answer/summary/model.js';
import type { SummaryLength } from '../../src/answer/types.js';
import { WORD_FEATURE_COUNT } from '../../src/answer/summary/keywords.js';
import { terms } from '../../src/search/text.js';
import { keyFactRecall, rougeLOfTokens, rougeNOfTokens, rougeTokens } from '../../bench/lib/rouge.js';
import {
  meanScores,
  REFERENCE_LENGTH,
  type ReferencedStory,
  type SummaryScores,
} from '../../bench/lib/summary-quality.js';

/** A story with everything the scoring needs computed once. */
export interface TuningStory {
  source: ReferencedStory;
  prepared: PreparedStory;
  /** ROUGE tokens of each sentence, and of each reference. */
  sentenceTokens: string[][];
  referenceTokens: { short: string[][]; medium: string[][] };
  /** The search terms of all four references (what the keyword model learns from). */
  referenceTerms: Set<string>;
}

export function prepareTuning(stories: readonly ReferencedStory[]): TuningStory[] {
  return stories.map((source) => {
    const prepared = prepareStory(source.story);
    return {
      source,
      prepared,
      sentenceTokens: prepared.sentences.map((s) => rougeTokens(s.text)),
      referenceTokens: {
        short: source.references.short.map(rougeTokens),
        medium: source.references.medium.map(rougeTokens),
      },
      referenceTerms: new Set([...source.references.short, ...source.references.medium].flatMap((r) => terms(r))),
    };
  });
}

/** The same stories with their sentence features computed by another keyword model. */
export function withKeywordWeights(stories: readonly TuningStory[], keywordWeights: readonly number[]): TuningStory[] {
  return stories.map((s) => ({ ...s, prepared: prepareStory(s.source.story, keywordWeights) }));
}

/**
 * The keyword model: logistic regression of "an editor's summary (any of the four references)
 * uses this term" on the term's word features, by full-batch gradient ascent.
 */
export function fitKeywordWeights(stories: readonly TuningStory[], epochs = 300, l2 = 1e-3): number[] {
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (const s of stories) {
    for (const [term, x] of s.prepared.words) {
      rows.push(x);
      labels.push(s.referenceTerms.has(term) ? 1 : 0);
    }
  }
  const w = new Float64Array(WORD_FEATURE_COUNT);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Float64Array(WORD_FEATURE_COUNT);
    rows.forEach((x, r) => {
      let z = 0;
      for (let f = 0; f < WORD_FEATURE_COUNT; f++) z += w[f] * x[f];
      const error = labels[r] - 1 / (1 + Math.exp(-z));
      for (let f = 0; f < WORD_FEATURE_COUNT; f++) gradient[f] += error * x[f];
    });
    for (let f = 0; f < WORD_FEATURE_COUNT; f++) w[f] += gradient[f] / Math.max(1, rows.length) - l2 * w[f];
  }
  return Array.from(w, (v) => Math.round(v * 1000) / 1000);
}

/** Scores of the sentences `chosen` (story order) as a summary of `length`. */
export function scoreChoice(story: TuningStory, chosen: readonly number[], length: SummaryLength): SummaryScores {
  const tokens = chosen.flatMap((i) => story.sentenceTokens[i]);
  const references = story.referenceTokens[REFERENCE_LENGTH[length]];
  const best = (score: (reference: string[]) => number) => Math.max(0, ...references.map(score));
  const text = chosen.map((i) => story.prepared.sentences[i].text).join(' ');
  return {
    rouge1: best((r) => rougeNOfTokens(tokens, r, 1)),
    rouge2: best((r) => rougeNOfTokens(tokens, r, 2)),
    rougeL: best((r) => rougeLOfTokens(tokens, r)),
    keyFacts: keyFactRecall(text, story.source.keyFacts),
    words: text.split(/\s+/).filter(Boolean).length,
    stories: 1,
  };
}

export type LengthScores = Record<SummaryLength, SummaryScores>;

/**
 * How much key-fact recall counts beside the mean ROUGE F1 at each length. Short loses facts
 * first when it trades a long lead sentence for a tighter one, so facts weigh as much as ROUGE
 * there; medium has room for them and leans on ROUGE; long (no references of its own) is judged
 * by the facts it adds. Chosen by cross-validation over all 32 stories with references.
 */
export const KEY_FACT_WEIGHT: Readonly<Record<SummaryLength, number>> = { short: 1, medium: 0.3, long: 1 };

/** What tuning maximises at one length: the mean of ROUGE-1, -2 and -L F1 plus weighted key-fact recall. */
export function objective(scores: SummaryScores, length: SummaryLength): number {
  return (scores.rouge1 + scores.rouge2 + scores.rougeL) / 3 + KEY_FACT_WEIGHT[length] * scores.keyFacts;
}

/** Solves (XᵀX + λI) w = Xᵀy by Gaussian elimination (a handful of features). */
export function ridge(rows: readonly Float64Array[], targets: readonly number[], lambda: number): number[] {
  const d = rows[0]?.length ?? 0;
  const a = Array.from({ length: d }, (_, i) => Array.from({ length: d + 1 }, (_, j) => (i === j ? lambda : 0)));
  rows.forEach((x, r) => {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) a[i][j] += x[i] * x[j];
      a[i][d] += x[i] * targets[r];
    }
  });
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < d; r++) {
      if (r === col || a[col][col] === 0) continue;
      const factor = a[r][col] / a[col][col];
      for (let c = col; c <= d; c++) a[r][c] -= factor * a[col][c];
    }
  }
  return a.map((row, i) => (row[i] === 0 ? 0 : row[d] / row[i]));
}

/**
 * Each sentence's worth at one length as editors judged it, in the terms of the decision the
 * selection makes (does this sentence deserve a place in the lead?): for a lead sentence, what
 * the objective loses when it is left out of Lead-N; for any other sentence, what it gains on
 * average when it takes the place of one of them. The lede (always kept) gets 0.
 */
export function sentenceTargets(story: TuningStory, length: SummaryLength): number[] {
  const cache = targetCache.get(story.source) ?? new Map<SummaryLength, number[]>();
  targetCache.set(story.source, cache);
  let targets = cache.get(length);
  if (!targets) cache.set(length, (targets = computeTargets(story, length)));
  return targets;
}

/** Targets depend on the story and its references only, not on any model: computed once. */
const targetCache = new WeakMap<ReferencedStory, Map<SummaryLength, number[]>>();

function computeTargets(story: TuningStory, length: SummaryLength): number[] {
  const n = story.sentenceTokens.length;
  const count = Math.min(SUMMARY_SENTENCES[length], n);
  const lead = Array.from({ length: count }, (_, i) => i);
  const score = (chosen: number[]) => objective(scoreChoice(story, chosen, length), length);
  const full = score(lead);
  const without = lead.map((i) => (i === 0 ? [] : lead.filter((x) => x !== i)));
  const withoutScore = without.map((set, i) => (i === 0 ? 0 : score(set)));
  return Array.from({ length: n }, (_, j) => {
    if (j === 0) return 0;
    if (j < count) return full - withoutScore[j];
    let sum = 0;
    for (let i = 1; i < count; i++) sum += score([...without[i], j].sort((a, b) => a - b)) - withoutScore[i];
    return count > 1 ? sum / (count - 1) : 0;
  });
}

/** Ridge regression of the sentences' worth on their features. */
export function fitWeights(stories: readonly TuningStory[], length: SummaryLength, lambda = 1): number[] {
  const rows: Float64Array[] = [];
  const targets: number[] = [];
  // Only a sentence's worth relative to the story's other sentences matters: targets and features
  // are centred per story, so no intercept is needed.
  for (const s of stories) {
    const t = sentenceTargets(s, length);
    const n = t.length || 1;
    const meanTarget = t.reduce((a, b) => a + b, 0) / n;
    const meanFeatures = new Float64Array(FEATURE_COUNT);
    for (let i = 0; i < t.length; i++)
      for (let f = 0; f < FEATURE_COUNT; f++) meanFeatures[f] += s.prepared.features[i * FEATURE_COUNT + f] / n;
    t.forEach((target, i) => {
      if (i === 0) return; // the lede is always kept: nothing to learn from it
      rows.push(
        s.prepared.features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT).map((x, f) => x - meanFeatures[f]),
      );
      targets.push(target - meanTarget);
    });
  }
  return ridge(rows, targets, lambda).map((w) => Math.round(w * 10_000) / 1000); // ×10: values in about 0..1
}

/** Lead-N's sentences (the first N). */
export const leadChoice = (story: TuningStory, length: SummaryLength): number[] =>
  Array.from({ length: Math.min(SUMMARY_SENTENCES[length], story.sentenceTokens.length) }, (_, i) => i);

/**
 * The floors' view: a summary must match Lead-N on every measure, so what counts is its worst
 * gain over Lead-N among ROUGE-1, -2, -L and key-fact recall (the mean gain breaks ties).
 */
export function guardedObjective(scores: SummaryScores, lead: SummaryScores): number {
  const gains = [
    scores.rouge1 - lead.rouge1,
    scores.rouge2 - lead.rouge2,
    scores.rougeL - lead.rougeL,
    scores.keyFacts - lead.keyFacts,
  ];
  return Math.min(...gains) + 0.25 * (gains.reduce((a, b) => a + b, 0) / gains.length);
}

/** The worst of the four gains over Lead-N (ROUGE-1, -2, -L, key-fact recall). */
export function worstGain(scores: SummaryScores, lead: SummaryScores): number {
  return Math.min(
    scores.rouge1 - lead.rouge1,
    scores.rouge2 - lead.rouge2,
    scores.rougeL - lead.rougeL,
    scores.keyFacts - lead.keyFacts,
  );
}

/** Who wrote a story's references: its folder (news-train/a … d, news-dev). */
export const writerOf = (story: TuningStory): string => story.source.name.split('/').slice(0, -1).join('/');

export interface TuneOptions {
  /** Judge margins and the other settings by inner leave-one-writer-out (see tune). */
  inner?: boolean;
  /** Choose margins by the worst gain over Lead-N (guardedObjective) rather than the objective. */
  guard?: boolean;
  /** With guard: judge by the worst writer's worst gain (each inner fold's stories against their own lead). */
  byWriter?: boolean;
  lambda?: number;
  nested?: boolean;
  longFill?: 'lead' | 'value';
  /**
   * The departures tried at each length: the key numbers on or off (see select.ts) and the margin
   * a learned departure must clear (value units; 1e9 means never). See DEFAULT_TUNE.
   */
  departures?: Readonly<Record<SummaryLength, { numbers: readonly boolean[]; margins: readonly number[] }>>;
  redundancies?: number[];
  diversities?: number[];
}

/** A margin no learned value clears: that length never departs from the lead on its values. */
export const NEVER = 1e9;

/** Margins tried when a length's learned departures are tuned (the experiments of docs/summary.md). */
export const MARGINS: readonly number[] = [0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.3, 0.5, NEVER];

const DEFAULT_TUNE: Required<TuneOptions> = {
  inner: true,
  guard: true,
  byWriter: true,
  lambda: 0.1,
  nested: true,
  longFill: 'value',
  // Short and medium depart from the lead for the key numbers only. Learned departures (any
  // margin below 1e9) and settings chosen between the two, judged by inner leave-one-writer-out,
  // lost to Lead-N on the held-out news-dev stories (docs/summary.md, "What was tried"): the
  // learned values are not sure enough to replace a lead sentence. Long fills its own places by
  // value, and its margin is tuned.
  departures: {
    short: { numbers: [true], margins: [NEVER] },
    medium: { numbers: [true], margins: [NEVER] },
    long: { numbers: [false], margins: MARGINS },
  },
  redundancies: [0.3, 0.4, 0.5, 0.6, 0.8],
  diversities: [0, 0.05, 0.1, 0.2, 0.4],
};

/**
 * The whole tuning: the keyword model; each length's weights by ridge regression on the editors'
 * worth of each sentence; then, shortest length first, the departures (the key numbers on or off
 * and the learned margin, from the grids of `departures`), and after them the redundancy and
 * diversity, that do best against Lead-N (the worst writer's worst gain, see judge) on stories
 * the weights were not fitted on (inner leave-one-writer-out); the departures once more at the end.
 */
export function tune(given: readonly TuningStory[], options: TuneOptions = {}): SummaryModel {
  const o = { ...DEFAULT_TUNE, ...options };
  const keywordWeights = fitKeywordWeights(given);
  const stories = withKeywordWeights(given, keywordWeights);
  const lengthModel = (length: SummaryLength) => ({
    weights: fitWeights(stories, length, o.lambda),
    margin: 0.05,
    numbers: false,
  });
  let model: SummaryModel = {
    keywordWeights,
    lengths: { short: lengthModel('short'), medium: lengthModel('medium'), long: lengthModel('long') },
    redundancy: 0.5,
    diversity: 0,
    longFill: o.longFill,
    nested: o.nested,
  };
  // Settings (margins, redundancy, diversity) are judged on stories the weights were not fitted
  // on: each writer's stories by weights fitted on the other writers' (inner leave-one-writer-out).
  // Judged in-sample, the margins come out too small: the weights look surer than they are.
  const writers = [...new Set(stories.map(writerOf))];
  const folds =
    o.inner && writers.length > 1
      ? writers.map((w) => {
          const rest = stories.filter((s) => writerOf(s) !== w);
          const weights = Object.fromEntries(
            SUMMARY_LENGTHS.map((length) => [length, fitWeights(rest, length, o.lambda)]),
          );
          return {
            held: stories.filter((s) => writerOf(s) === w),
            weights: weights as Record<SummaryLength, number[]>,
          };
        })
      : [{ held: stories, weights: undefined }];
  const leadScores = Object.fromEntries(
    SUMMARY_LENGTHS.map((length) => [
      length,
      meanScores(stories.map((s) => scoreChoice(s, leadChoice(s, length), length))),
    ]),
  ) as LengthScores;
  const foldLeadScores = folds.map(
    ({ held }) =>
      Object.fromEntries(
        SUMMARY_LENGTHS.map((length) => [
          length,
          meanScores(held.map((s) => scoreChoice(s, leadChoice(s, length), length))),
        ]),
      ) as LengthScores,
  );
  const judge = (candidate: SummaryModel, length: SummaryLength): number => {
    const perFold = folds.map(({ held, weights }) => {
      const inner: SummaryModel = weights
        ? {
            ...candidate,
            lengths: {
              short: { ...candidate.lengths.short, weights: weights.short },
              medium: { ...candidate.lengths.medium, weights: weights.medium },
              long: { ...candidate.lengths.long, weights: weights.long },
            },
          }
        : candidate;
      return held.map((s) => scoreChoice(s, chooseSentences(s.prepared, length, inner), length));
    });
    const scores = meanScores(perFold.flat());
    if (!o.guard || length === 'long') return objective(scores, length);
    const pooled = guardedObjective(scores, leadScores[length]);
    if (!o.byWriter || folds.length < 2) return pooled;
    // Every writer's stories at least as good as their lead: the worst writer's worst measure.
    const worstWriter = Math.min(...perFold.map((held, f) => worstGain(meanScores(held), foldLeadScores[f][length])));
    return worstWriter + 0.25 * pooled;
  };
  const best = <T>(choices: readonly T[], make: (choice: T) => SummaryModel, length: SummaryLength): SummaryModel => {
    let chosen = model;
    let score = -Infinity;
    for (const choice of choices) {
      const candidate = make(choice);
      const value = judge(candidate, length);
      if (value > score + 1e-12) [chosen, score] = [candidate, value];
    }
    return chosen;
  };
  // Departures at each length: the key numbers on or off and the learned margin, judged together.
  const departures = (length: SummaryLength) =>
    o.departures[length].numbers.flatMap((numbers) =>
      o.departures[length].margins.map((margin) => ({ numbers, margin })),
    );
  const withDepartures =
    (length: SummaryLength) =>
    (setting: { numbers: boolean; margin: number }): SummaryModel => ({
      ...model,
      lengths: { ...model.lengths, [length]: { ...model.lengths[length], ...setting } },
    });
  for (const length of SUMMARY_LENGTHS) model = best(departures(length), withDepartures(length), length);
  model = best(o.redundancies, (redundancy) => ({ ...model, redundancy }), 'medium');
  model = best(o.diversities, (diversity) => ({ ...model, diversity }), 'medium');
  // The departures again, now that the summary's redundancy and diversity count.
  for (const length of SUMMARY_LENGTHS) model = best(departures(length), withDepartures(length), length);
  return model;
}

export interface SummaryCrossValidation {
  folds: number;
  /** news-train stories always in training. */
  trainStories: number;
  /** Per length, over every news-dev story, each scored by a model tuned without it. */
  heldOut: LengthScores;
}

/** k-fold cross-validation over news-dev stories (story i in fold i mod k), news-train always training. */
export function crossValidate(
  dev: readonly TuningStory[],
  train: readonly TuningStory[],
  folds = 4,
  tuner: (stories: readonly TuningStory[]) => SummaryModel = tune,
): SummaryCrossValidation {
  const perLength: Record<SummaryLength, SummaryScores[]> = { short: [], medium: [], long: [] };
  for (let fold = 0; fold < folds; fold++) {
    const heldOut = dev.filter((_, i) => i % folds === fold);
    const model = tuner([...train, ...dev.filter((_, i) => i % folds !== fold)]);
    for (const s of withKeywordWeights(heldOut, model.keywordWeights)) {
      for (const length of SUMMARY_LENGTHS)
        perLength[length].push(scoreChoice(s, chooseSentences(s.prepared, length, model), length));
    }
  }
  return {
    folds,
    trainStories: train.length,
    heldOut: {
      short: meanScores(perLength.short),
      medium: meanScores(perLength.medium),
      long: meanScores(perLength.long),
    },
  };
}

/**
 * Leave one writer out: each folder of stories (news-train's four writers, news-dev) summarised by
 * a model tuned on the others, beside Lead-N on the same stories: the nearest thing here to the
 * hidden set's other writers and editors.
 */
export interface WriterResult {
  writer: string;
  stories: number;
  mine: LengthScores;
  lead: LengthScores;
}

/** Several writers' held-out results as one, each story counted once. */
export function pooledWriters(results: readonly WriterResult[]): WriterResult {
  const stories = results.reduce((sum, r) => sum + r.stories, 0);
  const pool = (pick: (r: WriterResult) => LengthScores): LengthScores => {
    const out = {} as LengthScores;
    for (const length of SUMMARY_LENGTHS) {
      const weighted = (key: keyof SummaryScores) =>
        results.reduce((sum, r) => sum + pick(r)[length][key] * r.stories, 0) / Math.max(1, stories);
      out[length] = {
        rouge1: weighted('rouge1'),
        rouge2: weighted('rouge2'),
        rougeL: weighted('rougeL'),
        keyFacts: weighted('keyFacts'),
        words: weighted('words'),
        stories,
      };
    }
    return out;
  };
  return {
    writer: results.map((r) => r.writer).join(' + '),
    stories,
    mine: pool((r) => r.mine),
    lead: pool((r) => r.lead),
  };
}

export function leaveOneWriterOut(
  stories: readonly TuningStory[],
  tuner: (stories: readonly TuningStory[]) => SummaryModel = tune,
): WriterResult[] {
  const writers = [...new Set(stories.map(writerOf))];
  return writers.map((writer) => {
    const model = tuner(stories.filter((s) => writerOf(s) !== writer));
    const held = withKeywordWeights(
      stories.filter((s) => writerOf(s) === writer),
      model.keywordWeights,
    );
    const mine = {} as LengthScores;
    const lead = {} as LengthScores;
    for (const length of SUMMARY_LENGTHS) {
      mine[length] = meanScores(held.map((s) => scoreChoice(s, chooseSentences(s.prepared, length, model), length)));
      lead[length] = meanScores(held.map((s) => scoreChoice(s, leadChoice(s, length), length)));
    }
    return { writer, stories: held.length, mine, lead };
  });
}
