import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordBefore } from '../../src/story/sentences.js';

/** The plain form: the regex over the whole 40-character window. */
function reference(text: string, end: number): string {
  const m = /([\p{L}\p{N}.\-]+)[.!?…]*["'”’)\]]*$/u.exec(text.slice(Math.max(0, end - 40), end));
  return m ? m[1] : '';
}

// Letters, digits, the punctuation the regex treats specially, spaces, and non-ASCII letters,
// marks and surrogate pairs (𝐀), where an ASCII-only scan could go wrong.
const CHARS = [
  'a',
  'Z',
  '7',
  '.',
  '-',
  '!',
  '?',
  '…',
  '"',
  "'",
  '”',
  '’',
  ')',
  ']',
  ' ',
  ',',
  '(',
  'é',
  'ß',
  'Ω',
  '東',
  '\u0301',
  '𝐀',
  '\ud835',
  '٣',
  '\n',
  '—',
  '@',
  '`',
  '[',
  '{',
];

describe('wordBefore', () => {
  it('finds what the regex over the whole window finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 70 }), fc.nat(), (chars, at) => {
        const text = chars.join('');
        const end = text.length === 0 ? 0 : at % (text.length + 1);
        expect(wordBefore(text, end)).toBe(reference(text, end));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads abbreviations and acronyms before a period', () => {
    expect(wordBefore('He met Dr.', 10)).toBe('Dr.');
    expect(wordBefore('said the “U.S.”', 15)).toBe('U.S.');
    expect(wordBefore('Maj.-Gen.', 9)).toBe('Maj.-Gen.');
    expect(wordBefore('x'.repeat(60) + '.', 61)).toBe('x'.repeat(39) + '.');
  });
});
