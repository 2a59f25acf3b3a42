import { describe, expect, it } from 'vitest';
import { Postings } from '../../src/search/postings.js';
import { CosineTable } from '../../src/search/sentence-scan.js';
import { loadWordVectors } from '../../src/search/vectors/load.js';
import { withSentences } from '../../src/story/sentences.js';

describe('CosineTable', () => {
  const vectors = loadWordVectors();
  const postings = new Postings(
    [
      'US troops stay in Iraq, where soldiers guard the bases.',
      'The harvest failed after the rains; wheat prices rose by 40%.',
      'Blorptastic zzyzx words have no vectors.',
    ].map(withSentences),
    { k1: 1.2, b: 0.75 },
  );
  const termRows = Int32Array.from(postings.termList, (term) => vectors.row(term));

  it('gives each term the centred cosines of WordVectors, bit for bit as float32, for any number of asked words', () => {
    const table = new CosineTable(vectors, termRows);
    const pool = ['soldier', 'troop', 'crop', 'nowordlikethis', 'price', 'rain', 'guard', 'iraq'].map((w) =>
      vectors.row(w),
    );
    expect(pool.filter((row) => row < 0)).toHaveLength(1);
    for (let n = 1; n <= pool.length; n++) {
      // The asked words of one question, then another: the table forgets the first.
      for (const asked of [pool.slice(0, n), pool.slice(pool.length - n)]) {
        table.start(Int32Array.from(asked));
        postings.termList.forEach((_, term) => {
          const at = table.offset(term);
          if (termRows[term] < 0) return expect(at).toBe(-1);
          const got = Array.from(table.cosines.subarray(at, at + n));
          const want = asked.map((row) => (row < 0 ? 0 : Math.fround(vectors.centeredCosine(row, termRows[term]))));
          expect(got).toEqual(want);
          expect(table.offset(term)).toBe(at);
        });
      }
    }
    expect(termRows.some((row) => row < 0)).toBe(true);
  });

  it('reads no vectors without word vectors', () => {
    const table = new CosineTable(undefined, undefined);
    table.start(Int32Array.from([1, 2]));
    expect(table.offset(0)).toBe(-1);
  });
});
