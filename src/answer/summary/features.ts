// What the evidence says about one sentence's worth in a news summary: where it stands, what it
// states (names, figures, consequences, quotes), whether it reads on its own, and how central it
// is to the story. Each feature is a number in about 0..1; the weights that turn them into a
// sentence's value are learned (./weights.ts) from editors' summaries of other stories.
import type { Token } from '../../search/text.js';
import type { SimilarityMatrix } from './similarity.js';

/** The features, in the order of a feature row and of the weights. */
export const SUMMARY_FEATURES = [
  /** 1 / (1 + sentence's index in the story): the inverted pyramid. */
  'position',
  /** 1 / paragraph number. */
  'paragraph',
  /** Opens its paragraph (a wire story's paragraphs lead with their point). */
  'opensParagraph',
  /** Words, up to 40, / 40: a long sentence carries more, and costs more. */
  'length',
  /** Under 8 words ("The arithmetic is difficult."): rarely a fact of its own. */
  'fragment',
  /** Figures (numbers, amounts, scores), up to 4, / 4. */
  'figures',
  /** Share of content words that are names or figures (see factDensity). */
  'factDensity',
  /** Names and figures the lede does not already give, up to 4, / 4: new checkable facts. */
  'newFacts',
  /** Holds a quotation. */
  'quote',
  /** Opens inside a quotation, or continues one ("“We will rebuild.”"): the voice, not the news. */
  'quoteOpens',
  /** Leans on the sentence before ("He said…", "But…", "That risk…"): reads badly alone. */
  'dependent',
  /** What follows from the event: will, plans, expected, next, demands, deadline… */
  'consequence',
  /** How much of the story the sentence stands for: its similarity to all others, / the most. */
  'centrality',
  /** Similarity to the lede (the first sentence): restates it, or adds to it. */
  'ledeSimilarity',
  /** Likely summary words (see keywords.ts) the lede lacks, summed, / 5: what it adds. */
  'newKeywords',
  /** Likely summary words per word of the sentence: how concentrated its content is. */
  'keywordDensity',
] as const;

export type SummaryFeature = (typeof SUMMARY_FEATURES)[number];
export const FEATURE_COUNT = SUMMARY_FEATURES.length;

export interface SentencePlace {
  /** 0-based index of the sentence in the story. */
  index: number;
  /** 1-based paragraph number. */
  paragraph: number;
  /** 0-based position within the paragraph. */
  indexInParagraph: number;
}

const FIRST_WORD = /^\P{L}*\p{L}[\p{L}\p{N}'’.-]*/u;
const NON_ASCII_DIGIT = /\p{N}/u;

/** Where a sentence's first word ends: a capital before there only starts the sentence. */
export function firstWordEnd(sentence: string): number {
  return FIRST_WORD.exec(sentence)?.[0].length ?? 0;
}

/** Holds a digit (ASCII checked by code, anything else by Unicode class): "2,500", "15", "٣". */
export function hasDigit(word: string): boolean {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    if (c > 127) ascii = false;
  }
  return !ascii && NON_ASCII_DIGIT.test(word);
}

function startsCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const first = word[0];
  return first !== first.toLowerCase();
}

/** A figure ("2,500", "15") or, past the sentence's first word, a capitalised word (a name). */
export function isFactToken(token: Token, afterFirstWord: number): boolean {
  return hasDigit(token.surface) || (token.start >= afterFirstWord && startsCapitalised(token.surface));
}

/** The names and figures of a sentence, as terms. */
export function factWords(sentence: string, tokens: readonly Token[]): string[] {
  const after = firstWordEnd(sentence);
  return tokens.filter((t) => isFactToken(t, after)).map((t) => t.term);
}

/**
 * A sentence's names and figures (capitalised past the first word, or holding a digit): their
 * share of its content words ("Iraqi Prime Minister al-Sudani", "15 MoUs", "2,500" state
 * checkable facts; "talks will address more general topics" does not), and those of them not
 * in `known` (the lede's).
 */
export function factsOf(
  sentence: string,
  tokens: readonly Token[],
  known: ReadonlySet<string> = new Set(),
): { density: number; newFacts: number } {
  const after = firstWordEnd(sentence);
  const fresh = new Set<string>();
  let facts = 0;
  let surfaces = 0;
  let lastSurfaceStart = -1;
  for (const token of tokens) {
    const fact = isFactToken(token, after);
    if (fact && !known.has(token.term)) fresh.add(token.term);
    if (token.start === lastSurfaceStart) continue; // "al-Sudani" yields two terms, one name
    lastSurfaceStart = token.start;
    surfaces++;
    if (fact) facts++;
  }
  return { density: surfaces > 0 ? facts / surfaces : 0, newFacts: fresh.size };
}

/** Share of a sentence's content words that are names or figures (see factsOf). */
export const factDensity = (sentence: string, tokens: readonly Token[]): number => factsOf(sentence, tokens).density;

// A figure: digits, possibly with separators, a decimal part or a unit sign ("2,300", "£14.2", "7-6").
const FIGURE = /[$£€]?\d[\d,.:]*%?/g;
const OPENING_QUOTE = /^["“‘]/;
const FIRST_LETTERS = /^\P{L}*(\p{L}+)/u;
const ANY_QUOTE = /["“”]/;
// Words that make a sentence lean on the one before it when they open it.
const DEPENDENT_OPENERS = new Set(
  'he she it they his her its their this that these those there but and also however still yet so then such both'.split(
    ' ',
  ),
);
// What follows from the event: plans, expectations, demands and next steps.
const CONSEQUENCE =
  /\b(?:will|would|plans?|planned|expects?|expected|next|must|could|demand(?:s|ed)?|deadline|vow(?:s|ed)?|promis(?:e|es|ed)|threaten(?:s|ed)?|warn(?:s|ed)?|announced|called for|urged?)\b/i;

/** Part of a quotation that spans sentences: an odd number of straight quotes, or curly ones unpaired. */
function unbalancedQuote(text: string): boolean {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  return count(/"/g) % 2 === 1 || count(/“/g) !== count(/”/g);
}

/** Fewest words a sentence needs to be quoted on its own ("Pacific time." or "Wednesday." is a splitting slip). */
const MIN_STANDALONE_WORDS = 6;

/**
 * Whether a sentence can be quoted alone: enough words to state something, and not a piece of a
 * quotation that runs over several sentences (it would open or close a quote it does not hold).
 */
export function standsAlone(text: string): boolean {
  return hasWords(text, MIN_STANDALONE_WORDS) && !unbalancedQuote(text);
}

// A year ("2020", "1998") says when, not how much.
const YEAR = /^(?:19|20)\d\d$/;

/**
 * The figures a sentence gives as amounts: numbers written in digits ("2,500", "£14.2", "15",
 * "6.8%"), trailing punctuation dropped, years left out. Editors' summaries carry the story's key
 * numbers, and most key facts are numbers or names.
 */
export function quantities(text: string): string[] {
  const out: string[] = [];
  for (const match of text.match(FIGURE) ?? []) {
    const figure = match.replace(/[.,:]+$/, '');
    if (!YEAR.test(figure)) out.push(figure);
  }
  return out;
}

/**
 * Opens on its own: not inside a quotation ("“We will rebuild…”) and not leaning on the sentence
 * before ("He said…", "But…", "That risk…"). Quoted away from its neighbours, such a sentence
 * still reads right.
 */
export function opensOnItsOwn(text: string): boolean {
  if (OPENING_QUOTE.test(text)) return false;
  return !DEPENDENT_OPENERS.has(FIRST_LETTERS.exec(text)?.[1].toLowerCase() ?? '');
}

/** At least `count` words. */
function hasWords(text: string, count: number): boolean {
  return countWords(text, count) >= count;
}

/**
 * Words: runs of letters and digits, with in-word ' ’ . , - ("U.S.", "2,500", "al-Sudani" are one
 * each); counting stops at `limit`. A scan by character code: a Unicode regex is ten times slower.
 */
export function countWords(text: string, limit = Infinity): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words < limit; i++) {
    const c = text.charCodeAt(i);
    const alnum =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && isLetterOrDigit(text[i]));
    if (alnum) {
      if (!inWord) words++;
      inWord = true;
    } else if (!(inWord && IN_WORD.has(c) && i + 1 < text.length && isAlnumAt(text, i + 1))) {
      inWord = false;
    }
  }
  return words;
}

// ' ’ . , - between two letters or digits keep a word whole.
const IN_WORD = new Set([39, 0x2019, 46, 44, 45]);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isLetterOrDigit = (ch: string) => LETTER_OR_DIGIT.test(ch);
function isAlnumAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && isLetterOrDigit(text[i]));
}

/** One row of features for each sentence (row-major, FEATURE_COUNT per sentence). */
export function sentenceFeatures(
  texts: readonly string[],
  places: readonly SentencePlace[],
  tokens: readonly (readonly Token[])[],
  similarity: SimilarityMatrix,
  keywords: ReadonlyMap<string, number>,
): Float64Array {
  const n = texts.length;
  const rows = new Float64Array(n * FEATURE_COUNT);
  const { values, rowSums: centrality } = similarity;
  let mostCentral = 0;
  for (let i = 0; i < n; i++) mostCentral = Math.max(mostCentral, centrality[i]);
  const ledeFacts = new Set(n > 0 ? factWords(texts[0], tokens[0]) : []);
  const ledeTerms = new Set(n > 0 ? tokens[0].map((t) => t.term) : []);
  const at = (name: SummaryFeature) => SUMMARY_FEATURES.indexOf(name);
  const column = Object.fromEntries(SUMMARY_FEATURES.map((name) => [name, at(name)])) as Record<SummaryFeature, number>;
  for (let i = 0; i < n; i++) {
    const text = texts[i];
    const place = places[i];
    const words = countWords(text);
    const firstWord = FIRST_LETTERS.exec(text)?.[1].toLowerCase() ?? '';
    let likely = 0;
    let likelyNew = 0;
    for (const term of new Set(tokens[i].map((t) => t.term))) {
      const p = keywords.get(term) ?? 0;
      likely += p;
      if (!ledeTerms.has(term)) likelyNew += p;
    }
    const facts = factsOf(text, tokens[i], ledeFacts);
    const row = i * FEATURE_COUNT;
    rows[row + column.position] = 1 / (1 + place.index);
    rows[row + column.paragraph] = 1 / place.paragraph;
    rows[row + column.opensParagraph] = place.indexInParagraph === 0 ? 1 : 0;
    rows[row + column.length] = Math.min(words, 40) / 40;
    rows[row + column.fragment] = words < 8 ? 1 : 0;
    rows[row + column.figures] = Math.min(text.match(FIGURE)?.length ?? 0, 4) / 4;
    rows[row + column.factDensity] = facts.density;
    rows[row + column.newFacts] = i === 0 ? 0 : Math.min(facts.newFacts, 4) / 4;
    rows[row + column.quote] = ANY_QUOTE.test(text) ? 1 : 0;
    rows[row + column.quoteOpens] = OPENING_QUOTE.test(text) || unbalancedQuote(text) ? 1 : 0;
    rows[row + column.dependent] = DEPENDENT_OPENERS.has(firstWord) && !OPENING_QUOTE.test(text) ? 1 : 0;
    rows[row + column.consequence] = CONSEQUENCE.test(text) ? 1 : 0;
    rows[row + column.centrality] = mostCentral > 0 ? centrality[i] / mostCentral : 0;
    rows[row + column.ledeSimilarity] = i === 0 ? 1 : values[i];
    rows[row + column.newKeywords] = i === 0 ? 0 : likelyNew / 5;
    rows[row + column.keywordDensity] = words > 0 ? likely / words : 0;
  }
  return rows;
}
