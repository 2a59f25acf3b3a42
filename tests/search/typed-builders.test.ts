import { describe, expect, it } from 'vitest';
import { TermIdBuilder } from '../../src/search/typed-builders.js';

describe('TermIdBuilder', () => {
  it('keeps ids in two bytes while they fit, growing as needed', () => {
    const b = new TermIdBuilder(4);
    const ids = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 65536);
    for (const id of ids) b.push(id);
    const out = b.finish();
    expect(out).toBeInstanceOf(Uint16Array);
    expect(Array.from(out)).toEqual(ids);
  });

  it('moves to four bytes at the first id over 65,535, keeping every id before it', () => {
    const b = new TermIdBuilder(4);
    const ids = [1, 65535, 2, 65536, 3, 1_000_000, 4];
    for (const id of ids) b.push(id);
    const out = b.finish();
    expect(out).toBeInstanceOf(Uint32Array);
    expect(Array.from(out)).toEqual(ids);
  });
});
