// Lead-first selection. News puts who, what, where and when first, so the story's first
// sentences are the summary to beat: the selection starts from them, and a later sentence takes
// a lead sentence's place only on evidence. Two kinds of evidence count: the key numbers (a lead
// sentence that gives no figure gives way to the story's next sentence that gives one the summary
// lacks), and a learned value clearly higher than the lead sentence's. Nothing that restates a
// sentence already kept gets in, and everything fits the budget.
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
  /** The amounts it gives in figures, years left out (see quantities). */
  figures: readonly string[];
  /** Opens on its own (see opensOnItsOwn): may come in for its figures. */
  opensOnItsOwn: boolean;
}

export interface SelectionSettings {
  /** How much more a sentence must be worth than the lead sentence it replaces (1e9: never). */
  margin: number;
  /** TF-IDF cosine at or above which a sentence restates one already kept. */
  redundancy: number;
  /**
   * How much a sentence's closeness to the rest of the summary (its highest cosine with a kept
   * sentence) lowers its worth there: a sentence on a topic the summary already has adds less
   * than one on a topic it lacks (MMR's idea).
   */
  diversity: number;
  /**
   * The key numbers: a lead sentence that gives no figure gives way to the story's next sentence
   * that gives a figure the summary lacks (and opens on its own, restates nothing kept, fits).
   */
  numbers: boolean;
}

export interface SelectionRequest {
  /** How many sentences in all (those already chosen included). */
  count: number;
  maxChars: number;
  /** Sentences already chosen (a shorter summary this one extends): kept as they are. */
  kept?: readonly number[];
  /**
   * How the free places are first filled: `lead`, by the next sentences in story order (then
   * departures must earn their place); `value`, by the most valuable sentences wherever they stand.
   */
  fill?: 'lead' | 'value';
  /**
   * How many of this summary's own places, first in story order, never give way (the lede never
   * does): a short summary keeps its first two sentences and may change only the third.
   */
  fixed?: number;
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
  const swap = (out: number, into: number) => {
    chosen.delete(out);
    chosen.add(into);
    charsLeft += candidates[out].cost - candidates[into].cost;
  };

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

  // The places that may give way: this summary's own, but the first `fixed` of them and the lede.
  const own = [...chosen].filter((i) => !kept.has(i)).sort((a, b) => a - b);
  const fixed = new Set(own.slice(0, request.fixed ?? 0));
  // Sentences that came in for their figures stay.
  const earned = new Set<number>();
  const open = (i: number) => i !== 0 && !kept.has(i) && !fixed.has(i) && !earned.has(i);

  if (settings.numbers) {
    // The key numbers. Each lead place that gives no figure, the latest first, gives way to the
    // next sentence in story order that gives a figure the summary lacks.
    const places = own.filter(open).reverse();
    for (;;) {
      const have = new Set<string>();
      for (const i of chosen) for (const figure of candidates[i].figures) have.add(figure);
      const needy = places.filter((i) => chosen.has(i) && candidates[i].figures.length === 0);
      let into = -1;
      let out = -1;
      for (let j = 0; j < candidates.length && into < 0; j++) {
        const c = candidates[j];
        if (!c.standalone || !c.opensOnItsOwn || !c.figures.some((figure) => !have.has(figure))) continue;
        out = needy.find((i) => eligible(j, i, charsLeft + candidates[i].cost)) ?? -1;
        if (out >= 0) into = j;
      }
      if (into < 0) break;
      swap(out, into);
      earned.add(into);
    }
  }

  // What a sentence is worth beside the other chosen ones (`except` left out).
  const worth = (j: number, except = -1): number => {
    let closest = 0;
    for (const i of chosen) if (i !== j && i !== except) closest = Math.max(closest, values[j * size + i]);
    return candidates[j].value - settings.diversity * closest;
  };

  // Learned departures: the least valuable open place gives way to the most valuable sentence
  // outside, when that one is worth `margin` more. Each swap raises the summary's worth, so this
  // ends.
  for (let round = 0; round < candidates.length; round++) {
    let out = -1;
    let outWorth = Infinity;
    for (const i of chosen) {
      if (!open(i)) continue;
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
    swap(out, best);
  }

  if (chosen.size === 0) {
    const first = candidates.findIndex((c) => !c.duplicate);
    if (first >= 0) chosen.add(first);
  }
  return [...chosen].sort((a, b) => a - b);
}
