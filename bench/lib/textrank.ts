// Plain TextRank (Mihalcea and Tarau, 2004), the centrality baseline for the summary benchmark:
// sentences are nodes, edges weigh the words two sentences share against their lengths, and
// PageRank (damping 0.85) ranks them; the best N are printed in story order. No position, no lead.

/** TextRank's sentence similarity: shared words / (log |a| + log |b|); 0 when either is one word. */
export function textRankSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (Math.log(a.size) + Math.log(b.size));
}

/** PageRank scores of the sentences (given as their words), iterated until they settle. */
export function textRankScores(sentences: readonly (readonly string[])[], damping = 0.85): number[] {
  const n = sentences.length;
  const sets = sentences.map((words) => new Set(words));
  const weight = sets.map((a, i) => sets.map((b, j) => (i === j ? 0 : textRankSimilarity(a, b))));
  const outSum = weight.map((row) => row.reduce((sum, w) => sum + w, 0));
  let score = new Array<number>(n).fill(1);
  for (let iteration = 0; iteration < 200; iteration++) {
    const next = score.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < n; j++) if (outSum[j] > 0) incoming += (weight[j][i] / outSum[j]) * score[j];
      return 1 - damping + damping * incoming;
    });
    const change = next.reduce((sum, v, i) => sum + Math.abs(v - score[i]), 0);
    score = next;
    if (change < 1e-9 * n) break;
  }
  return score;
}

/** Indices of the `count` highest-ranked sentences, in story order (ties: the earlier first). */
export function textRankPick(sentences: readonly (readonly string[])[], count: number): number[] {
  const scores = textRankScores(sentences);
  return scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, count)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}
