// Query expansion: the question's stems, and the index terms that stand for each of them (the
// word itself, its acronym form, typo fixes, spelling variants, related words, acronyms the
// story defines), plus the index terms near each by word vectors.

import type { IndexOptions, RelatedTerm } from './options.js';
import type { Postings } from './postings.js';
import { TypoMatcher } from './fuzzy.js';
import { englishFix, type EnglishFix } from './misspelling.js';
import { isShouted, normalizeQuestion, SHORT_FORMS } from './question.js';
import { spellingVariants } from './spelling.js';
import { analyze, fold, stem } from './text.js';
import { NO_NEIGHBOUR } from './vectors/format.js';

/** A query term after expansion: the words asked, typo fixes and related words. */
export interface QueryTerm {
  /** Index of the term in the index's vocabulary. */
  id: number;
  term: string;
  weight: number;
  /** The query word (stem) it stands for. */
  of: string;
  /** How far (0..1) finding this term shows that the question's word is in the text. */
  credit: number;
  /** A related word rather than the word asked (or its typo fix). */
  related: boolean;
}

/** An index term near a question word by word vectors, and the credit it gives that word. */
export interface NearTerm {
  id: number;
  /** Credit within one sentence (looser) and across the paragraph: 0 at the floor, 1 at cosine 1. */
  inSentence: number;
  inParagraph: number;
}

// Stems of words that phrase a question rather than name its topic ("What is another name for...",
// "What is X known as?"): they match too much to count as much as the topic words.
const QUESTION_PHRASING = new Set([
  'name',
  'call',
  'known',
  'describ',
  'type',
  'kind',
  'mean',
  'refer',
  'term',
  'exampl',
  'consid',
  'use',
  'includ',
  'tell',
  'last',
  'happen',
  'els',
]);

// In "how long/far/old ...", the adjective names the kind of answer, not the topic.
const HOW_ADJECTIVE = /\b(how)\s+(?:long|far|old|large|big|tall|high|often|fast|deep|wide|heavy|soon)\b/gi;

// Word-vector nearness counts from these cosines up (0 below, 1 at 1): looser within a sentence,
// where the other words already vouch for the place.
const NEAR_PARAGRAPH_FLOOR = 0.5;
const NEAR_SENTENCE_FLOOR = 0.35;

/** A related word this short may also be written as an acronym ("america" -> "US"). */
const ACRONYM_MAX_LENGTH = 5;

/** Per-stem caches are dropped when they reach this size (a long-running bot sees many words). */
const CACHE_LIMIT = 20_000;

/** The question's words, read and expanded against one index. */
export class QueryExpander {
  private typos?: TypoMatcher;
  private readonly standIns = new Map<string, readonly QueryTerm[]>();
  private readonly nearTermsCache = new Map<string, readonly NearTerm[]>();
  private readonly askedWeights = new Map<string, number>();
  /** English readings of misspelt words (misspelling.ts), by word; undefined: none. */
  private readonly fixes = new Map<string, EnglishFix | undefined>();
  /** Index term of each word-vector row (-1: none), and of its acronym form ("us." for "us"). */
  private readonly termOfRow?: Int32Array;
  private readonly acronymOfRow?: Int32Array;

  constructor(
    private readonly postings: Postings,
    private readonly options: IndexOptions,
    termRows?: Int32Array,
  ) {
    const vectors = options.vectors;
    if (vectors && termRows) {
      const termOfRow = new Int32Array(vectors.size).fill(-1);
      const acronymOfRow = new Int32Array(vectors.size).fill(-1);
      termRows.forEach((row, id) => {
        if (row < 0) return;
        if (postings.termList[id].endsWith('.')) acronymOfRow[row] = id;
        else termOfRow[row] = id;
      });
      this.termOfRow = termOfRow;
      this.acronymOfRow = acronymOfRow;
    }
  }

  /**
   * The question's stems (with repeats merged), the index terms that stand for them, and the
   * stems it writes as names (never read as misspellings).
   */
  expand(query: string): { asked: Map<string, number>; terms: QueryTerm[]; named: Set<string> } {
    const asked = new Map<string, number>();
    const acronyms = new Map<string, string>();
    const words = new Map<string, string>();
    const named = namedWords(query);
    for (const token of analyze(normalizeQuestion(query).replace(HOW_ADJECTIVE, 'how'))) {
      const { acronym } = token;
      const word = fold(token.surface).replace(/['’]s?$|\.$/g, '');
      const fix = named.has(token.term) ? undefined : this.englishFixOf(token.term, acronym, word);
      if (fix?.stopWord) continue; // "wich", "thier": no topic to search for
      const term = fix ? fix.term : token.term;
      asked.set(term, (asked.get(term) ?? 0) + 1);
      if (acronym && !fix) acronyms.set(term, acronym);
      if (!words.has(term)) words.set(term, fix ? term : word);
    }
    const best = new Map<number, QueryTerm>();
    for (const term of asked.keys()) {
      for (const q of this.standInsFor(term, acronyms.get(term), words.get(term) ?? term)) {
        const prev = best.get(q.id);
        if (!prev || prev.weight < q.weight) best.set(q.id, q);
      }
    }
    return { asked, terms: [...best.values()], named };
  }

  /**
   * A misspelling of an everyday word that the story lacks in every form (itself, acronym, short
   * form, other spelling, a typo of the story's own words): its English reading (misspelling.ts).
   */
  private englishFixOf(term: string, acronym: string | undefined, word: string): EnglishFix | undefined {
    const lexicon = this.options.words;
    const { vocabulary } = this.postings;
    if (!lexicon || vocabulary.has(term) || (acronym !== undefined && vocabulary.has(acronym))) return undefined;
    if (this.fixes.has(word)) return this.fixes.get(word);
    let fix: EnglishFix | undefined;
    const storyForm =
      SHORT_FORMS[word] !== undefined ||
      spellingVariants(word).some((v) => vocabulary.has(stem(v))) ||
      (lexicon.count(term) === undefined && this.typoMatcher().near(term).length > 0);
    if (!storyForm) fix = englishFix(word, term, lexicon);
    if (this.fixes.size >= CACHE_LIMIT) this.fixes.clear();
    this.fixes.set(word, fix);
    return fix;
  }

  private typoMatcher(): TypoMatcher {
    return (this.typos ??= new TypoMatcher(this.postings.termList));
  }

  /** How much an asked word counts: less for everyday words and words that phrase the question than for its topic. */
  askedWeight(term: string): number {
    let weight = this.askedWeights.get(term);
    if (weight === undefined) {
      const count = this.options.words?.count(term) ?? 0;
      const damping = 1 / (1 + this.options.commonWordDamping * Math.log1p(count));
      weight = damping * (QUESTION_PHRASING.has(term) ? this.options.questionWordWeight : 1);
      if (this.askedWeights.size >= CACHE_LIMIT) this.askedWeights.clear();
      this.askedWeights.set(term, weight);
    }
    return weight;
  }

  /**
   * Index terms near a stem by word vectors (cosine above the sentence floor), with acronym forms
   * of short ones ("america" -> "US"). Depends only on the stem, so it is cached.
   */
  nearTerms(term: string): readonly NearTerm[] {
    const cached = this.nearTermsCache.get(term);
    if (cached) return cached;
    const found: NearTerm[] = [];
    const vectors = this.options.vectors;
    const row = vectors ? vectors.row(term) : -1;
    if (vectors && row >= 0 && this.termOfRow && this.acronymOfRow) {
      const { perStem, rows, cosines } = vectors.neighbours;
      for (let k = row * perStem; k < (row + 1) * perStem && rows[k] !== NO_NEIGHBOUR; k++) {
        const cosine = cosines[k] / 100;
        if (cosine <= NEAR_SENTENCE_FLOOR) break;
        const inSentence = (cosine - NEAR_SENTENCE_FLOOR) / (1 - NEAR_SENTENCE_FLOOR);
        const inParagraph = Math.max(0, (cosine - NEAR_PARAGRAPH_FLOOR) / (1 - NEAR_PARAGRAPH_FLOOR));
        const id = this.termOfRow[rows[k]];
        if (id >= 0) found.push({ id, inSentence, inParagraph });
        const acronym = this.acronymOfRow[rows[k]];
        if (acronym >= 0) found.push({ id: acronym, inSentence, inParagraph });
      }
    }
    if (this.nearTermsCache.size >= CACHE_LIMIT) this.nearTermsCache.clear();
    this.nearTermsCache.set(term, found);
    return found;
  }

  /**
   * Related terms of a stem, and the strong relations of its strong relations ("american" ->
   * "america" -> "us"), weighted by the product of the two links.
   */
  private relatedOf(term: string): RelatedTerm[] {
    const words = this.options.words;
    if (!words) return [];
    const out: RelatedTerm[] = [...words.related(term)];
    const strong = this.options.secondHopMinWeight;
    if (strong > 1) return out;
    for (const r of words.related(term)) {
      if (r.weight < strong) continue;
      for (const r2 of words.related(r.term)) {
        if (r2.weight >= strong && r2.term !== term) out.push({ term: r2.term, weight: r.weight * r2.weight });
      }
    }
    return out;
  }

  /**
   * The index terms that stand for one question stem: itself, its acronym form, typo fixes and
   * related words, each with its weight. Depends only on the stem, so it is cached.
   */
  private standInsFor(term: string, acronym: string | undefined, word: string): readonly QueryTerm[] {
    const key = `${term} ${acronym ?? ''} ${word}`;
    const cached = this.standIns.get(key);
    if (cached) return cached;
    const { vocabulary, definedAs } = this.postings;
    const found = new Map<number, QueryTerm>();
    const add = (candidate: string, weight: number, credit: number, related = false) => {
      const id = vocabulary.get(candidate);
      if (id === undefined) return;
      const prev = found.get(id);
      if (!prev || prev.weight < weight) found.set(id, { id, term: candidate, weight, of: term, credit, related });
    };
    const { typoWeight, relatedWeight } = this.options;
    const weight = this.askedWeight(term);
    // A word typed in lower case may be an acronym the story writes in capitals ("nato").
    if (acronym !== undefined) add(acronym, weight, 1);
    const shortForm = SHORT_FORMS[word];
    if (vocabulary.has(term)) add(term, weight, 1);
    else if (shortForm !== undefined && !(acronym !== undefined && vocabulary.has(acronym))) {
      // "govt", "PM": the story spells it out. Each word of the long form stands in fully.
      for (const t of analyze(shortForm)) add(t.term, weight, 1);
    } else {
      // "harbour" for the story's "harbor": the same word, spelt the other side of the Atlantic.
      for (const variant of spellingVariants(word)) add(stem(variant), weight, 1);
      if (this.options.words?.count(term) === undefined) {
        for (const near of this.typoMatcher().near(term)) add(near, typoWeight * weight, typoWeight);
      }
    }
    for (const r of this.relatedOf(term)) {
      if (r.weight >= this.options.sameWordWeight) {
        // Another form of the same word ("ran" for "run", "children" for "child"): the word itself.
        add(r.term, weight, 1);
        continue;
      }
      const credit = Math.min(1, r.weight);
      add(r.term, r.weight * relatedWeight * weight, credit, true);
      if (r.term.length <= ACRONYM_MAX_LENGTH) add(r.term + '.', r.weight * relatedWeight * weight, credit, true); // "america" -> "US"
    }
    // An acronym the story defines ("memoranda of understanding (MoUs)"): either form is the word.
    for (const defined of definedAs.get(term) ?? []) add(defined, weight, 1);
    if (acronym !== undefined) for (const defined of definedAs.get(acronym) ?? []) add(defined, weight, 1);
    const standIns = [...found.values()];
    if (this.standIns.size >= CACHE_LIMIT) this.standIns.clear();
    this.standIns.set(key, standIns);
    return standIns;
  }
}

/** Stems of the words a question writes with a capital after its first word: names. */
export function namedWords(query: string): Set<string> {
  const named = new Set<string>();
  if (isShouted(query)) return named;
  for (const token of analyze(query)) {
    const first = token.surface.charCodeAt(0);
    if (token.start > 0 && first >= 65 && first <= 90 && /^\s*\S/.test(query.slice(0, token.start)))
      named.add(token.term);
  }
  return named;
}
