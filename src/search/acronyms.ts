// Acronyms a story defines for itself: "memoranda of understanding (MoUs)", "the Nursing and
// Midwifery Union (NMU)". A reader may ask in either form and the story may use the other later
// ("around 15 MoUs would be finalized"), so each form stands in for the other in that story only.

import { analyze, isStopWord } from './text.js';

// Up to six words, then the acronym in brackets: capitals, maybe lower-case letters and a plural s.
const DEFINITION = /((?:[\p{L}][\p{L}'’-]*\s+){1,8})\(([A-Z][A-Za-z&]{1,7})\)/gu;

/** One acronym the text defines: its term, and the terms of the words it stands for. */
export interface AcronymDefinition {
  acronym: string;
  expansion: string[];
}

// DEFINITION's bracketed end alone: without it nowhere in the text, DEFINITION cannot match, and
// the test is far cheaper than DEFINITION's search (which tries up to eight words before every
// word: a third of a 20k-paragraph build went there).
const BRACKETED_ACRONYM = /\([A-Z][A-Za-z&]{1,7}\)/;

const BRACKETED_ACRONYMS = new RegExp(BRACKETED_ACRONYM.source, 'g');
// What DEFINITION's words and the spaces between them are made of (surrogates kept: they may be
// halves of a letter).
const IN_DEFINITION = /[\p{L}'’\-\s]/u;

function inDefinition(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x27 || c === 0x2d || /\s/.test(text[i]);
  return (c >= 0xd800 && c <= 0xdfff) || IN_DEFINITION.test(text[i]);
}

/**
 * DEFINITION's matches, as `text.matchAll(DEFINITION)` gives them, without trying it at every
 * word: a match is words and spaces only, up to its bracket, so none starts before the run of
 * such characters that ends at the next bracketed acronym; the search starts at that run.
 */
export function* definitionMatches(text: string): Generator<RegExpExecArray> {
  const definition = new RegExp(DEFINITION.source, DEFINITION.flags);
  const brackets = new RegExp(BRACKETED_ACRONYMS.source, BRACKETED_ACRONYMS.flags);
  let from = 0;
  for (;;) {
    brackets.lastIndex = from;
    const bracket = brackets.exec(text);
    if (!bracket) return;
    let run = bracket.index;
    while (run > from && inDefinition(text, run - 1)) run--;
    definition.lastIndex = run;
    const m = definition.exec(text);
    if (!m) return;
    yield m;
    from = m.index + m[0].length;
  }
}

/** The acronyms a text defines, where the capitals match the initials of the words before them. */
export function acronymDefinitions(text: string): AcronymDefinition[] {
  if (!BRACKETED_ACRONYM.test(text)) return [];
  const out: AcronymDefinition[] = [];
  for (const m of definitionMatches(text)) {
    const capitals = m[2].replace(/[^A-Z]/g, '');
    const words = m[1]
      .trim()
      .split(/\s+/)
      .filter((w) => !isStopWord(w.toLowerCase()));
    if (capitals.length < 2 || words.length < capitals.length) continue;
    const defined = words.slice(words.length - capitals.length);
    const initials = defined.map((w) => w[0].toUpperCase()).join('');
    if (initials !== capitals) continue;
    const acronym = analyze(m[2])[0]?.term;
    const expansion = analyze(defined.join(' ')).map((t) => t.term);
    if (acronym && expansion.length > 0) out.push({ acronym, expansion });
  }
  return out;
}
