// Does the asked fact stand beside the question's words? "How many employees does Tallyo have?"
// in a paragraph whose only figure counts stolen accounts: the story gives a count, but not next to
// "employees". A fact the story gives sits within a few words of what the question asks about.

import { CHECKABLE_KINDS, type FactSpan } from './fact-kinds.js';
import { analyze } from './text.js';
import type { AskedWord } from './types.js';

/**
 * For each reach, the largest share of the question's weight (0..1) found within that many words
 * either side of one figure, date or name of an asked kind among `spans` (the sentence's fact
 * spans with their stems) that is not the question's own ("2,500" for "how many troops", not
 * "1954" for "who scored in the 1954 final"). 0 when there is none.
 */
export function factWindowShares(
  sentence: string,
  spans: readonly FactSpan[],
  asked: readonly AskedWord[],
  facts: number,
  reaches: readonly number[],
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
      const seen = new Set<string>();
      for (let i = Math.max(0, first - reach); i < Math.min(tokens!.length, after + reach); i++) {
        if (weightOf.has(tokens![i].term)) seen.add(tokens![i].term);
      }
      let held = 0;
      for (const term of seen) held += weightOf.get(term) ?? 0;
      best[r] = Math.max(best[r], held / total);
    });
  }
  return best;
}
