// ROUGE-1, ROUGE-2 and ROUGE-L F1 and key-fact recall, exactly as bench/data/news-dev/README.md
// ("Reference summaries") defines them and its check_summaries.py computes them: tokens are
// lowercase runs of a-z0-9 (no stemming, no stopwords), ROUGE-N counts clipped n-gram overlap,
// ROUGE-L the longest common subsequence; per summary, the better of the references counts.

/** Lowercase runs of ASCII letters and digits: "£14.2 million" -> ["14", "2", "million"]. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** F1 of `hits` matched units out of `candidate` and `reference` units; 0 when nothing matches. */
function f1(hits: number, candidate: number, reference: number): number {
  if (hits === 0) return 0;
  const precision = hits / candidate;
  const recall = hits / reference;
  return (2 * precision * recall) / (precision + recall);
}

/** ROUGE-N F1: n-grams of the candidate found in the reference, each counted at most as often as there. */
export function rougeN(candidate: string, reference: string, n: number): number {
  return rougeNOfTokens(rougeTokens(candidate), rougeTokens(reference), n);
}

/** {@link rougeN} on texts already split by {@link rougeTokens}. */
export function rougeNOfTokens(candidate: readonly string[], reference: readonly string[], n: number): number {
  const cand = ngramCounts(candidate, n);
  const ref = ngramCounts(reference, n);
  let hits = 0;
  let candTotal = 0;
  let refTotal = 0;
  for (const [gram, count] of cand) {
    hits += Math.min(count, ref.get(gram) ?? 0);
    candTotal += count;
  }
  for (const count of ref.values()) refTotal += count;
  return f1(hits, candTotal, refTotal);
}

/** Length of the longest common subsequence of two token lists (one row of the DP table kept). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const current = [0];
    for (let j = 0; j < b.length; j++)
      current.push(x === b[j] ? previous[j] + 1 : Math.max(previous[j + 1], current[j]));
    previous = current;
  }
  return previous[b.length];
}

/** ROUGE-L F1 (summary-level LCS over the whole token lists, as the set's scorer does). */
export function rougeL(candidate: string, reference: string): number {
  return rougeLOfTokens(rougeTokens(candidate), rougeTokens(reference));
}

export function rougeLOfTokens(candidate: readonly string[], reference: readonly string[]): number {
  return f1(lcsLength(candidate, reference), candidate.length, reference.length);
}

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Each metric against the reference that scores best on it (the max is taken per metric). */
export function rougeAgainst(candidate: string, references: readonly string[]): RougeScores {
  const best = (score: (reference: string) => number) => Math.max(0, ...references.map(score));
  return {
    rouge1: best((r) => rougeN(candidate, r, 1)),
    rouge2: best((r) => rougeN(candidate, r, 2)),
    rougeL: best((r) => rougeL(candidate, r)),
  };
}

const normalize = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');

/** Share of the key facts found in the summary (case-insensitive substring, whitespace collapsed). */
export function keyFactRecall(summary: string, facts: readonly string[]): number {
  if (facts.length === 0) return 0;
  const text = normalize(summary);
  return facts.filter((fact) => text.includes(normalize(fact))).length / facts.length;
}
