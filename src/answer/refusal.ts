// Why the story doesn't answer, in one line, when it can be said honestly: the story names the
// person or thing asked about but gives no fact of the asked kind ("How old is Helena Drost?").

import type { SearchResult } from '../search/index.js';
import { FactKind } from '../search/fact-kinds.js';
import { analyze } from '../search/text.js';

/** What the story lacks, by the kind of fact asked, as the end of "The story mentions X but doesn't ...". */
const MISSING: readonly [number, string][] = [
  [FactKind.Age, 'give an age'],
  [FactKind.Reason, 'say why'],
  [FactKind.Duration, 'say how long'],
  [FactKind.Time, 'say when'],
  [FactKind.Date, 'say when'],
  [FactKind.Score, 'give that score'],
  [FactKind.Percent, 'give that figure'],
  [FactKind.Count, 'give that number'],
  [FactKind.Money, 'give that amount'],
  [FactKind.Measure, 'give that figure'],
  [FactKind.Quote, 'quote that'],
  [FactKind.Means, 'say how'],
];

/**
 * The name the question asks about, as the story writes it: the longest run of the question's
 * name words found together in one of `texts` (the closest paragraphs).
 */
function mentioned(result: Pick<SearchResult, 'asked'>, texts: readonly string[]): string | undefined {
  const names = new Set(result.asked.filter((w) => w.inRange >= 0.7 && (w.storyName || w.named)).map((w) => w.term));
  if (names.size === 0) return undefined;
  let best: string | undefined;
  let bestWords = 0;
  for (const text of texts) {
    const tokens = analyze(text);
    for (let i = 0; i < tokens.length; i++) {
      if (!names.has(tokens[i].term)) continue;
      let j = i;
      while (j + 1 < tokens.length && names.has(tokens[j + 1].term) && tokens[j + 1].start - tokens[j].end <= 2) j++;
      if (j - i + 1 > bestWords) {
        bestWords = j - i + 1;
        best = text.slice(tokens[i].start, tokens[j].end);
      }
      i = j;
    }
  }
  return best;
}

/** "The story mentions X but doesn't give an age.", or undefined when that can't be said. */
export function refusalNote(
  result: Pick<SearchResult, 'asked' | 'facts'>,
  closest: readonly string[],
): string | undefined {
  const name = mentioned(result, closest);
  if (!name) return undefined;
  const missing = MISSING.find(([kind]) => (result.facts & kind) !== 0)?.[1];
  return `The story mentions ${name} but doesn't ${missing ?? 'answer that'}.`;
}
