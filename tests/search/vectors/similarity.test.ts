import { describe, expect, it } from 'vitest';
import { WordVectors } from '../../../src/search/vectors/load.js';
import { IndexSemantics } from '../../../src/search/vectors/similarity.js';

describe('IndexSemantics', () => {
  // Three-dimensional vectors that all share the third axis, as real word vectors share a common
  // direction: it is taken out, leaving "troop" and "soldier" the same way and "bread" across. The
  // last three words only balance the first three so that the shared direction is the third axis.
  const shared = (x: number, y: number) => [x * 127, y * 127, 127];
  const vectors = new WordVectors({
    dimensions: 3,
    stems: ['soldier', 'troop', 'bread', 'salt', 'sand', 'mud'],
    bytes: Int8Array.from([
      ...shared(1, 0),
      ...shared(1, 0),
      ...shared(0, 1),
      ...shared(-1, 0),
      ...shared(-1, 0),
      ...shared(0, -1),
    ]),
    scales: new Float32Array(6).fill(1 / (127 * Math.SQRT2)),
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

  it('takes the direction all words share out of every comparison', () => {
    expect(vectors.centeredCosine(vectors.row('soldier'), vectors.row('troop'))).toBeCloseTo(1, 2);
    expect(vectors.centeredCosine(vectors.row('soldier'), vectors.row('bread'))).toBeCloseTo(0, 2);
    // Before: the shared axis makes unrelated words look half alike.
    expect(vectors.cosine(vectors.row('soldier'), vectors.row('bread'))).toBeCloseTo(0.5, 2);
  });

  it('compares the question with each sentence by idf-weighted word vectors', () => {
    // Sentence 0 is 2*troop + 1*bread = (2, 1) once the shared axis is out: cosine with (1, 0) is 2/sqrt(5).
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
