// Sentence-by-sentence cosine similarity over TF-IDF vectors, computed through postings
// (term -> sentences) so the cost follows shared terms rather than all n² vector pairs.

/** A symmetric n×n similarity matrix (row-major), zero on the diagonal. */
export interface SimilarityMatrix {
  size: number;
  values: Float64Array;
  /** Sum of all entries: how much the sentences resemble each other, all pairs counted twice. */
  total: number;
  /** Sum of each row: how much one sentence resembles all the others. */
  rowSums: Float64Array;
}

/**
 * Cosine similarities between sentences given their terms. Weights are TF-IDF with sublinear
 * tf (1 + ln tf) and a smoothed idf, ln(1 + n/df), that stays positive so even a one-sentence
 * story has weights; vectors are normalised to unit length.
 */
export function tfidfSimilarity(sentenceTerms: readonly string[][]): SimilarityMatrix {
  const size = sentenceTerms.length;
  const termIds = new Map<string, number>();
  const documentFrequency: number[] = [];
  // Per sentence: its distinct term ids and how often each occurs.
  const counted = sentenceTerms.map((terms) => {
    const counts = new Map<number, number>();
    for (const term of terms) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = documentFrequency.length;
        termIds.set(term, id);
        documentFrequency.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) documentFrequency[id]++;
    return counts;
  });

  // Postings as parallel arrays: term id -> the sentences holding it and its weight there.
  const postingSentences: number[][] = documentFrequency.map(() => []);
  const postingWeights: number[][] = documentFrequency.map(() => []);
  counted.forEach((counts, sentence) => {
    let squared = 0;
    const weights = new Map<number, number>();
    for (const [id, tf] of counts) {
      const weight = (1 + Math.log(tf)) * Math.log(1 + size / documentFrequency[id]);
      weights.set(id, weight);
      squared += weight * weight;
    }
    const norm = Math.sqrt(squared);
    for (const [id, weight] of weights) {
      postingSentences[id].push(sentence);
      postingWeights[id].push(weight / norm);
    }
  });

  // Postings list sentences in increasing order, so each pair lands in the upper triangle;
  // mirroring it once afterwards is cheaper than writing both halves per shared term.
  const values = new Float64Array(size * size);
  let total = 0;
  for (let id = 0; id < postingSentences.length; id++) {
    const sentences = postingSentences[id];
    const termWeights = postingWeights[id];
    for (let a = 0; a < sentences.length; a++) {
      const row = sentences[a] * size;
      const wa = termWeights[a];
      for (let b = a + 1; b < sentences.length; b++) {
        const product = wa * termWeights[b];
        values[row + sentences[b]] += product;
        total += 2 * product;
      }
    }
  }
  const rowSums = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const v = values[i * size + j];
      values[j * size + i] = v;
      rowSums[i] += v;
      rowSums[j] += v;
    }
  }
  return { size, values, total, rowSums };
}
