// BM25's first pass: the documents of a range that the question's terms reach, scored and cut
// to the best few for the re-rank. Reads the postings; keeps its buffers between questions.

import type { Postings } from './postings.js';

/** A term found in the first pass: its index term, the question word it stands for, its weight. */
export interface FirstPassTerm {
  id: number;
  of: string;
  weight: number;
  /** A related word (may be skipped when its postings are too long). */
  related: boolean;
}

/**
 * BM25's first pass over documents from <= id < to. Each question word scores a document once:
 * by itself or by its best-scoring stand-in (a typo fix or a related word), so a word with many
 * synonyms cannot outweigh the others. Reuses its buffers: no garbage per query.
 */
export class FirstPass {
  private readonly scores: Float32Array;
  private readonly groupScores: Float32Array;
  private readonly touched: Uint32Array;
  private readonly groupTouched: Uint32Array;

  constructor(
    private readonly postings: Postings,
    private readonly k1: number,
  ) {
    const n = postings.size;
    this.scores = new Float32Array(n);
    this.groupScores = new Float32Array(n);
    this.touched = new Uint32Array(n);
    this.groupTouched = new Uint32Array(n);
  }

  /**
   * The `depth` best documents of the range by BM25 (ties: lower id first). Related terms with
   * more than `expensiveDf` postings are skipped (the re-rank still counts them); with `everyDoc`,
   * documents of the range that no term reached are leaders too (scored 0).
   */
  leaders(
    terms: readonly FirstPassTerm[],
    from: number,
    to: number,
    depth: number,
    expensiveDf: number,
    everyDoc: boolean,
  ): { id: number; score: number }[] {
    const { postingDoc, postingTf, docNorm, idf } = this.postings;
    const scores = this.scores;
    const touched = this.touched;
    const best = this.groupScores;
    const k1 = this.k1;
    let touchedCount = 0;
    const groups = new Map<string, FirstPassTerm[]>();
    for (const q of terms) {
      const group = groups.get(q.of);
      if (group) group.push(q);
      else groups.set(q.of, [q]);
    }
    for (const group of groups.values()) {
      const searched = group.filter((q) => !q.related || this.postings.documentFrequency(q.id) <= expensiveDf);
      if (searched.length === 1) {
        // One term stands for the word: its score goes straight to the documents.
        const q = searched[0];
        const w = idf[q.id] * q.weight * (k1 + 1);
        const [start, end] = this.postings.postingRange(q.id, from, to);
        for (let p = start; p < end; p++) {
          const d = postingDoc[p];
          const tf = postingTf[p];
          // Read once: the store to `touched` would make the engine read it again (typed arrays may share memory).
          const score = scores[d];
          if (score === 0) touched[touchedCount++] = d;
          scores[d] = score + (w * tf) / (tf + docNorm[d]);
        }
        continue;
      }
      if (searched.length > 1 && searched.every((q) => idf[q.id] * q.weight > 0)) {
        touchedCount = this.addGroup(searched, from, to, touchedCount);
        continue;
      }
      const groupTouched = this.groupTouched;
      const groupCount = this.gatherBest(searched, 0, from, to);
      for (let i = 0; i < groupCount; i++) {
        const d = groupTouched[i];
        const score = scores[d];
        if (score === 0) touched[touchedCount++] = d;
        scores[d] = score + best[d];
        best[d] = 0;
      }
    }
    if (everyDoc) for (let d = from; d < to; d++) if (scores[d] === 0) touched[touchedCount++] = d;
    const leaders = topByScore(touched, touchedCount, scores, depth);
    // Many documents reached: clearing the whole range at once is faster than one by one.
    if (touchedCount > (to - from) >> 4) scores.fill(0, from, to);
    else for (let i = 0; i < touchedCount; i++) scores[touched[i]] = 0;
    return leaders;
  }

  /**
   * A word's terms (all of positive weight) scored as the walk above scores them, in one pass
   * less over its first term, usually the word itself and the longest: the other terms' best
   * contributions are gathered first; then the first term's documents take their score at once,
   * in the walk's order (its documents by id), and the rest follow in the order the walk lists them.
   * The stored best is the float32 of the largest contribution whichever term comes first.
   */
  private addGroup(group: readonly FirstPassTerm[], from: number, to: number, touchedCount: number): number {
    const { postingDoc, postingTf, docNorm, idf } = this.postings;
    const { scores, touched, groupTouched } = this;
    const best = this.groupScores;
    const k1 = this.k1;
    const groupCount = this.gatherBest(group, 1, from, to);
    const first = group[0];
    const w = idf[first.id] * first.weight * (k1 + 1);
    const [start, end] = this.postings.postingRange(first.id, from, to);
    for (let p = start; p < end; p++) {
      const d = postingDoc[p];
      const tf = postingTf[p];
      const contribution = Math.fround((w * tf) / (tf + docNorm[d]));
      const other = best[d];
      if (other !== 0) best[d] = DONE;
      const score = scores[d];
      if (score === 0) touched[touchedCount++] = d;
      scores[d] = score + (contribution > other ? contribution : other);
    }
    for (let i = 0; i < groupCount; i++) {
      const d = groupTouched[i];
      const other = best[d];
      best[d] = 0;
      if (other === DONE) continue;
      const score = scores[d];
      if (score === 0) touched[touchedCount++] = d;
      scores[d] = score + other;
    }
    return touchedCount;
  }

  /**
   * Each document's best contribution among `group`'s terms from `skip` on, kept (float32) in the
   * group scores; the documents first reached go to the group's touched list, in the walk's order.
   * Returns how many it lists.
   */
  private gatherBest(group: readonly FirstPassTerm[], skip: number, from: number, to: number): number {
    const { postingDoc, postingTf, docNorm, idf } = this.postings;
    const { groupTouched, k1 } = this;
    const best = this.groupScores;
    let groupCount = 0;
    for (let j = skip; j < group.length; j++) {
      const q = group[j];
      const w = idf[q.id] * q.weight * (k1 + 1);
      const [start, end] = this.postings.postingRange(q.id, from, to);
      for (let p = start; p < end; p++) {
        const d = postingDoc[p];
        const tf = postingTf[p];
        const contribution = (w * tf) / (tf + docNorm[d]);
        const before = best[d];
        if (before === 0) groupTouched[groupCount++] = d;
        if (contribution > before) best[d] = contribution;
      }
    }
    return groupCount;
  }
}

/** Marks, in the best contributions, a document whose word score is already added. */
const DONE = -1;

/** The k best documents by score (ties: lower id first), without sorting all of them. */
export function topByScore(
  docs: Uint32Array,
  count: number,
  scores: Float32Array,
  k: number,
): { id: number; score: number }[] {
  const best: { id: number; score: number }[] = [];
  let floor = -Infinity;
  for (let i = 0; i < count; i++) {
    const id = docs[i];
    const score = scores[id];
    if (best.length === k && score <= floor) continue;
    let at = best.length;
    if (best.length < k) best.push({ id, score });
    else at = k - 1;
    while (at > 0 && (best[at - 1].score < score || (best[at - 1].score === score && best[at - 1].id > id))) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = { id, score };
    if (best.length === k) floor = best[k - 1].score;
  }
  return best;
}
