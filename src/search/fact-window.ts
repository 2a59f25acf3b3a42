// Does the asked fact stand beside the question's words? "How many employees does Tallyo have?"
// in a paragraph whose only figure counts stolen accounts: the story gives a count, but not next to
// "employees". A fact the story gives sits within a few words of what the question asks about.

import { CHECKABLE_KINDS, type FactSpan } from './fact-kinds.js';
import { analyze } from './text.js';
import type { AskedWord } from './types.js';

/** The asked words (by position) a word of the text stands for, each with its credit (0..1). */
export type CreditOf = (term: string) => readonly (readonly [asked: number, credit: number])[];

/** What stands beside the asked fact at one reach, each a share (0..1) of a part of the question's weight. */
export interface FactWindowShare {
  /** The question's words themselves. */
  exact: number;
  /** Its words met loosely too, each at its best credit (by `creditOf`; as `exact` without it). */
  loose: number;
  /**
   * Loosely, its words other than names: the asked attribute ("founded" in "When was Bluecrest
   * founded?"), which a date beside "Bluecrest" alone does not give. As `loose` when it has none.
   */
  attribute: number;
}

/**
 * For each reach, the largest shares of the question's weight found within that many words either
 * side of one figure, date or name of an asked kind among `spans` (the sentence's fact spans with
 * their stems) that is not the question's own ("2,500" for "how many troops", not "1954" for "who
 * scored in the 1954 final"). All 0 when there is none.
 *
 * `creditOf`, when given, lets a word in the window stand for asked words loosely (a related word
 * or a near one by word vectors: "forces" beside "2,500" for "how many troops"), each asked word
 * counted by its best credit there.
 */
export function factWindowShares(
  sentence: string,
  spans: readonly FactSpan[],
  asked: readonly AskedWord[],
  facts: number,
  reaches: readonly number[],
  creditOf?: CreditOf,
): FactWindowShare[] {
  const best = reaches.map(() => ({ exact: 0, loose: 0, attribute: 0 }));
  const kinds = facts & CHECKABLE_KINDS;
  const total = asked.reduce((sum, w) => sum + w.weight, 0);
  if (kinds === 0 || total <= 0) return best;
  const isAttribute = asked.map((w) => !w.named && !w.storyName);
  const attributeTotal = asked.reduce((sum, w, a) => sum + (isAttribute[a] ? w.weight : 0), 0);
  const slotsOf = new Map<string, number[]>();
  asked.forEach((w, a) => slotsOf.set(w.term, [...(slotsOf.get(w.term) ?? []), a]));
  let tokens: ReturnType<typeof analyze> | undefined;
  for (const span of spans) {
    if ((span.kind & kinds) === 0) continue;
    if ((span.terms ?? []).some((term) => slotsOf.has(term))) continue;
    tokens ??= analyze(sentence);
    let first = tokens.findIndex((t) => t.end > span.start);
    if (first < 0) first = tokens.length;
    let after = tokens.findIndex((t) => t.start >= span.end);
    if (after < 0) after = tokens.length;
    reaches.forEach((reach, r) => {
      const exact = new Float64Array(asked.length);
      const loose = new Float64Array(asked.length);
      for (let i = Math.max(0, first - reach); i < Math.min(tokens!.length, after + reach); i++) {
        const term = tokens![i].term;
        for (const a of slotsOf.get(term) ?? []) exact[a] = 1;
        if (creditOf) for (const [a, credit] of creditOf(term)) loose[a] = Math.max(loose[a], credit);
      }
      let held = 0;
      let heldLoose = 0;
      let heldAttribute = 0;
      asked.forEach((w, a) => {
        const met = Math.max(exact[a], loose[a]);
        held += w.weight * exact[a];
        heldLoose += w.weight * met;
        if (isAttribute[a]) heldAttribute += w.weight * met;
      });
      const share = best[r];
      share.exact = Math.max(share.exact, held / total);
      share.loose = Math.max(share.loose, heldLoose / total);
      share.attribute = Math.max(
        share.attribute,
        attributeTotal > 0 ? heldAttribute / attributeTotal : heldLoose / total,
      );
    });
  }
  return best;
}
