import { describe, expect, it } from 'vitest';
import { WordVectors } from '../../../src/search/vectors/load.js';
import { IndexSemantics } from '../../../src/search/vectors/similarity.js';

describe('IndexSemantics', () => {
  // Two-dimensional vectors: "troop" and "soldier" point the same way, "bread" across.
  const vectors = new WordVectors({
    dimensions: 2,
    stems: ['soldier', 'troop', 'bread'],
    bytes: Int8Array.from([127, 0, 127, 0, 0, 127]),
    scales: Float32Array.from([1 / 127, 1 / 127, 1 / 127]),
    neighbours: { perStem: 0, rows: new Uint16Array(0), cosines: new Uint8Array(0) },
  });
  // Index terms 0..2 = troop, bread, unknown (no vector); idf weighs them 2, 1, 5.
  const rows = Int32Array.from(['troop', 'bread', 'unknown'], (term) => vectors.row(term));
  const idf = Float32Array.from([2, 1, 5]);
  // Document 0: sentence 0 "troop bread unknown", sentence 1 "bread"; document 1: sentence 2 "troop".
  const tokens = Uint32Array.from([0, 1, 2, 1, 0]);
  const sentenceStart = Uint32Array.from([0, 3, 4, 5]);
  const docSentenceStart = Uint32Array.from([0, 2, 3]);
  const semantics = new IndexSemantics(vectors, rows, idf, tokens, sentenceStart, docSentenceStart);
  const question = semantics.questionVector(['soldier'], [1])!;

  it('compares the question with each sentence by idf-weighted word vectors', () => {
    // Sentence 0 is 2*troop + 1*bread = (2, 1): cosine with (1, 0) is 2/sqrt(5).
    expect(semantics.sentenceCosine(question, 0)).toBeCloseTo(2 / Math.sqrt(5), 2);
    expect(semantics.sentenceCosine(question, 1)).toBeCloseTo(0, 5);
    expect(semantics.sentenceCosine(question, 2)).toBeCloseTo(1, 2);
  });

  it('compares the question with a whole paragraph', () => {
    // Document 0 is (2, 1) + (0, 1) = (2, 2).
    expect(semantics.paragraphCosine(question, 0)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(semantics.paragraphCosine(question, 1)).toBeCloseTo(1, 2);
  });

  it('has no question vector when no asked word has a vector', () => {
    expect(semantics.questionVector(['qzxv'], [1])).toBeUndefined();
  });
});
