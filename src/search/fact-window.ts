// Does the asked fact stand beside the question's words? "How many employees does Tallyo have?"
// in a paragraph whose only figure counts stolen accounts: the story gives a count, but not next to
// "employees". A fact the story gives sits within a few words of what the question asks about.

import { CHECKABLE_KINDS, type FactSpan } from './fact-kinds.js';
import { analyze } from './text.js';
import type { AskedWord } from './types.js';

/** The asked words (by position) a word of the text stands for, each with its credit (0..1). */
export type CreditOf = (term: string) => readonly (readonly [asked: number, credit: number])[];

/**
 * For each reach, the largest share of the question's weight (0..1) found within that many words
 * either side of one figure, date or name of an asked kind among `spans` (the sentence's fact
 * spans with their stems) that is not the question's own ("2,500" for "how many troops", not
 * "1954" for "who scored in the 1954 final"). 0 when there is none.
 *
 * `creditOf`, when given, lets a word in the window stand for asked words loosely (a related word
 * or a near one by word vectors: "forces" beside "2,500" for "how many troops"), each asked word
 * counted by its best credit there; without it only the asked stems themselves count.
 */
export function factWindowShares(
  sentence: string,
  spans: readonly FactSpan[],
  asked: readonly AskedWord[],
  facts: number,
  reaches: readonly number[],
  creditOf?: CreditOf,
): number[] {
  const best = reaches.map(() => 0);
  const kinds = facts & CHECKABLE_KINDS;
  const total = asked.reduce((sum, w) => sum + w.weight, 0);
  if (kinds === 0 || total <= 0) return best;
  const weightOf = new Map(asked.map((w) => [w.term, w.weight]));
  let tokens: ReturnType<typeof analyze> | undefined;
  for (const span of spans) {
    if ((span.kind & kinds) === 0) continue;
    if ((span.terms ?? []).some((term) => weightOf.has(term))) continue;
    tokens ??= analyze(sentence);
    let first = tokens.findIndex((t) => t.end > span.start);
    if (first < 0) first = tokens.length;
    let after = tokens.findIndex((t) => t.start >= span.end);
    if (after < 0) after = tokens.length;
    reaches.forEach((reach, r) => {
      const met = new Float64Array(asked.length);
      for (let i = Math.max(0, first - reach); i < Math.min(tokens!.length, after + reach); i++) {
        const term = tokens![i].term;
        if (creditOf) for (const [a, credit] of creditOf(term)) met[a] = Math.max(met[a], credit);
        else if (weightOf.has(term)) asked.forEach((w, a) => w.term === term && (met[a] = 1));
      }
      let held = 0;
      asked.forEach((w, a) => (held += w.weight * met[a]));
      best[r] = Math.max(best[r], held / total);
    });
  }
  return best;
}
