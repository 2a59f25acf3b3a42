import { describe, expect, it } from 'vitest';
import { WordVectors } from '../../../src/search/vectors/load.js';
import { cosineWithRow, IndexSemantics, QuestionSimilarity } from '../../../src/search/vectors/similarity.js';

describe('QuestionSimilarity', () => {
  it('maps each index term near an asked word to its cosine, per asked word', () => {
    const near: Record<string, { id: number; cosine: number }[]> = {
      soldier: [{ id: 7, cosine: 0.8 }, { id: 9, cosine: 0.5 }],
      iraq: [{ id: 9, cosine: 0.6 }],
    };
    const similarity = new QuestionSimilarity(['soldier', 'iraq'], (term) => near[term] ?? []);
    expect(Array.from(similarity.of(7)!)).toEqual([expect.closeTo(0.8), 0]);
    expect(Array.from(similarity.of(9)!)).toEqual([expect.closeTo(0.5), expect.closeTo(0.6)]);
    expect(similarity.of(3)).toBeUndefined();
  });
});

describe('IndexSemantics', () => {
  // Two-dimensional vectors: "troop" and "soldier" point the same way, "bread" across.
  const vectors = new WordVectors({
    dimensions: 2,
    stems: ['soldier', 'troop', 'bread'],
    bytes: Int8Array.from([127, 0, 127, 0, 0, 127]),
    scales: Float32Array.from([1 / 127, 1 / 127, 1 / 127]),
  });
  const termList = ['troop', 'bread', 'unknown'];
  const idf = Float32Array.from([2, 1, 5]);
  const semantics = new IndexSemantics(vectors, termList, idf);

  it('knows which index terms have vectors', () => {
    expect(Array.from(semantics.rows())).toEqual([1, 2, -1]);
  });

  it('builds idf-weighted sentence vectors and compares them with the question', () => {
    // Sentence 0: "troop bread unknown"; sentence 1: "bread".
    const tokens = Uint32Array.from([0, 1, 2, 1]);
    const starts = Uint32Array.from([0, 3, 4]);
    const sentences = semantics.documentSentences(0, tokens, starts, 0, 2);
    expect(Array.from(sentences)).toEqual([2, 1, 0, 1]);
    const question = semantics.questionVector(['soldier'], [1])!;
    expect(cosineWithRow(question, sentences, 0)).toBeCloseTo(2 / Math.sqrt(5), 5);
    expect(cosineWithRow(question, sentences, 1)).toBeCloseTo(0, 5);
    expect(semantics.questionVector(['qzxv'], [1])).toBeUndefined();
  });
});
