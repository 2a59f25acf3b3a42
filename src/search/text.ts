import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import stopwords from 'natural/lib/natural/util/stopwords.js';

/** One indexed word: its search term (stem) and where it stands in the source text. */
export interface Token {
  term: string;
  /** The word as written, e.g. `U.S.` or `2,500`. */
  surface: string;
  /** For a short lower-case word, the term it would be as an acronym ("nato" -> "nato."). */
  acronym?: string;
  start: number;
  end: number;
}

// A word: letters/digits joined by in-word punctuation, so that "U.S.", "2,500", "3.5",
// "al-Sudani" and "Iran's" are each one token before we split or clean them.
const WORD = /[\p{L}\p{N}]+(?:[.,'’\-‐‑][\p{L}\p{N}]+)*\.?/gu;
const DOTTED_ACRONYM = /^(?:\p{L}\.){2,}$/u;
const DIGITS_WITH_COMMAS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL = /^\d+\.\d+$/;
const POSSESSIVE = /['’]s?$/;
const COMBINING_MARKS = /\p{M}+/gu;
const PLAIN_ASCII_WORD = /^[A-Za-z]+$/;

// natural's list leaves out a few words that carry no topic in a question ("Will there be...").
const MORE_STOP_WORDS = ['will', 'shall', 'just', 'ever', 'please', 'yes'];
const STOP_WORDS: ReadonlySet<string> = new Set([...stopwords.words, ...MORE_STOP_WORDS]);
const stemCache = new Map<string, string>();

/** Lower-case, strip accents, so "Café" and "cafe" meet. */
export function fold(word: string): string {
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase(); // the common case: no accents to strip
  return word.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Porter stem with a cache: stories repeat words, and stemming dominates indexing time. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : PorterStemmer.stem(word);
    if (stemCache.size > 500_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Porter stem without the cache, for throwaway strings (the one-edit candidates of a misspelling). */
export function stemOnce(word: string): string {
  return stemCache.get(word) ?? PorterStemmer.stem(word);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// Acronyms ("U.S.", "US", "NATO") get a term of their own, marked with a final period, so
// that "US" never meets the stem of "use" ("us") and "IT" is not the stop word "it".
const ACRONYM_MARK = '.';

// Contractions: "didn't" is "did" + "not", "they're" is "they" + "are"; without this the stems
// "didn", "isn" and "won" ("won't") would be searched as if they were topic words.
const CONTRACTION = /^(.+?)(?:n['’]t|['’](?:re|ve|ll|d|m))$/i;
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = { wo: 'will', ca: 'can', sha: 'shall', ai: 'is' };

function withoutContraction(word: string): string {
  const m = CONTRACTION.exec(word);
  if (!m) return word;
  return IRREGULAR_NEGATIONS[m[1].toLowerCase()] ?? m[1];
}

/**
 * Splits one raw word into the plain words we index:
 * "U.S." -> "us", "2,500" -> "2500", "Iran's" -> "iran", "al-Sudani" -> "al", "sudani".
 * An all-caps or dotted acronym is kept even when it spells a stop word ("US", "IT").
 */
function plainWords(raw: string): { word: string; keep: boolean }[] {
  let w = raw.endsWith('.') && !DOTTED_ACRONYM.test(raw) ? raw.slice(0, -1) : raw;
  if (DOTTED_ACRONYM.test(w)) return [{ word: fold(w.replace(/\./g, '')) + ACRONYM_MARK, keep: true }];
  if (DIGITS_WITH_COMMAS.test(w)) return [{ word: w.replace(/,/g, ''), keep: true }];
  if (DECIMAL.test(w)) return [{ word: w, keep: true }];
  w = withoutContraction(w).replace(POSSESSIVE, '');
  const out: { word: string; keep: boolean }[] = [];
  for (const part of w.split(/[.,'’\-‐‑]+/)) {
    if (!part) continue;
    const acronym = part.length >= 2 && part.length <= 5 && part === part.toUpperCase() && /\p{Lu}/u.test(part);
    out.push({ word: fold(part) + (acronym ? ACRONYM_MARK : ''), keep: acronym });
  }
  return out;
}

/** Tokens of a text: stemmed terms with their surface form and offsets; stop words dropped. */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const surface = m[0];
    const start = m.index;
    if (PLAIN_ASCII_WORD.test(surface)) {
      // The common case, without plainWords' splitting: an ASCII word of letters only.
      const end = start + surface.length;
      if (surface.length >= 2 && surface.length <= 5 && surface === surface.toUpperCase()) {
        tokens.push({ term: surface.toLowerCase() + ACRONYM_MARK, surface, start, end });
        continue;
      }
      const word = surface.toLowerCase();
      if (word.length < 2 || isStopWord(word)) continue;
      const token: Token = { term: stem(word), surface, start, end };
      if (word.length <= 5) token.acronym = word + ACRONYM_MARK;
      tokens.push(token);
      continue;
    }
    for (const { word, keep } of plainWords(surface)) {
      const digits = /^\d+$/.test(word); // natural lists the digits 0-9 as stop words; "3 troops" needs them
      if (!keep && !digits && (isStopWord(word) || word.length < 2)) continue;
      if (keep) {
        tokens.push({ term: word, surface, start, end: start + surface.length });
        continue;
      }
      const token: Token = { term: stem(word), surface, start, end: start + surface.length };
      if (word.length >= 2 && word.length <= 5 && /^[a-z]+$/.test(word)) token.acronym = word + ACRONYM_MARK;
      tokens.push(token);
    }
  }
  return tokens;
}

/** Just the terms of {@link analyze}, in order. */
export function terms(text: string): string[] {
  return analyze(text).map((t) => t.term);
}

/** The terms one word (a match of WORD) gives, exactly as {@link analyze} gives them. */
function termsOfWord(surface: string): string[] {
  if (PLAIN_ASCII_WORD.test(surface)) {
    if (surface.length >= 2 && surface.length <= 5 && surface === surface.toUpperCase())
      return [surface.toLowerCase() + ACRONYM_MARK];
    const word = surface.toLowerCase();
    return word.length < 2 || isStopWord(word) ? [] : [stem(word)];
  }
  const out: string[] = [];
  for (const { word, keep } of plainWords(surface)) {
    const digits = /^\d+$/.test(word);
    if (!keep && !digits && (isStopWord(word) || word.length < 2)) continue;
    out.push(keep ? word : stem(word));
  }
  return out;
}

// WORD's characters, for the hand-written scan below: 1 for [\p{L}\p{N}], 2 for not, 0 not yet
// known (non-ASCII code units are classified on first sight, by the same Unicode property test).
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const charClass = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) charClass[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
// Surrogates are never letters alone; a pair is classified by its code point.
for (let c = 0xd800; c < 0xe000; c++) charClass[c] = 2;

/** The length (1 or 2 code units) of the WORD letter or digit at `i`, or 0 when there is none. */
function wordCharAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0;
  let k = charClass[c];
  if (k === 0) charClass[c] = k = WORD_CHAR.test(text[i]) ? 1 : 2;
  if (k === 1) return 1;
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < end) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low < 0xe000) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return 0;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Whether text[start ..] begins with `word` (a short word: a loop is cheaper than a call). */
function sameChars(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/** WORD's in-word joiners: . , ' ’ - ‐ ‑ */
function isJoiner(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2010 || c === 0x2011;
}

/**
 * {@link analyze} for indexing many texts: a word's terms depend on the word alone, so each
 * distinct word is analysed once and remembered (for as long as this analyser is kept: one
 * build). Gives the same terms, surfaces and offsets as analyze, without a Token object each.
 * Words are found by a scan equal to WORD's match (greedy, nothing after it is required, so it
 * never backtracks) and looked up by a hash of their characters, so a word seen before costs no
 * string of its own (at 200,000 paragraphs the regex and the strings were a third of a build).
 */
export class WordAnalyzer {
  private readonly surfaces: string[] = [];
  private readonly termsOf: (readonly string[])[] = [];
  private hashes = new Int32Array(1 << 12);
  /** Open addressing: word id + 1, or 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);

  /** Calls `visit` for each token of `text` in order, as analyze(text) lists them. */
  forEachToken(text: string, visit: (term: string, surface: string, start: number) => void): void {
    this.forEachWord(text, (terms, surface, start) => {
      for (const term of terms) visit(term, surface, start);
    });
  }

  /**
   * Calls `visit` for each word of `text` in order with its terms (none for a stop word) and a
   * number for the word (0, 1, 2 ... in order of first sight). The same word always comes with
   * the same number, terms array and surface string, so a caller can remember what it made of it.
   */
  forEachWord(
    text: string,
    visit: (terms: readonly string[], surface: string, start: number, word: number) => void,
  ): void {
    const end = text.length;
    let i = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      // Most characters between words are ASCII spaces and punctuation.
      if (c < 0x80 ? charClass[c] === 2 : wordCharAt(text, i, end) === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      // [\p{L}\p{N}]+ (?:[joiner][\p{L}\p{N}]+)* \.?
      for (;;) {
        while (i < end) {
          const k = text.charCodeAt(i);
          if (k < 0x80) {
            if (charClass[k] !== 1) break;
            h = Math.imul(h ^ k, FNV_PRIME);
            i++;
            continue;
          }
          const n = wordCharAt(text, i, end);
          if (n === 0) break;
          for (const stop = i + n; i < stop; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
        }
        if (i + 1 < end && isJoiner(text.charCodeAt(i)) && wordCharAt(text, i + 1, end) > 0) {
          h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
          i++;
          continue;
        }
        break;
      }
      if (i < end && text.charCodeAt(i) === 0x2e) {
        h = Math.imul(h ^ 0x2e, FNV_PRIME);
        i++;
      }
      const id = this.idOf(text, start, i, h);
      visit(this.termsOf[id], this.surfaces[id], start, id);
    }
  }

  /** The number of the word text[start, end) with hash h, analysed when first seen. */
  private idOf(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    let mask = this.slots.length - 1;
    let at = h & mask;
    for (let slot = this.slots[at]; slot !== 0; slot = this.slots[(at = (at + 1) & mask)]) {
      if (this.hashes[at] !== h) continue;
      const known = this.surfaces[slot - 1];
      if (known.length === length && sameChars(known, text, start)) return slot - 1;
    }
    const id = this.surfaces.length;
    const surface = text.slice(start, end);
    this.surfaces.push(surface);
    this.termsOf.push(termsOfWord(surface));
    this.slots[at] = id + 1;
    this.hashes[at] = h;
    if (this.surfaces.length * 2 > this.slots.length) {
      // Grow: place every word again in a table twice the size.
      const oldSlots = this.slots;
      const oldHashes = this.hashes;
      this.slots = new Int32Array(oldSlots.length * 2);
      this.hashes = new Int32Array(oldSlots.length * 2);
      mask = this.slots.length - 1;
      for (let k = 0; k < oldSlots.length; k++) {
        if (oldSlots[k] === 0) continue;
        let to = oldHashes[k] & mask;
        while (this.slots[to] !== 0) to = (to + 1) & mask;
        this.slots[to] = oldSlots[k];
        this.hashes[to] = oldHashes[k];
      }
    }
    return id;
  }
}
