import { describe, expect, it } from 'vitest';
import { TextStore } from '../../src/story/text-store.js';

const TEXTS = [
  'Plain ASCII text.',
  'Café, naïve, £5 (Latin-1)',
  '',
  'A dash – and “curly quotes”',
  'Beyond the BMP: 😀 and 𝔸 count two units each',
  'x',
];

function storeOf(texts: readonly string[], capacity = 8): TextStore {
  const store = new TextStore(capacity);
  texts.forEach((t, i) => expect(store.add(t)).toBe(i));
  return store;
}

describe('TextStore (paragraph texts as UTF-8 in one buffer)', () => {
  it('gives back every text as added, growing past its first guess', () => {
    const store = storeOf(TEXTS);
    expect(store.length).toBe(TEXTS.length);
    TEXTS.forEach((t, i) => expect(store.at(i)).toBe(t));
    // Read again out of order (the last text read is remembered).
    expect(store.at(1)).toBe(TEXTS[1]);
    expect(store.at(1)).toBe(TEXTS[1]);
    expect(store.at(4)).toBe(TEXTS[4]);
    expect(store.at(-1)).toBeUndefined();
    expect(store.at(TEXTS.length)).toBeUndefined();
  });

  it('counts each text in UTF-16 units without decoding it', () => {
    const store = storeOf(TEXTS);
    TEXTS.forEach((t, i) => expect(store.textLength(i)).toBe(t.length));
  });

  it('comes back from its stored parts, and refuses parts that do not fit', () => {
    const { bytes, ends } = storeOf(TEXTS).parts();
    const again = TextStore.over(bytes.slice(), ends.slice());
    expect(again && TEXTS.map((_, i) => again.at(i))).toEqual(TEXTS);
    expect(TextStore.over(bytes.subarray(0, bytes.length - 1), ends)).toBeUndefined();
    const disordered = ends.slice();
    [disordered[1], disordered[3]] = [disordered[3], disordered[1]];
    expect(TextStore.over(bytes, disordered)).toBeUndefined();
    const broken = bytes.slice();
    broken[ends[2]] = 0xff; // not UTF-8
    expect(TextStore.over(broken, ends)).toBeUndefined();
    expect(TextStore.over(new Uint8Array(0), new Uint32Array(0))?.length).toBe(0);
  });
});
