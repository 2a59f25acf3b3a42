// Candidate short answers of a paragraph: spans of its tagged tokens that could answer a
// question. wink gives the tags and the entities (dates, figures, money, ...); the phrases are
// cut by a small grammar over its tags, since wink's own pattern matcher finds only fixed-length,
// non-overlapping matches ("an American football" | "game"), and a short answer needs the nested
// ones too ("the National Football League", "National Football League", "League").
import type { TaggedToken, Tagged } from './tagging.js';
import {
  APPROXIMATORS,
  CLAUSE_MARKERS,
  PREPOSITIONS_IN_PHRASE,
  NAME_LINKS,
  POSSESSIVE_PRONOUNS,
} from './word-lists.js';

/** Where a candidate comes from (bits: one span can come from several). */
export const SOURCES = [
  'date',
  'time',
  'duration',
  'cardinal',
  'ordinal',
  'money',
  'percent',
  'entity',
  'nounPhrase',
  'nounTail',
  'nounHead',
  'ofPhrase',
  'prepPhrase',
  'coordinated',
  'properName',
  'adjective',
  'verbPhrase',
  'clause',
  'clauseWithMarker',
  'number',
  'year',
  'quoted',
] as const;
export type Source = (typeof SOURCES)[number];
const BIT = Object.fromEntries(SOURCES.map((s, i) => [s, 1 << i])) as Record<Source, number>;

/** A span of tokens `first..last` (inclusive) within one sentence. */
export interface Candidate {
  first: number;
  last: number;
  sentence: number;
  sources: number;
}

/** Longest candidate, in tokens: SQuAD's answers average about three words; a quote may be longer. */
export const MAX_CANDIDATE_TOKENS = 16;
const MAX_QUOTE_TOKENS = 30;

const ENTITY_SOURCE: Record<string, Source> = {
  DATE: 'date',
  TIME: 'time',
  DURATION: 'duration',
  CARDINAL: 'cardinal',
  ORDINAL: 'ordinal',
  MONEY: 'money',
  PERCENT: 'percent',
};
const ENTITY_SOURCES: ReadonlySet<Source> = new Set(Object.values(ENTITY_SOURCE));
type Pos = TaggedToken['pos'];
const NOMINAL: ReadonlySet<Pos> = new Set<Pos>(['NOUN', 'PROPN', 'NUM']);

function isWord(t: TaggedToken | undefined): boolean {
  return t !== undefined && t.pos !== 'PUNCT' && t.pos !== 'SPACE';
}

/** Inside a noun phrase: modifiers and nouns, a hyphen joining words, a possessive "'s". */
function inNounPhrase(tokens: readonly TaggedToken[], i: number): boolean {
  const t = tokens[i];
  switch (t.pos) {
    case 'ADJ':
    case 'NOUN':
    case 'PROPN':
    case 'NUM':
      return true;
    case 'SYM':
      return t.text !== '=' && t.text !== '+';
    case 'PART':
      return (t.lower === "'s" || t.lower === '’s') && t.attached;
    case 'PUNCT':
      // "19th-century", "long-term": a hyphen or slash between two words, with no spaces.
      return (
        (t.text === '-' || t.text === '/' || t.text === '–') &&
        t.attached &&
        tokens[i + 1]?.attached === true &&
        isWord(tokens[i + 1])
      );
    case 'ADV':
      // "very large", "approximately 2,500": an adverb before a modifier.
      return tokens[i + 1] !== undefined && (tokens[i + 1].pos === 'ADJ' || tokens[i + 1].pos === 'NUM');
    case 'VERB':
      // "armed groups", "the governing body": a participle before a noun.
      return (
        tokens[i + 1] !== undefined &&
        (tokens[i + 1].pos === 'NOUN' || tokens[i + 1].pos === 'PROPN') &&
        /(?:ed|ing)$/.test(t.lower)
      );
    default:
      return false;
  }
}

function startsNounPhrase(tokens: readonly TaggedToken[], i: number): boolean {
  const t = tokens[i];
  if (t.pos === 'DET') return true;
  if (t.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(t.lower)) return true;
  return inNounPhrase(tokens, i) && t.pos !== 'PART' && t.pos !== 'PUNCT';
}

class CandidateSet {
  private readonly byKey = new Map<number, Candidate>();
  constructor(
    private readonly tokens: readonly TaggedToken[],
    private readonly sentenceOf: Int32Array,
  ) {}

  add(first: number, last: number, source: Source): void {
    const { tokens } = this;
    // Never start or end on punctuation, a bare hyphen or a dangling possessive.
    // Clauses keep their marker ("because of ..."), verb phrases their "to", figures their "about".
    const marked =
      source === 'clauseWithMarker' || source === 'verbPhrase' || source === 'number' || ENTITY_SOURCES.has(source);
    while (
      first <= last &&
      (!isWord(tokens[first]) ||
        (!marked && (tokens[first].pos === 'PART' || tokens[first].pos === 'CCONJ' || tokens[first].pos === 'ADP')))
    )
      first++;
    // A quote or clause may end on a particle ("let our customers down"); a phrase may not ("the city of").
    const whole = source === 'quoted' || source === 'clause' || source === 'clauseWithMarker';
    while (
      last >= first &&
      (!isWord(tokens[last]) ||
        tokens[last].pos === 'CCONJ' ||
        tokens[last].pos === 'DET' ||
        (!whole && tokens[last].pos === 'ADP'))
    )
      last--;
    if (first > last || last - first + 1 > (source === 'quoted' ? MAX_QUOTE_TOKENS : MAX_CANDIDATE_TOKENS)) return;
    if (this.sentenceOf[first] !== this.sentenceOf[last]) return;
    const key = first * 65536 + last;
    const known = this.byKey.get(key);
    if (known) known.sources |= BIT[source];
    else this.byKey.set(key, { first, last, sentence: this.sentenceOf[first], sources: BIT[source] });
  }

  list(): Candidate[] {
    return [...this.byKey.values()].sort((a, b) => a.first - b.first || a.last - b.last);
  }
}

interface Phrase {
  first: number;
  last: number;
}

/** Maximal noun phrases: an optional determiner, modifiers, ending in a noun, name or figure. */
function nounPhrases(tokens: readonly TaggedToken[], sentenceOf: Int32Array): Phrase[] {
  const phrases: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!startsNounPhrase(tokens, i)) {
      i++;
      continue;
    }
    const first = i;
    let j = i + 1;
    while (j < tokens.length && sentenceOf[j] === sentenceOf[first] && inNounPhrase(tokens, j)) j++;
    let last = j - 1;
    while (
      last >= first &&
      !NOMINAL.has(tokens[last].pos) &&
      !(tokens[last].pos === 'SYM' && tokens[last].text === '%')
    )
      last--;
    if (last >= first) phrases.push({ first, last });
    i = Math.max(j, i + 1);
  }
  return phrases;
}

/** Runs of proper nouns, with the small words names hold ("University of Chicago", "Levi's Stadium"). */
function properNames(tokens: readonly TaggedToken[]): Phrase[] {
  const names: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i].pos !== 'PROPN') {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j];
      if (t.pos === 'PROPN' || (t.pos === 'NUM' && tokens[j - 1].pos === 'PROPN')) {
        last = j;
        j++;
      } else if (NAME_LINKS.has(t.lower) && j + 1 < tokens.length) {
        // A link word counts only when a name follows it ("of the", "and").
        let k = j + 1;
        while (k < tokens.length && k - j < 3 && NAME_LINKS.has(tokens[k].lower)) k++;
        if (tokens[k]?.pos === 'PROPN') j = k;
        else break;
      } else break;
    }
    names.push({ first: i, last });
    i = last + 1;
  }
  return names;
}

/** The candidate spans of a tagged paragraph; `sentenceOf[i]` is token i's sentence. */
export function candidatesOf(tagged: Tagged, sentenceOf: Int32Array): Candidate[] {
  const { tokens, entities } = tagged;
  const set = new CandidateSet(tokens, sentenceOf);

  for (const e of entities) {
    const source = ENTITY_SOURCE[e.type] ?? 'entity';
    set.add(e.first, e.last, source);
    let first = e.first;
    while (first < e.last && APPROXIMATORS.has(tokens[first].lower)) first++;
    if (first > e.first) set.add(first, e.last, source);
  }

  const phrases = nounPhrases(tokens, sentenceOf);
  for (const p of phrases) {
    set.add(p.first, p.last, 'nounPhrase');
    // Tails: "American football game" -> "football game" -> "game".
    for (let k = p.first + 1; k <= p.last; k++) {
      if (tokens[k].attached || tokens[k].pos === 'PART') continue;
      set.add(k, p.last, k === p.last ? 'nounHead' : 'nounTail');
    }
    // Heads: "Levi's Stadium" from "Levi's Stadium parking", and the owner before a possessive.
    for (let k = p.first; k < p.last; k++) {
      if (
        (tokens[k + 1].pos === 'PART' || tokens[k].pos === 'NUM' || tokens[k].pos === 'PROPN') &&
        NOMINAL.has(tokens[k].pos)
      )
        set.add(p.first, k, 'nounTail');
    }
  }
  // "the champion of the National Football League", "Levi's Stadium in Santa Clara", "X and Y".
  for (let a = 0; a + 1 < phrases.length; a++) {
    const p = phrases[a];
    const q = phrases[a + 1];
    const link = tokens[p.last + 1];
    if (!link || q.first !== p.last + 2) continue;
    if (link.lower === 'of') {
      set.add(p.first, q.last, 'ofPhrase');
      const r = phrases[a + 2];
      if (r && tokens[q.last + 1]?.lower === 'of' && r.first === q.last + 2) set.add(p.first, r.last, 'ofPhrase');
    } else if (PREPOSITIONS_IN_PHRASE.has(link.lower)) set.add(p.first, q.last, 'prepPhrase');
    else if (link.pos === 'CCONJ' || link.text === ',') {
      // "Denver Broncos and Carolina Panthers", "Iran, Iraq and Syria".
      if (link.pos === 'CCONJ') set.add(p.first, q.last, 'coordinated');
      else {
        const r = phrases[a + 2];
        if (r && tokens[q.last + 1]?.pos === 'CCONJ' && r.first === q.last + 2) set.add(p.first, r.last, 'coordinated');
        else if (r && tokens[q.last + 1]?.text === ',' && tokens[q.last + 2]?.pos === 'CCONJ' && r.first === q.last + 3)
          set.add(p.first, r.last, 'coordinated');
      }
    }
  }

  for (const n of properNames(tokens)) set.add(n.first, n.last, 'properName');

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos === 'ADJ' && !NOMINAL.has(tokens[i + 1]?.pos ?? 'X')) {
      set.add(i, i, 'adjective');
      if (tokens[i - 1]?.pos === 'ADV') set.add(i - 1, i, 'adjective');
    }
    if (t.pos === 'NUM') {
      set.add(i, i, /^(?:1\d{3}|20\d{2})s?$/.test(t.text) ? 'year' : 'number');
      if (tokens[i + 1]?.pos === 'NOUN') set.add(i, i + 1, 'number');
      // "at least 23", "more than 300", "about 2,500".
      let k = i;
      while (k > 0 && i - k < 3 && sentenceOf[k - 1] === sentenceOf[i] && APPROXIMATORS.has(tokens[k - 1].lower)) k--;
      if (k < i) set.add(k, i, 'number');
    }
    if (t.pos === 'VERB') {
      // The verb and what it governs: "to determine the champion", "won the prize".
      let j = i + 1;
      while (j < tokens.length && (tokens[j].pos === 'PART' || tokens[j].pos === 'ADV') && j - i < 3) j++;
      if (tokens[j]?.pos === 'ADP') j++;
      const object = phrases.find((p) => p.first === j);
      if (object) {
        const start = tokens[i - 1]?.lower === 'to' ? i - 1 : i;
        set.add(start, object.last, 'verbPhrase');
        set.add(i, object.last, 'verbPhrase');
        const of = phrases.find((p) => p.first === object.last + 2);
        if (of && tokens[object.last + 1]?.lower === 'of') set.add(i, of.last, 'verbPhrase');
      } else set.add(i, i, 'verbPhrase');
    }
    if (CLAUSE_MARKERS.has(t.lower) && (t.pos === 'SCONJ' || t.pos === 'ADP' || t.pos === 'PART')) {
      // A clause from its marker to the next comma, semicolon or sentence end ("because of heavy storms").
      let end = i + 1;
      while (
        end < tokens.length &&
        sentenceOf[end] === sentenceOf[i] &&
        !/^[,;:.!?()"“”—]$/.test(tokens[end].text) &&
        end - i <= MAX_CANDIDATE_TOKENS
      )
        end++;
      if (end - 1 > i && end - i <= MAX_CANDIDATE_TOKENS) {
        set.add(i + 1, end - 1, 'clause');
        set.add(i, end - 1, 'clauseWithMarker');
      }
    }
    if (t.text === '"' || t.text === '“') {
      // A quoted title or phrase: "the campaign “Build Back Better”".
      let end = i + 1;
      while (end < tokens.length && end - i <= MAX_QUOTE_TOKENS && tokens[end].text !== '"' && tokens[end].text !== '”')
        end++;
      if (end < tokens.length && end - i <= MAX_QUOTE_TOKENS) {
        set.add(i + 1, end - 1, 'quoted');
        // And each of its clauses: a reader quotes the words that answer, not the whole quote.
        let from = i + 1;
        for (let k = i + 1; k <= end; k++) {
          if (k === end || /^[,;:.!?—]$/.test(tokens[k].text)) {
            if (from > i + 1 || k < end) set.add(from, k - 1, 'quoted');
            from = k + 1;
          }
        }
      }
    }
  }
  return set.list();
}
