// The re-rank's hidden layer (src/search/rerank-model.ts, RerankHiddenLayer): fitted after the
// linear model, on each question's best `topK` leaders by the linear score, to re-order them.

import { Adam } from './adam.js';
import {
  FEATURE_COUNT,
  RERANK_FEATURES,
  RERANK_FEATURE_SIGNS,
  bestLeaders,
  softplus,
  type RerankHiddenLayer,
} from '../../src/search/rerank-model.js';
import type { RankedQuestion } from './training.js';

export interface HiddenFitOptions {
  units?: number;
  topK?: number;
  epochs?: number;
  l2?: number;
  /** Weight of each question by its source (default 1). */
  sourceWeight?: Record<string, number>;
  /** Features the units never read (the linear model's weights set by reasoning). */
  frozen?: readonly boolean[];
}

/** A fixed-seed generator, so that a fit is the same on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));

/** Each leader's linear score. */
function linearScores(q: RankedQuestion, weights: ArrayLike<number>): number[] {
  return q.leaders.map((h) => {
    let s = 0;
    for (let f = 0; f < FEATURE_COUNT; f++) s += weights[f] * (h.features?.[f] ?? 0);
    return s;
  });
}

/** Positions of a question's best `k` leaders by the linear score (ties: the earlier leader). */
export function linearBest(q: RankedQuestion, weights: ArrayLike<number>, k: number): number[] {
  return bestLeaders(linearScores(q, weights), k);
}

/**
 * Softmax over each question's best leaders (the linear model's score fixed, the layer's added),
 * maximising the right leaders' share. Every second SQuAD question is enough for the layer and
 * halves the fit. Units keep the features' signs and add, never subtract (monotone in each
 * signed feature).
 */
export function fitHiddenLayer(
  questions: readonly RankedQuestion[],
  weights: ArrayLike<number>,
  opts: HiddenFitOptions = {},
): RerankHiddenLayer {
  const d = FEATURE_COUNT;
  const H = opts.units ?? 8;
  const topK = opts.topK ?? 10;
  const l2 = opts.l2 ?? 1e-3;
  const signs = RERANK_FEATURES.map((f) => RERANK_FEATURE_SIGNS[f] ?? 0);
  const frozen = opts.frozen ?? [];
  let squad = 0;
  const groups = questions
    .filter((q) => q.gold.length > 0 && q.leaders.length >= 2 && (!q.source.startsWith('squad') || squad++ % 2 === 0))
    .map((q) => {
      const scores = linearScores(q, weights);
      const best = bestLeaders(scores, topK);
      return {
        rows: best.map((i) => Float64Array.from(q.leaders[i].features ?? [])),
        linear: best.map((i) => scores[i]),
        gold: best.map((i) => q.gold.includes(i)),
        weight: opts.sourceWeight?.[q.source] ?? 1,
      };
    })
    .filter((g) => g.gold.some(Boolean));
  const total = groups.reduce((a, g) => a + g.weight, 0) || 1;

  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  const n = groups.reduce((a, g) => a + g.rows.length, 0);
  for (const g of groups) for (const x of g.rows) x.forEach((v, f) => (mean[f] += v));
  for (let f = 0; f < d; f++) mean[f] /= Math.max(1, n);
  for (const g of groups) for (const x of g.rows) x.forEach((v, f) => (scale[f] += (v - mean[f]) ** 2));
  for (let f = 0; f < d; f++) scale[f] = Math.sqrt(scale[f] / Math.max(1, n)) || 1;
  const standard = groups.map((g) => g.rows.map((x) => Float64Array.from(x, (v, f) => (v - mean[f]) / scale[f])));

  // Parameters in one vector for Adam: unit j's input weights at j*d, then the H biases, then the H output weights.
  const random = seeded(7);
  const p = new Float64Array(H * d + 2 * H);
  for (let j = 0; j < H; j++)
    for (let f = 0; f < d; f++)
      if (!frozen[f]) p[j * d + f] = signs[f] !== 0 ? signs[f] * random() * 0.2 : (random() - 0.5) * 0.2;
  const bias = H * d;
  const out = H * d + H;
  p.fill(0.01, out);
  const fixed = [
    ...Array.from({ length: H }, () => frozen.slice(0, d)).flat(),
    ...new Array<boolean>(2 * H).fill(false),
  ];
  const adam = new Adam(p.length, 0.02);
  const gradient = new Float64Array(p.length);
  const u = new Float64Array(topK * H);
  const z = new Float64Array(topK);
  for (let it = 0; it < (opts.epochs ?? 300); it++) {
    gradient.fill(0);
    groups.forEach((g, gi) => {
      const rows = g.rows.length;
      let max = -Infinity;
      for (let i = 0; i < rows; i++) {
        let s = g.linear[i];
        const x = standard[gi][i];
        for (let j = 0; j < H; j++) {
          let a = p[bias + j];
          for (let f = 0, o = j * d; f < d; f++, o++) a += p[o] * x[f];
          u[i * H + j] = a;
          s += p[out + j] * softplus(a);
        }
        z[i] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      let goldMass = 0;
      for (let i = 0; i < rows; i++) {
        z[i] = Math.exp(z[i] - max);
        sum += z[i];
        if (g.gold[i]) goldMass += z[i];
      }
      const sw = g.weight / total;
      for (let i = 0; i < rows; i++) {
        const coef = sw * ((g.gold[i] ? z[i] / goldMass : 0) - z[i] / sum);
        if (coef === 0) continue;
        const x = standard[gi][i];
        for (let j = 0; j < H; j++) {
          const a = u[i * H + j];
          gradient[out + j] += coef * softplus(a);
          const c = coef * p[out + j] * sigmoid(a);
          gradient[bias + j] += c;
          for (let f = 0, o = j * d; f < d; f++, o++) gradient[o] += c * x[f];
        }
      }
    });
    for (let k = 0; k < bias; k++) gradient[k] -= l2 * p[k];
    for (let j = 0; j < H; j++) gradient[out + j] -= l2 * p[out + j];
    adam.step(p, gradient, fixed);
    for (let j = 0; j < H; j++) {
      for (let f = 0, o = j * d; f < d; f++, o++) {
        if (signs[f] > 0 && p[o] < 0) p[o] = 0;
        else if (signs[f] < 0 && p[o] > 0) p[o] = 0;
      }
      if (p[out + j] < 0) p[out + j] = 0;
    }
  }
  const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
  return {
    topK,
    mean: mean.map((v) => round(v, 6)),
    scale: scale.map((v) => round(v, 6)),
    units: Array.from({ length: H }, (_, j) => ({
      weights: Array.from(p.subarray(j * d, (j + 1) * d), (v) => round(v, 4)),
      bias: round(p[bias + j], 4),
      out: round(p[out + j], 4),
    })),
  };
}
