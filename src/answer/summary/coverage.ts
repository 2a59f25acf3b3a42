// Greedy sentence selection by coverage (a facility-location objective): the summary should
// stand for the whole story, so each pick is worth the similarity it adds over the sentences
// the summary does not yet cover. Restating a chosen sentence adds little, which is what keeps
// the summary from repeating itself (the job MMR does, with diminishing returns built in).
import type { SimilarityMatrix } from './similarity.js';

export interface Candidate {
  /** Multiplies the coverage a sentence adds (how much the sentence itself says). */
  weight: number;
  /** Added once when the sentence is chosen (where it stands in the story), in sentences covered. */
  bonus: number;
  /** Characters this sentence costs once rendered with its citation. */
  cost: number;
  /** Same text as an earlier candidate: never picked twice. */
  duplicate: boolean;
}

export interface SelectionLimits {
  count: number;
  maxChars: number;
}

/**
 * Indices of the chosen candidates, in the order they were picked. A candidate that does not
 * fit the remaining characters is passed over for the next best; if none fits at all, the best
 * one is returned alone (the renderer truncates it).
 *
 * Lazy greedy: a candidate's gain can only shrink as the summary grows, so its last computed
 * gain is an upper bound and most candidates never need recomputing.
 */
export function selectByCoverage(candidates: Candidate[], similarity: SimilarityMatrix, limits: SelectionLimits): number[] {
  const { size, values } = similarity;
  const covered = new Float64Array(size); // how well each sentence is represented so far, 0..1
  const gainOf = (j: number): number => {
    let added = 1 - covered[j]; // a sentence covers itself fully
    const row = j * size;
    for (let i = 0; i < size; i++) {
      const s = values[row + i];
      if (s > covered[i] && i !== j) added += s - covered[i];
    }
    return added * candidates[j].weight + candidates[j].bonus;
  };
  const initialGain = candidates.map((c, j) => (c.duplicate ? -Infinity : gainOf(j)));
  const bound = [...initialGain];
  const fresh = new Uint8Array(size).fill(1); // 1 when bound[j] is the gain against the current summary
  const chosen: number[] = [];
  let charsLeft = limits.maxChars;

  while (chosen.length < limits.count) {
    let best = -1;
    for (let j = 0; j < size; j++) {
      if (bound[j] === -Infinity) continue;
      if (candidates[j].cost > charsLeft) {
        bound[j] = -Infinity; // the budget only shrinks: it will never fit
        continue;
      }
      if (best < 0 || bound[j] > bound[best]) best = j;
    }
    if (best < 0) break;
    if (!fresh[best]) {
      bound[best] = gainOf(best);
      fresh[best] = 1;
      continue; // look again: another candidate may now beat the recomputed gain
    }
    chosen.push(best);
    bound[best] = -Infinity;
    charsLeft -= candidates[best].cost;
    covered[best] = 1;
    const row = best * size;
    for (let i = 0; i < size; i++) covered[i] = Math.max(covered[i], values[row + i]);
    fresh.fill(0);
  }

  if (chosen.length === 0 && size > 0) {
    const best = initialGain.indexOf(initialGain.reduce((max, gain) => Math.max(max, gain), -Infinity));
    chosen.push(best);
  }
  return chosen;
}
