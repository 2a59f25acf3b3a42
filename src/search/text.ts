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

/**
 * {@link analyze} for indexing many texts: a word's terms depend on the word alone, so each
 * distinct word is analysed once and remembered (for as long as this analyser is kept: one
 * build). Gives the same terms, surfaces and offsets as analyze, without a Token object each.
 */
export class WordAnalyzer {
  private readonly known = new Map<string, readonly string[]>();
  private readonly word = new RegExp(WORD.source, WORD.flags);

  /** Calls `visit` for each token of `text` in order, as analyze(text) lists them. */
  forEachToken(text: string, visit: (term: string, surface: string, start: number) => void): void {
    this.forEachWord(text, (terms, surface, start) => {
      for (const term of terms) visit(term, surface, start);
    });
  }

  /**
   * Calls `visit` for each word of `text` in order with its terms (none for a stop word). The
   * same word always comes with the same array, so a caller can remember what it made of it.
   */
  forEachWord(text: string, visit: (terms: readonly string[], surface: string, start: number) => void): void {
    const word = this.word;
    word.lastIndex = 0;
    for (let m = word.exec(text); m !== null; m = word.exec(text)) {
      const surface = m[0];
      let found = this.known.get(surface);
      if (found === undefined) this.known.set(surface, (found = termsOfWord(surface)));
      visit(found, surface, m.index);
    }
  }
}
