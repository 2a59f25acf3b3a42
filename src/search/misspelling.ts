// A reader's misspelling of an everyday word ("wich", "thier", "befor", "workng", "fundng"): the
// story's own words are tried first (fuzzy.ts); a word the story lacks and English doesn't know is
// then read as the English word one edit away. A misspelt stop word weighs nothing, instead of
// counting as a rare word the story never meets (which would argue "the story doesn't say").

import type { Lexicon } from './lexicon/index.js';
import { isStopWord, stemOnce } from './text.js';

/** Shorter words are left alone: one edit from a three-letter word reaches too many words (and names: "Tim"). */
const MIN_LENGTH = 4;
/** A content-word fix must be at least this common (SemCor count) and twice as common as the next candidate. */
const MIN_COUNT = 5;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export type EnglishFix = { stopWord: true } | { stopWord: false; term: string };

/** Every string one deletion, adjacent swap, substitution or insertion away from `word`. */
function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return out;
}

/**
 * The English reading of a lower-case word that is neither the story's nor an English word's
 * stem (`term` is its stem): a stop word one edit away wins (they are the commonest words);
 * otherwise the stem of the clearly commonest English word one edit away; else undefined.
 */
export function englishFix(word: string, term: string, words: Pick<Lexicon, 'count'>): EnglishFix | undefined {
  if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || isStopWord(word)) return undefined;
  const candidates = oneEditAway(word);
  const known = words.count(term);
  for (const c of candidates) {
    // "befor" stems as "before" does, so its stem looks English: a stop word's stem is not.
    if (c.length >= MIN_LENGTH && isStopWord(c) && (known === undefined || stemOnce(c) === term))
      return { stopWord: true };
  }
  if (known !== undefined) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  let second = 0;
  const seen = new Set<string>();
  for (const c of candidates) {
    const s = stemOnce(c);
    if (seen.has(s)) continue;
    seen.add(s);
    const count = words.count(s) ?? 0;
    if (count > bestCount) [second, bestCount, best] = [bestCount, count, s];
    else if (count > second) second = count;
  }
  return best !== undefined && bestCount >= MIN_COUNT && bestCount >= 2 * second
    ? { stopWord: false, term: best }
    : undefined;
}
