import type { Sentence } from './types.js';

// Words that end with a period but rarely end a sentence ("Dr. Smith", "Maj.-Gen. Soleimani").
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt ft gen maj col lt capt cmdr sgt cpl adm brig gov sen rep rev hon ' +
    'pres supt insp det atty inc ltd co corp bros dept univ assn ave blvd rd est approx vs etc cf al ' +
    'no nos vol fig pp jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun'
  ).split(' '),
);
// Dotted acronyms ("U.S.") end a sentence only when a typical sentence opener follows.
const SENTENCE_OPENERS = new Set(
  (
    'the a an in on at it its he she they we i this that these those there but and however after ' +
    'before when while his her their our as for if since so then yet meanwhile'
  ).split(' '),
);

// A candidate end: terminal punctuation, optional closing quotes/brackets, whitespace,
// then something that can open a sentence (capital, digit, opening quote or bracket).
const CANDIDATE_END = /[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])/gu;

const WORD_BEFORE = /([\p{L}\p{N}.\-]+)[.!?…]*["'”’)\]]*$/u;
const WORD_BEFORE_WINDOW = 40;

/** Whether a character can be part of WORD_BEFORE's match: any non-ASCII one is kept (maybe a letter). */
function maybeInWord(code: number): boolean {
  return (
    code >= 0x80 ||
    (code >= 0x30 && code <= 0x39) ||
    ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ||
    code === 0x2e ||
    code === 0x2d ||
    code === 0x21 ||
    code === 0x3f ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x29 ||
    code === 0x5d
  );
}

/**
 * The word ending at `end` (punctuation and closing quotes after it skipped), within 40 characters.
 * The regex runs only from the last ASCII character before `end` that it could not match (a
 * space, usually): no match can cross that character, so the result is the same as matching the
 * whole window, without the regex trying each of its 40 start positions. Exported for its test.
 */
export function wordBefore(text: string, end: number): string {
  const windowStart = Math.max(0, end - WORD_BEFORE_WINDOW);
  let from = end;
  while (from > windowStart && maybeInWord(text.charCodeAt(from - 1))) from--;
  const m = WORD_BEFORE.exec(text.slice(from, end));
  return m ? m[1] : '';
}

function firstWordAfter(text: string, from: number): string {
  const m = /^\s+["'“‘(\[]?([\p{L}\p{N}]+)/u.exec(text.slice(from, from + 40));
  return m ? m[1] : '';
}

function isRealEnd(text: string, punctStart: number, punctEnd: number): boolean {
  const punct = text.slice(punctStart, punctEnd);
  if (!punct.startsWith('.')) return true; // "!" and "?" always end
  const before = wordBefore(text, punctStart + 1).replace(/\.$/, '');
  const last = before.split(/[.\-]/).pop() ?? '';
  if (ABBREVIATIONS.has(last.toLowerCase())) return false;
  if (/^\p{Lu}$/u.test(last)) {
    // "U.S." or an initial ("J. K. Rowling"): an end only before a sentence opener.
    return SENTENCE_OPENERS.has(firstWordAfter(text, punctEnd).toLowerCase()) && before.length > 1;
  }
  return true;
}

/** Splits a paragraph into sentences with offsets; no text is lost, the last sentence included. */
export function splitSentences(paragraph: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = paragraph.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) sentences.push({ text, start: start + lead, end: start + lead + text.length });
  };
  for (const m of paragraph.matchAll(CANDIDATE_END)) {
    const punctStart = m.index;
    const punctEnd = punctStart + m[0].length;
    const dotEnd = punctStart + (/^[.!?…]+/u.exec(m[0])?.[0].length ?? 1);
    if (!isRealEnd(paragraph, punctStart, dotEnd)) continue;
    push(punctEnd);
    start = punctEnd;
  }
  push(paragraph.length);
  return sentences;
}

/** A paragraph's text with its sentences split, as the search index takes it. */
export function withSentences(text: string): { text: string; sentences: Sentence[] } {
  return { text, sentences: splitSentences(text) };
}
