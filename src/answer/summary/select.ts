// Lead-first selection. News puts who, what, where and when first, so the story's first
// sentences are the summary to beat: the selection starts from them, and a later sentence takes
// a lead sentence's place only when the evidence (its learned value) says it is worth clearly
// more. Nothing that restates a sentence already kept gets in, and everything fits the budget.
import type { SimilarityMatrix } from './similarity.js';

export interface SelectionCandidate {
  /** What the sentence is worth to the summary (learned from editors' summaries). */
  value: number;
  /** Characters this sentence costs once rendered with its citation. */
  cost: number;
  /** Same text as an earlier sentence: never picked. */
  duplicate: boolean;
  /** Reads on its own (see standsAlone): only such a sentence may replace a lead sentence. */
  standalone: boolean;
}

export interface SelectionSettings {
  /** How much more a sentence must be worth than the lead sentence it replaces. */
  margin: number;
  /** TF-IDF cosine at or above which a sentence restates one already kept. */
  redundancy: number;
  /**
   * How much a sentence's closeness to the rest of the summary (its highest cosine with a kept
   * sentence) lowers its worth there: a sentence on a topic the summary already has adds less
   * than one on a topic it lacks (MMR's idea).
   */
  diversity: number;
}

export interface SelectionRequest {
  /** How many sentences in all (those already chosen included). */
  count: number;
  maxChars: number;
  /** Sentences already chosen (a shorter summary this one extends): kept as they are. */
  kept?: readonly number[];
  /**
   * How the free places are first filled: `lead`, by the next sentences in story order (then
   * swaps must earn their place); `value`, by the most valuable sentences wherever they stand.
   */
  fill?: 'lead' | 'value';
}

/**
 * Indices of the chosen sentences, in story order. The first sentence (the lede) is never
 * swapped out. If no sentence fits the budget at all, the first that is not a duplicate is
 * returned alone (the renderer truncates it).
 */
export function selectLeadFirst(
  candidates: readonly SelectionCandidate[],
  similarity: SimilarityMatrix,
  settings: SelectionSettings,
  request: SelectionRequest,
): number[] {
  const { size, values } = similarity;
  const kept = new Set(request.kept ?? []);
  const chosen = new Set(kept);
  let charsLeft = request.maxChars - [...kept].reduce((sum, i) => sum + candidates[i].cost, 0);

  // Restates a chosen sentence (other than `except`, the one it would replace).
  const restates = (j: number, except = -1): boolean => {
    for (const i of chosen) if (i !== except && values[j * size + i] >= settings.redundancy) return true;
    return false;
  };
  const eligible = (j: number, except = -1, budget = charsLeft): boolean =>
    !chosen.has(j) && !candidates[j].duplicate && candidates[j].cost <= budget && !restates(j, except);

  // Free places are filled by sentences that read on their own first, any others only if the
  // story has too few.
  const order = Array.from({ length: candidates.length }, (_, i) => i);
  if (request.fill === 'value') order.sort((a, b) => candidates[b].value - candidates[a].value || a - b);
  for (const alone of [true, false]) {
    for (const j of order) {
      if (chosen.size >= request.count) break;
      if (candidates[j].standalone !== alone || !eligible(j)) continue;
      chosen.add(j);
      charsLeft -= candidates[j].cost;
    }
  }

  // What a sentence is worth beside the other chosen ones (`except` left out).
  const worth = (j: number, except = -1): number => {
    let closest = 0;
    for (const i of chosen) if (i !== j && i !== except) closest = Math.max(closest, values[j * size + i]);
    return candidates[j].value - settings.diversity * closest;
  };

  // Swaps: the least valuable free place gives way to the most valuable sentence outside, when
  // that one is worth `margin` more. Each swap raises the summary's worth, so this ends.
  for (let round = 0; round < candidates.length; round++) {
    let out = -1;
    let outWorth = Infinity;
    for (const i of chosen) {
      if (kept.has(i) || i === 0) continue;
      const w = worth(i);
      if (w < outWorth) [out, outWorth] = [i, w];
    }
    if (out < 0) break;
    let best = -1;
    let bestWorth = -Infinity;
    for (let j = 0; j < candidates.length; j++) {
      if (!candidates[j].standalone || !eligible(j, out, charsLeft + candidates[out].cost)) continue;
      const w = worth(j, out);
      if (w > bestWorth) [best, bestWorth] = [j, w];
    }
    if (best < 0 || !(bestWorth > outWorth + settings.margin)) break;
    chosen.delete(out);
    chosen.add(best);
    charsLeft += candidates[out].cost - candidates[best].cost;
  }

  if (chosen.size === 0) {
    const first = candidates.findIndex((c) => !c.duplicate);
    if (first >= 0) chosen.add(first);
  }
  return [...chosen].sort((a, b) => a - b);
}
