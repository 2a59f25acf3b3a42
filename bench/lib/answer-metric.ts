// Short answers scored as SQuAD scores them: the official v1.1 evaluation's normalization
// (lowercase, ASCII punctuation and the articles a/an/the removed, whitespace collapsed), exact
// match, and token F1 over the multiset of tokens; the best over the reference answers.

const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
// news-dev's README: its stories hold curly quotes, dashes, £ and €, which the ASCII rule keeps;
// strip them on both sides too.
const ANY_PUNCTUATION = /[\p{P}\p{S}]/gu;

export type Normalization = 'squad' | 'unicode';

export function normalizeAnswer(text: string, how: Normalization = 'squad'): string {
  const lower = text.toLowerCase();
  const bare = how === 'squad' ? lower.replace(ASCII_PUNCTUATION, '') : lower.replace(ANY_PUNCTUATION, '');
  return bare
    .replace(/\b(?:a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

export function exactMatch(prediction: string, gold: string, how: Normalization = 'squad'): number {
  return normalizeAnswer(prediction, how) === normalizeAnswer(gold, how) ? 1 : 0;
}

export function tokenF1(prediction: string, gold: string, how: Normalization = 'squad'): number {
  const p = normalizeAnswer(prediction, how).split(' ').filter(Boolean);
  const g = normalizeAnswer(gold, how).split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      same++;
      counts.set(t, n - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Exact match and F1 of a prediction against the best of the references; null (no answer) scores 0. */
export function scoreAnswer(
  prediction: string | null,
  golds: readonly string[],
  how: Normalization = 'squad',
): { em: number; f1: number } {
  if (prediction === null || golds.length === 0) return { em: 0, f1: 0 };
  let em = 0;
  let f1 = 0;
  for (const g of golds) {
    em = Math.max(em, exactMatch(prediction, g, how));
    f1 = Math.max(f1, tokenF1(prediction, g, how));
  }
  return { em, f1 };
}
