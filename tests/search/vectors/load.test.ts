import { describe, expect, it } from 'vitest';
import { loadWordVectors } from '../../../src/search/vectors/load.js';

describe('shipped word vectors', () => {
  const vectors = loadWordVectors();

  it('hold tens of thousands of stems with unit vectors', () => {
    expect(vectors.size).toBeGreaterThan(30_000);
    const row = vectors.row('soldier');
    expect(row).toBeGreaterThanOrEqual(0);
    expect(vectors.cosine(row, row)).toBeCloseTo(1, 3);
  });

  it('put paraphrases near each other and unrelated words far apart', () => {
    const cos = (a: string, b: string) => vectors.cosine(vectors.row(a), vectors.row(b));
    expect(cos('soldier', 'troop')).toBeGreaterThan(0.6);
    expect(cos('farm', 'agricultur')).toBeGreaterThan(0.6);
    expect(cos('kill', 'death')).toBeGreaterThan(0.6);
    expect(cos('soldier', 'bread')).toBeLessThan(0.3);
  });

  it("list each stem's nearest stems, best first", () => {
    const near = vectors.nearest('soldier');
    expect(near.map((n) => n.term)).toEqual(expect.arrayContaining(['troop', 'forc']));
    const cosines = near.map((n) => n.cosine);
    expect([...cosines].sort((a, b) => b - a)).toEqual(cosines);
    expect(vectors.nearest('qzxv')).toEqual([]);
  });

  it('read an acronym term through its word', () => {
    expect(vectors.row('us.')).toBe(vectors.row('us'));
    expect(vectors.row('qzxv')).toBe(-1);
  });

  it('fail with a clear error when the file is missing', () => {
    expect(() => loadWordVectors('/nonexistent/glove-100d.bin.gz')).toThrow(/missing.*git checkout/);
  });
});
