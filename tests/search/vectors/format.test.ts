import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeVectors, encodeVectors } from '../../../src/search/vectors/format.js';

function unit(values: number[]): number[] {
  const norm = Math.hypot(...values);
  return values.map((v) => v / norm);
}

describe('word vectors file format', () => {
  const stems = ['soldier', 'troop', 'bread'];
  const rows = [unit([0.9, 0.4, 0.1, 0]), unit([0.8, 0.5, 0.2, 0.1]), unit([-0.2, 0.1, 0.9, 0.4])];
  // Neighbours, two per stem: soldier -> troop (0.95), troop -> soldier; bread has none.
  const neighbours = {
    perStem: 2,
    rows: Uint16Array.from([1, 0xffff, 0, 0xffff, 0xffff, 0xffff]),
    cosines: Uint8Array.from([95, 0, 95, 0, 0, 0]),
  };
  const table = { dimensions: 4, stems, data: Float32Array.from(rows.flat()), neighbours };

  it('round-trips stems and keeps cosines within 0.01 despite 8-bit storage', () => {
    const back = decodeVectors(encodeVectors(table));
    expect(back.stems).toEqual(stems);
    expect(back.dimensions).toBe(4);
    expect(Array.from(back.neighbours.rows)).toEqual(Array.from(neighbours.rows));
    expect(Array.from(back.neighbours.cosines)).toEqual(Array.from(neighbours.cosines));
    const stored = Float32Array.from(back.bytes, (byte, i) => byte * back.scales[Math.floor(i / 4)]);
    const cos = (data: Float32Array, a: number, b: number) =>
      [0, 1, 2, 3].reduce((s, k) => s + data[a * 4 + k] * data[b * 4 + k], 0);
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ])
      expect(cos(stored, a, b)).toBeCloseTo(cos(table.data, a, b), 2);
    expect(cos(stored, 0, 0)).toBeCloseTo(1, 5);
  });

  it('refuses a file of another format or a truncated one', () => {
    expect(() => decodeVectors(gzipSync('storybot-lexicon/1\n'))).toThrow(/storybot-vectors/);
    expect(() => decodeVectors(gzipSync('storybot-vectors/1 4 3\n'))).toThrow(/storybot-vectors/);
    const whole = encodeVectors(table);
    const raw = gunzipSync(whole);
    expect(() => decodeVectors(gzipSync(raw.subarray(0, raw.length - 3)))).toThrow(/truncated/);
  });
});
