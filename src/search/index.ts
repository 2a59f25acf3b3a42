import { splitSentences } from '../story/sentences.js';
import { AnswerKind, answerKindsOf, askedKind, asksCount } from './answer-type.js';
import { acronymDefinitions } from './acronyms.js';
import { askedFactKinds, CHECKABLE_KINDS, FactKind, factSpans, isYesNoQuestion, type FactSpan } from './fact-kinds.js';
import { TypoMatcher } from './fuzzy.js';
import { FEATURE, FEATURE_COUNT, normalizeFeatures, RERANK_FEATURES, rerankShares, rerankWeightVector, SENTENCE, SENTENCE_FEATURE_COUNT, sentenceWeightVector, steerToAskedKind } from './rerank-model.js';
import { RERANK_WEIGHTS, SENTENCE_WEIGHTS } from './rerank-weights.js';
import { isShouted, normalizeQuestion, SHORT_FORMS } from './question.js';
import { spellingVariants } from './spelling.js';
import { analyze, fold, stem } from './text.js';
import type { WordVectors } from './vectors/load.js';
import { NO_NEIGHBOUR } from './vectors/format.js';
import { IndexSemantics } from './vectors/similarity.js';

/** A word related to a query term (e.g. a WordNet synonym), with a weight in (0, 1]. */
export interface RelatedTerm {
  term: string;
  weight: number;
}

/** What the search may know about English words beyond the story (e.g. from WordNet). */
export interface WordKnowledge {
  /** Stems related to a stem, best first. */
  related(term: string): ReadonlyArray<RelatedTerm>;
  /** How common the word is in general English (a corpus count), or undefined if not an English word. */
  count(term: string): number | undefined;
}

/** Tuning knobs; every default is set in {@link DEFAULT_OPTIONS}, chosen by measurement (bench/quality). */
export interface IndexOptions {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation (0 = none, 1 = full). */
  b: number;
  /** How many BM25 leaders are re-ranked with sentence-level evidence (up to 2,000 documents; 2x at 20,000, 3x at 200,000). */
  rerankDepth: number;
  /** Ranges (a story) of at most this many paragraphs are re-ranked whole, not only their BM25 leaders. */
  rerankAllUpTo: number;
  /** Weight of the best sentence's match score in a paragraph's final score. */
  sentenceWeight: number;
  /** Boost to a sentence per extra distinct query word it holds (matches that cluster). */
  concentration: number;
  /** Weight of words that phrase a question rather than its topic ("name", "called", "known"). */
  questionWordWeight: number;
  /** Length normalisation of sentence scores (0 = none, 1 = full), like BM25's b. */
  sentenceLengthNorm: number;
  /** How many words apart two question words may stand to count as a pair. */
  pairWindow: number;
  /** Weight of query word pairs found close together in a sentence. */
  pairWeight: number;
  /** Weight of a typo-corrected term relative to an exact one. */
  typoWeight: number;
  /** Bonus to a matching sentence that can give the kind of answer asked ("when" -> a date). */
  answerKindBonus: number;
  /**
   * A related word found in more documents than this many (or this share of all) is not
   * searched for in the first pass, only counted in the re-rank: speed at scale.
   */
  relatedMaxPostings: number;
  relatedMaxShare: number;
  /** Least weight of both links for a related word's related word to count (above 1 = never). */
  secondHopMinWeight: number;
  /** A related word of at least this lexicon weight is another form of the same word: it counts as the word. */
  sameWordWeight: number;
  /** A related word of at least this lexicon weight counts as fully present for coverage. */
  relatedFullCredit: number;
  /** Share of the score a paragraph loses when a "how many" question finds no figure in its matching sentences. */
  answerKindPenalty: number;
  /** Multiplier on related-term weights (synonyms count less than the words asked). */
  relatedWeight: number;
  /**
   * How much general commonness lowers a question word's weight: 1 / (1 + c * ln(1 + count)).
   * A story's own idf cannot tell that "year" or "first" are everyday words; a corpus count can.
   */
  commonWordDamping: number;
  /**
   * Word knowledge for related terms, commonness and telling typos from real words ("bake" is
   * a word, not a typo of "base"); without it no related terms are used and any unknown word
   * may be a typo.
   */
  words?: WordKnowledge;
  /** Word vectors: nearness of words and of sentences to the question, for the re-rank. */
  vectors?: WordVectors;
  /** Weights of the re-rank's linear model, one per {@link RERANK_FEATURES} entry. */
  rerankWeights: readonly number[];
  /** Weights of the sentence model, one per {@link SENTENCE_FEATURES} entry. */
  sentenceWeights: readonly number[];
  /** Quote the sentence the sentence model picks (else the best match, or its neighbour with the asked figure). */
  learnedSentence: boolean;
  /** Which sentence the paragraph's "fact in the best sentence" evidence looks at. */
  factsFrom: 'match' | 'learned' | 'quoted';
}

export const DEFAULT_OPTIONS: IndexOptions = {
  k1: 1.2,
  b: 0.75,
  rerankDepth: 8,
  rerankAllUpTo: 30,
  sentenceWeight: 1,
  pairWeight: 0.3,
  pairWindow: 1,
  concentration: 0.1,
  sentenceLengthNorm: 0.2,
  questionWordWeight: 0.3,
  typoWeight: 0.7,
  answerKindBonus: 2,
  relatedWeight: 0.6,
  relatedFullCredit: 1,
  sameWordWeight: 0.85,
  secondHopMinWeight: 0.5,
  relatedMaxPostings: 1000,
  relatedMaxShare: 0.005,
  answerKindPenalty: 0.3,
  commonWordDamping: 0.1,
  rerankWeights: rerankWeightVector(RERANK_WEIGHTS),
  sentenceWeights: sentenceWeightVector(SENTENCE_WEIGHTS),
  learnedSentence: true,
  factsFrom: 'quoted',
};

// Word-vector nearness counts from these cosines up (0 below, 1 at 1): looser within a sentence,
// where the other words already vouch for the place.
const SOFT_FLOOR = 0.5;
const SOFT_SENTENCE_FLOOR = 0.35;

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

export interface Hit {
  /** Position of the document in the array given to {@link SearchIndex.build}. */
  id: number;
  /** The re-rank's belief that this is the paragraph that answers: shares of 1 over the leaders. */
  score: number;
  /**
   * Share (0..1) of the question's weight, by idf, that this document holds: a word counts by
   * its own match, a related word's, or (with word vectors) its nearest word's nearness.
   */
  coverage: number;
  /** Match score of each sentence of the document, in order. */
  sentenceScores: number[];
  /** Index of the best-matching sentence. */
  bestSentence: number;
  /** Stems of the document that matched (after expansion). */
  matchedTerms: Set<string>;
  /** The hand-tuned match score (BM25 + best sentence + near pairs) the re-rank starts from. */
  matchScore: number;
  /** The re-rank's evidence, by {@link RERANK_FEATURES}, when the search asked to explain. */
  features?: number[];
  /** What the paragraph holds of the question, word by word and by kind of fact. */
  evidence: Evidence;
  /** Each sentence's evidence for the sentence model, by {@link SENTENCE_FEATURES}, when the search asked to explain. */
  sentenceFeatures?: number[][];
}

/** What one paragraph holds of a question (see {@link SearchResult.asked} for the words). */
export interface Evidence {
  /** Per asked word: its credit here by itself or a related word (0..1). */
  credit: number[];
  /** Per asked word: the nearness (0..1) of its nearest word here by word vectors. */
  soft: number[];
  /** Per asked word: its best credit here, by itself, a related word or its nearest word (exact word-vector cosine). */
  align: number[];
  /** The same within the one sentence that meets the question best. */
  sentenceAlign: number[];
  /** Kinds of fact asked ({@link FactKind} bits) held beyond the question's words: best sentence, neighbours, paragraph. */
  factsInBest: number;
  factsNear: number;
  factsInParagraph: number;
}

/** A word of the question as the search read it. */
export interface AskedWord {
  /** Its stem (or acronym term). */
  term: string;
  /** Its weight in the question: idf, less for everyday words and words that phrase a question. */
  weight: number;
  /** How far (0..1) the searched range holds it: 1 itself, less by a typo fix or related word, 0 not at all. */
  inRange: number;
  /** Written with a capital inside the question: a name ("How old is Drost?"). */
  named: boolean;
  /** How rare the word is in general English (0..1 by its frequency rank; 1 when unknown, as names are). */
  rarity: number;
  /** Share of the range's documents that hold it (or a same-word stand-in): the story's topic words spread widely. */
  spread: number;
  /** The range writes it as a name (the story's people, places, organisations). */
  storyName: boolean;
}

/** Everything one search found: the leaders, best first, and the question as read. */
export interface SearchResult {
  hits: Hit[];
  /** The question's words in order (the order of each hit's `evidence.credit`). */
  asked: AskedWord[];
  /** Kinds of fact asked ({@link FactKind} bits); 0 when the question's words don't say. */
  facts: number;
  yesNo: boolean;
}

export interface SearchOptions {
  limit?: number;
  /** Only documents with from <= id < to (e.g. one story of several). */
  from?: number;
  to?: number;
  /** Attach each hit's re-rank features (for training the re-rank). */
  explain?: boolean;
}

/** What the re-rank knows about the question, shared by all its leaders. */
/** What one index term means to the question: the query term it matches (and the position of its asked word), or its nearness to the asked words, or both. */
/** An index term near a question word by word vectors, and the credit it gives that word. */
interface NearTerm {
  id: number;
  /** Credit within one sentence (looser) and across the paragraph: 0 at the floor, 1 at cosine 1. */
  inSentence: number;
  inParagraph: number;
}

interface TermSlot {
  match?: { q: QueryTerm; asked: number };
  /** The asked words this term is near, with its credits for each. */
  near?: { asked: number; inSentence: number; inParagraph: number }[];
  /** The last leader that counted this term as matched (so each is added once). */
  seenBy: number;
}

interface Question {
  /** Slots of the index terms that matter to the question; SearchIndex.termSlot points into them. */
  slots: TermSlot[];
  slotTerms: number[];
  /** Asked stems and their weights. */
  asked: string[];
  weights: number[];
  totalWeight: number;
  kind: AnswerKind;
  /** "How many/much" asked. */
  count: boolean;
  vector?: Float32Array;
  /** Scratch space per asked word, reused by every leader: the re-rank makes no garbage per token. */
  scratch: Float64Array[];
  counts: Int32Array;
  /** Kinds of fact asked ({@link FactKind} bits), and whether it is a yes/no question. */
  facts: number;
  yesNo: boolean;
  /** Stems of the question and of the words that stood in for them: a fact span holding one is not new. */
  questionTerms: ReadonlySet<string>;
  /** First document of the searched range: a document's position in its story. */
  from: number;
  /** Word-vector row of each asked word (-1: none), and each index term's cosines with them, as read. */
  askedRows: Int32Array;
  cosines: Map<number, Float32Array | null>;
  /** Keep each sentence's features on the hits (training). */
  explain: boolean;
}

// Stems of words that phrase a question rather than name its topic ("What is another name for...",
// "What is X known as?"): they match too much to count as much as the topic words.
const QUESTION_PHRASING = new Set(
  ['name', 'call', 'known', 'describ', 'type', 'kind', 'mean', 'refer', 'term', 'exampl', 'consid', 'use', 'includ', 'tell', 'last', 'happen', 'els']
);

// In "how long/far/old ...", the adjective names the kind of answer, not the topic.
const HOW_ADJECTIVE = /\b(how)\s+(?:long|far|old|large|big|tall|high|often|fast|deep|wide|heavy|soon)\b/gi;

/** Growable Uint32 buffer: indexing 200k paragraphs must not build arrays of boxed numbers. */
class U32Builder {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * BM25 over paragraphs with an inverted index (CSR postings in typed arrays), then a re-rank of
 * the leaders by sentence-level evidence: a question usually matches one sentence closely.
 */
export class SearchIndex {
  readonly options: IndexOptions;
  readonly size: number;
  private readonly vocabulary: Map<string, number>;
  private readonly termList: string[];
  private readonly idf: Float32Array;
  private readonly postingStart: Uint32Array;
  private readonly postingDoc: Uint32Array;
  private readonly postingTf: Uint16Array;
  private readonly docNorm: Float32Array;
  /** Every document's terms in order (as term ids), and where each document/sentence starts. */
  private readonly tokens: Uint32Array;
  private readonly docTokenStart: Uint32Array;
  private readonly docSentenceStart: Uint32Array;
  private readonly sentenceTokenStart: Uint32Array;
  /** Per sentence: the kinds of answer it can give ({@link AnswerKind} bits). */
  private readonly sentenceKinds: Uint8Array;
  /** The documents' text and each sentence's character offsets in it, for fact spans read on demand. */
  private readonly docs: readonly string[];
  private readonly sentenceCharStart: Uint32Array;
  private readonly sentenceCharEnd: Uint32Array;
  private readonly factSpanCache = new Map<number, readonly FactSpan[]>();
  /** Word-vector row of each index term (-1: none). */
  private termRows?: Int32Array;
  /** Per token: the kind of answer it could be (a figure, a date, a name), as AnswerKind bits. */
  private readonly tokenKinds: Uint8Array;
  /** Per term: the share of its uses written as a name (capitalised inside a sentence). */
  private readonly nameShare: Float32Array;
  /** Acronyms the documents define, both ways: each term to the terms that stand for it in this index. */
  private readonly definedAs = new Map<string, Set<string>>();
  private typos?: TypoMatcher;
  private readonly standIns = new Map<string, readonly QueryTerm[]>();
  private readonly nearTermsCache = new Map<string, readonly NearTerm[]>();
  private readonly askedWeights = new Map<string, number>();
  /** Index term of each word-vector row (-1: none), and of its acronym form ("us." for "us"). */
  private readonly termOfRow?: Int32Array;
  private readonly acronymOfRow?: Int32Array;
  /** Per index term, its slot in the current question (-1: none): one typed-array read per token. */
  private readonly termSlot: Int32Array;
  private scores: Float32Array;
  private groupScores: Float32Array;
  private touched: Uint32Array;
  private groupTouched: Uint32Array;
  private readonly averageSentenceLength: number;
  private readonly semantics?: IndexSemantics;

  private constructor(docs: readonly string[], options: IndexOptions) {
    this.options = options;
    this.size = docs.length;
    const vocabulary = new Map<string, number>();
    const termList: string[] = [];
    const tokens = new U32Builder();
    const docTokenStart = new Uint32Array(docs.length + 1);
    const docSentenceStart = new Uint32Array(docs.length + 1);
    const sentenceTokenStart = new U32Builder();
    const sentenceKinds = new U32Builder();
    const sentenceCharStart = new U32Builder();
    const sentenceCharEnd = new U32Builder();
    const tokenKinds = new U32Builder();
    const df: number[] = [];
    const lastDocOfTerm: number[] = [];

    for (let d = 0; d < docs.length; d++) {
      for (const { acronym, expansion } of acronymDefinitions(docs[d])) {
        const link = (from: string, to: string) => {
          let set = this.definedAs.get(from);
          if (!set) this.definedAs.set(from, (set = new Set()));
          set.add(to);
        };
        for (const word of expansion) {
          link(word, acronym);
          link(acronym, word);
        }
      }
      docTokenStart[d] = tokens.length;
      docSentenceStart[d] = sentenceTokenStart.length;
      for (const sentence of splitSentences(docs[d])) {
        sentenceTokenStart.push(tokens.length);
        sentenceCharStart.push(sentence.start);
        sentenceCharEnd.push(sentence.end);
        sentenceKinds.push(answerKindsOf(sentence.text));
        for (const { term, surface, start } of analyze(sentence.text)) {
          tokenKinds.push(tokenKind(term, surface, start));
          let id = vocabulary.get(term);
          if (id === undefined) {
            id = termList.length;
            vocabulary.set(term, id);
            termList.push(term);
            df.push(0);
            lastDocOfTerm.push(-1);
          }
          if (lastDocOfTerm[id] !== d) {
            lastDocOfTerm[id] = d;
            df[id]++;
          }
          tokens.push(id);
        }
      }
    }
    docTokenStart[docs.length] = tokens.length;
    docSentenceStart[docs.length] = sentenceTokenStart.length;
    sentenceTokenStart.push(tokens.length);

    this.vocabulary = vocabulary;
    this.termList = termList;
    this.tokens = tokens.finish();
    this.docTokenStart = docTokenStart;
    this.docSentenceStart = docSentenceStart;
    this.sentenceTokenStart = sentenceTokenStart.finish();
    this.sentenceKinds = Uint8Array.from(sentenceKinds.finish());
    this.docs = docs;
    this.sentenceCharStart = sentenceCharStart.finish();
    this.sentenceCharEnd = sentenceCharEnd.finish();
    this.tokenKinds = Uint8Array.from(tokenKinds.finish());
    this.averageSentenceLength = tokens.length / Math.max(1, sentenceKinds.length) || 1;

    // Postings in CSR form: for term t, documents postingDoc[postingStart[t] .. postingStart[t+1]).
    const V = termList.length;
    const postingStart = new Uint32Array(V + 1);
    for (let t = 0; t < V; t++) postingStart[t + 1] = postingStart[t] + df[t];
    const fill = postingStart.slice(0, V);
    const postingDoc = new Uint32Array(postingStart[V]);
    const postingTf = new Uint16Array(postingStart[V]);
    const n = docs.length;
    const idf = new Float32Array(V);
    for (let t = 0; t < V; t++) idf[t] = Math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
    const docLength = new Float32Array(n);
    const seenAt = new Int32Array(V).fill(-1);
    // How often each term is written as a name (capitalised inside a sentence), of all its uses.
    const nameCount = new Uint32Array(V);
    const termCount = new Uint32Array(V);
    for (let d = 0; d < n; d++) {
      const from = this.docTokenStart[d];
      const to = this.docTokenStart[d + 1];
      docLength[d] = to - from;
      for (let i = from; i < to; i++) {
        const t = this.tokens[i];
        if (seenAt[t] !== d) {
          seenAt[t] = d;
          postingDoc[fill[t]++] = d;
        }
        postingTf[fill[t] - 1] = Math.min(65535, postingTf[fill[t] - 1] + 1);
        if ((this.tokenKinds[i] & AnswerKind.Name) !== 0) nameCount[t]++;
        termCount[t]++;
      }
    }
    let total = 0;
    for (let d = 0; d < n; d++) total += docLength[d];
    const average = total / Math.max(1, n) || 1;
    // Precomputed k1 * (1 - b + b * len / avg): the per-document part of BM25's denominator.
    const docNorm = new Float32Array(n);
    for (let d = 0; d < n; d++) docNorm[d] = options.k1 * (1 - options.b + (options.b * docLength[d]) / average);

    this.idf = idf;
    this.nameShare = Float32Array.from(nameCount, (c, t) => c / Math.max(1, termCount[t]));

    this.postingStart = postingStart;
    this.postingDoc = postingDoc;
    this.postingTf = postingTf;
    this.docNorm = docNorm;
    this.scores = new Float32Array(n);
    this.groupScores = new Float32Array(n);
    this.touched = new Uint32Array(n);
    this.groupTouched = new Uint32Array(n);
    this.termSlot = new Int32Array(V).fill(-1);
    if (options.vectors) {
      const vectors = options.vectors;
      this.termOfRow = new Int32Array(vectors.size).fill(-1);
      this.acronymOfRow = new Int32Array(vectors.size).fill(-1);
      const termRows = Int32Array.from(termList, (term) => vectors.row(term));
      this.termRows = termRows;
      termRows.forEach((row, id) => {
        if (row < 0) return;
        if (termList[id].endsWith('.')) this.acronymOfRow![row] = id;
        else this.termOfRow![row] = id;
      });
      this.semantics = new IndexSemantics(vectors, termRows, idf, this.tokens, this.sentenceTokenStart, docSentenceStart);
    }
  }

  static build(docs: readonly string[], options: Partial<IndexOptions> = {}): SearchIndex {
    return new SearchIndex(docs, { ...DEFAULT_OPTIONS, ...options });
  }

  /** Inverse document frequency of a stem; an unknown stem gets the highest possible. */
  idfOf(term: string): number {
    const id = this.vocabulary.get(term);
    return id === undefined ? Math.log(1 + (this.size + 0.5) / 0.5) : this.idf[id];
  }

  has(term: string): boolean {
    return this.vocabulary.has(term);
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
    const found = new Map<number, QueryTerm>();
    const add = (candidate: string, weight: number, credit: number, related = false) => {
      const id = this.vocabulary.get(candidate);
      if (id === undefined) return;
      const prev = found.get(id);
      if (!prev || prev.weight < weight) found.set(id, { id, term: candidate, weight, of: term, credit, related });
    };
    const { typoWeight, relatedWeight, relatedFullCredit } = this.options;
    const weight = this.askedWeight(term);
    // A word typed in lower case may be an acronym the story writes in capitals ("nato").
    if (acronym !== undefined) add(acronym, weight, 1);
    const shortForm = SHORT_FORMS[word];
    if (this.vocabulary.has(term)) add(term, weight, 1);
    else if (shortForm !== undefined && !(acronym !== undefined && this.vocabulary.has(acronym))) {
      // "govt", "PM": the story spells it out. Each word of the long form stands in fully.
      for (const t of analyze(shortForm)) add(t.term, weight, 1);
    } else {
      // "harbour" for the story's "harbor": the same word, spelt the other side of the Atlantic.
      for (const variant of spellingVariants(word)) add(stem(variant), weight, 1);
      if (this.options.words?.count(term) === undefined) {
        this.typos ??= new TypoMatcher(this.termList);
        for (const near of this.typos.near(term)) add(near, typoWeight * weight, typoWeight);
      }
    }
    for (const r of this.relatedOf(term)) {
      if (r.weight >= this.options.sameWordWeight) {
        // Another form of the same word ("ran" for "run", "children" for "child"): the word itself.
        add(r.term, weight, 1);
        continue;
      }
      const credit = Math.min(1, r.weight / relatedFullCredit);
      add(r.term, r.weight * relatedWeight * weight, credit, true);
      if (r.term.length <= 5) add(r.term + '.', r.weight * relatedWeight * weight, credit, true); // "america" -> "US"
    }
    // An acronym the story defines ("memoranda of understanding (MoUs)"): either form is the word.
    for (const defined of this.definedAs.get(term) ?? []) add(defined, weight, 1);
    if (acronym !== undefined) for (const defined of this.definedAs.get(acronym) ?? []) add(defined, weight, 1);
    const standIns = [...found.values()];
    if (this.standIns.size >= 20_000) this.standIns.clear();
    this.standIns.set(key, standIns);
    return standIns;
  }

  /** The question's stems (with repeats merged) and the index terms that stand for them. */
  expand(query: string): { asked: Map<string, number>; terms: QueryTerm[] } {
    const asked = new Map<string, number>();
    const acronyms = new Map<string, string>();
    const words = new Map<string, string>();
    for (const { term, acronym, surface } of analyze(normalizeQuestion(query).replace(HOW_ADJECTIVE, 'how'))) {
      asked.set(term, (asked.get(term) ?? 0) + 1);
      if (acronym) acronyms.set(term, acronym);
      if (!words.has(term)) words.set(term, fold(surface).replace(/['’]s?$|\.$/g, ''));
    }
    const best = new Map<number, QueryTerm>();
    for (const term of asked.keys()) {
      for (const q of this.standInsFor(term, acronyms.get(term), words.get(term) ?? term)) {
        const prev = best.get(q.id);
        if (!prev || prev.weight < q.weight) best.set(q.id, q);
      }
    }
    return { asked, terms: [...best.values()] };
  }

  /**
   * The paragraphs that best answer a question, best first (at most `limit`, default 10), each with
   * the re-rank's belief that it is the one, its coverage of the question and its best sentence.
   */
  search(query: string, opts: SearchOptions = {}): Hit[] {
    const limit = opts.limit ?? 10;
    if (limit <= 0) return [];
    return this.searchDetailed(query, opts).hits.slice(0, limit);
  }

  /**
   * {@link search}, with every re-ranked leader (best first) and what the search read in the
   * question: its words with their weights and whether the range holds them at all.
   */
  searchDetailed(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, opts.limit ?? 10);
    const from = opts.from ?? 0;
    const to = opts.to ?? this.size;
    const { asked, terms } = this.expand(query);
    const facts = askedFactKinds(query);
    const yesNo = isYesNoQuestion(query);
    const askedWords = this.askedWords(asked, terms, query, from, to);
    // No word of the question is in the index: nothing to rank, unless the range is small enough
    // to weigh every paragraph by nearness alone ("attendance?" for a story that says "crowd").
    if (asked.size === 0 || (terms.length === 0 && to - from > this.options.rerankAllUpTo)) return { hits: [], asked: askedWords, facts, yesNo };

    const { k1 } = this.options;
    const scores = this.scores;
    // Documents scored so far, in reusable typed buffers: no garbage per query.
    const touched = this.touched;
    let touchedCount = 0;
    // Each question word scores a document once: by itself or by its best-scoring stand-in (a
    // typo fix or a related word), so a word with many synonyms cannot outweigh the others.
    const groups = new Map<string, QueryTerm[]>();
    for (const q of terms) {
      const group = groups.get(q.of);
      if (group) group.push(q);
      else groups.set(q.of, [q]);
    }
    const best = this.groupScores;
    // A common related word would cost a long postings walk for little weight: it is left to
    // the re-rank, which still counts it in the leaders' sentences.
    const expensiveDf = Math.max(this.options.relatedMaxPostings, this.size * this.options.relatedMaxShare);
    const postingDoc = this.postingDoc;
    const postingTf = this.postingTf;
    const docNorm = this.docNorm;
    for (const group of groups.values()) {
      const searched = group.filter((q) => !q.related || this.postingStart[q.id + 1] - this.postingStart[q.id] <= expensiveDf);
      if (searched.length === 1) {
        // One term stands for the word: its score goes straight to the documents.
        const q = searched[0];
        const w = this.idf[q.id] * q.weight * (k1 + 1);
        const [start, end] = this.postingRange(q.id, from, to);
        for (let p = start; p < end; p++) {
          const d = postingDoc[p];
          const tf = postingTf[p];
          if (scores[d] === 0) touched[touchedCount++] = d;
          scores[d] += (w * tf) / (tf + docNorm[d]);
        }
        continue;
      }
      const groupTouched = this.groupTouched;
      let groupCount = 0;
      for (const q of searched) {
        const w = this.idf[q.id] * q.weight * (k1 + 1);
        const [start, end] = this.postingRange(q.id, from, to);
        for (let p = start; p < end; p++) {
          const d = postingDoc[p];
          const tf = postingTf[p];
          const contribution = (w * tf) / (tf + docNorm[d]);
          if (best[d] === 0) groupTouched[groupCount++] = d;
          if (contribution > best[d]) best[d] = contribution;
        }
      }
      for (let i = 0; i < groupCount; i++) {
        const d = groupTouched[i];
        if (scores[d] === 0) touched[touchedCount++] = d;
        scores[d] += best[d];
        best[d] = 0;
      }
    }
    // Larger corpora hold more near-misses for the first pass: re-rank deeper as they grow.
    let depth = Math.max(limit, Math.round(this.options.rerankDepth * (1 + Math.log10(Math.max(1, this.size / 2000)))));
    if (to - from <= this.options.rerankAllUpTo) {
      // A story of a few paragraphs: every one is weighed, even one that shares no word with the
      // question (a paraphrase), since the re-rank sees more than shared words.
      for (let d = from; d < to; d++) if (scores[d] === 0) touched[touchedCount++] = d;
      depth = Math.max(depth, to - from);
    }
    const leaders = topByScore(touched, touchedCount, scores, depth);
    for (let i = 0; i < touchedCount; i++) scores[touched[i]] = 0;

    const question = this.question(asked, terms, askedKind(query), asksCount(query));
    question.facts = facts;
    question.yesNo = yesNo;
    question.from = from;
    question.explain = opts.explain === true;
    const features = new Float64Array(leaders.length * FEATURE_COUNT);
    let hits: Hit[];
    try {
      question.slotTerms.forEach((t, slot) => (this.termSlot[t] = slot));
      hits = leaders.map(({ id, score }, i) => this.rerank(id, score, question, features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT)));
    } finally {
      for (const t of question.slotTerms) this.termSlot[t] = -1;
    }
    normalizeFeatures(features, hits.length);
    const shares = rerankShares(features, hits.length, this.options.rerankWeights);
    hits.forEach((hit, i) => {
      hit.matchScore = hit.score;
      hit.score = shares[i];
      hit.features = Array.from(features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT));
    });
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return { hits, asked: askedWords, facts, yesNo };
  }

  /** The question's words as searched, with their weights and how far the range holds each. */
  private askedWords(asked: Map<string, number>, terms: readonly QueryTerm[], query: string, from: number, to: number): AskedWord[] {
    const named = namedWords(query);
    return [...asked.keys()].map((term) => {
      let inRange = 0;
      let spread = 0;
      let storyName = false;
      for (const q of terms) {
        if (q.of !== term) continue;
        const [start, end] = this.postingRange(q.id, from, to);
        if (end <= start) continue;
        if (q.credit > inRange) inRange = q.credit;
        if (q.credit >= 0.7) {
          spread = Math.max(spread, (end - start) / Math.max(1, to - from));
          if (this.nameShare[q.id] >= 0.5) storyName = true;
        }
      }
      const vectors = this.options.vectors;
      const row = vectors ? vectors.row(term) : -1;
      // Word vectors come in order of frequency: a late row is a rare, specific word.
      const rarity = vectors && row >= 0 ? Math.log(2 + row) / Math.log(2 + vectors.size) : 1;
      return { term, weight: this.idfOf(term) * this.askedWeight(term), inRange, named: named.has(term), rarity, spread, storyName };
    });
  }

  private question(asked: Map<string, number>, terms: readonly QueryTerm[], kind: AnswerKind, count: boolean): Question {
    const names = [...asked.keys()];
    const position = new Map(names.map((term, i) => [term, i]));
    const weights = names.map((term) => this.idfOf(term) * this.askedWeight(term));
    const byTerm = new Map<number, TermSlot>();
    // Every slot has the same shape, so the re-rank's reads of it stay monomorphic.
    for (const q of terms) byTerm.set(q.id, { match: { q, asked: position.get(q.of)! }, near: undefined, seenBy: -1 });
    let vector: Float32Array | undefined;
    if (this.options.vectors && this.semantics) {
      names.forEach((term, asked) => {
        for (const { id, inSentence, inParagraph } of this.nearTerms(term)) {
          let slot = byTerm.get(id);
          if (!slot) byTerm.set(id, (slot = { match: undefined, near: undefined, seenBy: -1 }));
          (slot.near ??= []).push({ asked, inSentence, inParagraph });
        }
      });
      vector = this.semantics.questionVector(names, weights);
    }
    const question: Question = {
      slots: [...byTerm.values()],
      slotTerms: [...byTerm.keys()],
      asked: names,
      weights,
      totalWeight: weights.reduce((a, b) => a + b, 0),
      kind,
      count,
      vector,
      scratch: this.scratchFor(names.length),
      counts: this.countsFor(names.length),
      facts: 0,
      yesNo: false,
      questionTerms: new Set([...names, ...terms.map((q) => q.term)]),
      from: 0,
      askedRows: Int32Array.from(names, (term) => this.options.vectors?.row(term) ?? -1),
      cosines: new Map(),
      explain: false,
    };
    return question;
  }

  private scratch: Float64Array[] = [];
  private counts = new Int32Array(0);

  /** Five per-asked-word buffers (at least n long) for the re-rank, kept between questions: typed arrays are slow to make. */
  private scratchFor(n: number): Float64Array[] {
    if (this.scratch.length === 0 || this.scratch[0].length < n) this.scratch = Array.from({ length: 7 }, () => new Float64Array(Math.max(n, 16)));
    return this.scratch;
  }

  private countsFor(n: number): Int32Array {
    if (this.counts.length < n) this.counts = new Int32Array(Math.max(n, 16));
    return this.counts;
  }

  /**
   * Index terms near a stem by word vectors (cosine above the looser floor), with acronym forms
   * of short ones ("america" -> "US"). Depends only on the stem, so it is cached.
   */
  private nearTerms(term: string): readonly NearTerm[] {
    const cached = this.nearTermsCache.get(term);
    if (cached) return cached;
    const found: NearTerm[] = [];
    const vectors = this.options.vectors;
    const row = vectors ? vectors.row(term) : -1;
    if (vectors && row >= 0 && this.termOfRow && this.acronymOfRow) {
      const { perStem, rows, cosines } = vectors.neighbours;
      for (let k = row * perStem; k < (row + 1) * perStem && rows[k] !== NO_NEIGHBOUR; k++) {
        const cosine = cosines[k] / 100;
        if (cosine <= SOFT_SENTENCE_FLOOR) break;
        const inSentence = (cosine - SOFT_SENTENCE_FLOOR) / (1 - SOFT_SENTENCE_FLOOR);
        const inParagraph = Math.max(0, (cosine - SOFT_FLOOR) / (1 - SOFT_FLOOR));
        const id = this.termOfRow[rows[k]];
        if (id >= 0) found.push({ id, inSentence, inParagraph });
        const acronym = this.acronymOfRow[rows[k]];
        if (acronym >= 0) found.push({ id: acronym, inSentence, inParagraph });
      }
    }
    if (this.nearTermsCache.size >= 20_000) this.nearTermsCache.clear();
    this.nearTermsCache.set(term, found);
    return found;
  }

  /** How much an asked word counts: less for words that phrase the question than for its topic. */
  private askedWeight(term: string): number {
    let weight = this.askedWeights.get(term);
    if (weight === undefined) {
      const count = this.options.words?.count(term) ?? 0;
      const damping = 1 / (1 + this.options.commonWordDamping * Math.log1p(count));
      weight = damping * (QUESTION_PHRASING.has(term) ? this.options.questionWordWeight : 1);
      if (this.askedWeights.size >= 20_000) this.askedWeights.clear();
      this.askedWeights.set(term, weight);
    }
    return weight;
  }

  /** Postings of a term for documents from <= id < to (postings are sorted by document). */
  private postingRange(term: number, from: number, to: number): [number, number] {
    let start = this.postingStart[term];
    let end = this.postingStart[term + 1];
    if (from > 0) start = lowerBound(this.postingDoc, start, end, from);
    if (to < this.size) end = lowerBound(this.postingDoc, start, end, to);
    return [start, end];
  }


  /** Cosines of an index term's vector with each asked word's (null: the term has no vector). */
  private alignment(term: number, question: Question): Float32Array | null {
    const cached = question.cosines.get(term);
    if (cached !== undefined) return cached;
    const vectors = this.options.vectors;
    const row = this.termRows?.[term] ?? -1;
    let out: Float32Array | null = null;
    if (vectors && row >= 0) {
      out = new Float32Array(question.askedRows.length);
      question.askedRows.forEach((asked, a) => (out![a] = asked >= 0 ? vectors.centeredCosine(asked, row) : 0));
    }
    question.cosines.set(term, out);
    return out;
  }

  /**
   * Each sentence of a leading paragraph scored by the sentence model (a linear model over its own
   * evidence and its neighbours'): which sentence answers, whatever the paragraph's other sentences hold.
   */
  private sentenceModel(doc: number, question: Question, perSentence: readonly number[][], totalWeight: number): { sentenceModelScores: number[]; sentenceFeatures: number[][] } {
    const first = this.docSentenceStart[doc];
    const share = (x: number) => (totalWeight > 0 ? x / totalWeight : 0);
    const position = doc - question.from;
    const checkable = question.facts & CHECKABLE_KINDS;
    const weights = this.options.sentenceWeights;
    let maxScore = 0;
    for (const row of perSentence) maxScore = Math.max(maxScore, row[6]);
    const scores: number[] = [];
    const all: number[][] = [];
    perSentence.forEach((row, k) => {
      const s = first + k;
      const facts = question.facts !== 0 ? this.newFacts(s, doc, question) : 0;
      const aligned = share(row[2]);
      const neighbour = Math.max(k > 0 ? share(perSentence[k - 1][2]) : 0, k + 1 < perSentence.length ? share(perSentence[k + 1][2]) : 0);
      const f = new Array<number>(SENTENCE_FEATURE_COUNT).fill(0);
      f[SENTENCE.coverage] = share(row[0]);
      f[SENTENCE.softCoverage] = share(row[1]);
      f[SENTENCE.aligned] = aligned;
      f[SENTENCE.words] = row[3];
      f[SENTENCE.density] = share(row[4]);
      f[SENTENCE.order] = share(row[5]);
      f[SENTENCE.match] = maxScore > 0 ? row[6] / maxScore : 0;
      f[SENTENCE.length] = Math.log1p(row[7]);
      f[SENTENCE.cosine] = question.vector && this.semantics ? this.semantics.sentenceCosine(question.vector, s) : 0;
      f[SENTENCE.newFact] = checkable !== 0 && (facts & checkable) !== 0 ? 1 : 0;
      f[SENTENCE.factMissing] = checkable !== 0 && (facts & checkable) === 0 ? 1 : 0;
      f[SENTENCE.reason] = (question.facts & FactKind.Reason) !== 0 && (facts & FactKind.Reason) !== 0 ? 1 : 0;
      f[SENTENCE.quote] = (question.facts & FactKind.Quote) !== 0 && (facts & FactKind.Quote) !== 0 ? 1 : 0;
      f[SENTENCE.means] = (question.facts & FactKind.Means) !== 0 && (facts & FactKind.Means) !== 0 ? 1 : 0;
      f[SENTENCE.newName] = (question.facts & FactKind.Name) !== 0 && (facts & FactKind.Name) !== 0 ? 1 : 0;
      f[SENTENCE.first] = k === 0 ? 1 : 0;
      f[SENTENCE.storyLead] = position === 0 && k === 0 ? 1 : 0;
      f[SENTENCE.neighbour] = neighbour;
      f[SENTENCE.paragraphPosition] = 1 / (1 + position);
      f[SENTENCE.factAligned] = f[SENTENCE.newFact] * aligned;
      let z = 0;
      for (let i = 0; i < SENTENCE_FEATURE_COUNT; i++) z += weights[i] * f[i];
      scores.push(z);
      all.push(f);
    });
    return { sentenceModelScores: scores, sentenceFeatures: all };
  }

  /** The sentences of a document, as the index split them. */
  sentencesOf(doc: number): string[] {
    const out: string[] = [];
    for (let s = this.docSentenceStart[doc]; s < this.docSentenceStart[doc + 1]; s++) out.push(this.docs[doc].slice(this.sentenceCharStart[s], this.sentenceCharEnd[s]));
    return out;
  }

  /** The text of a sentence, by its number over the whole index. */
  sentenceText(sentence: number): string {
    const doc = this.docOfSentence(sentence);
    return this.docs[doc].slice(this.sentenceCharStart[sentence], this.sentenceCharEnd[sentence]);
  }

  private docOfSentence(sentence: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.docSentenceStart[mid] <= sentence) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The fact spans of a sentence with their stems, read when first needed and kept. */
  private factSpansOf(sentence: number, doc: number): readonly FactSpan[] {
    let spans = this.factSpanCache.get(sentence);
    if (!spans) {
      const text = this.docs[doc].slice(this.sentenceCharStart[sentence], this.sentenceCharEnd[sentence]);
      spans = factSpans(text).map((span) => ({ ...span, terms: analyze(text.slice(span.start, span.end)).map((t) => t.term) }));
      if (this.factSpanCache.size >= 50_000) this.factSpanCache.clear();
      this.factSpanCache.set(sentence, spans);
    }
    return spans;
  }

  /** Kinds of fact a sentence holds beyond the question's own words ("2,500" for "how many troops"). */
  private newFacts(sentence: number, doc: number, question: Question): number {
    let kinds = 0;
    for (const span of this.factSpansOf(sentence, doc)) {
      if ((kinds & span.kind) !== 0) continue;
      if (!span.terms?.some((t) => question.questionTerms.has(t))) kinds |= span.kind;
    }
    return kinds;
  }

  /**
   * The sentence to quote: the best match, unless the question asks for a figure or a date that
   * it lacks and the sentence right after (or before) it has one ("...plans to sign memoranda.
   * Around 15 MoUs would be finalized.").
   */
  private sentenceGivingKind(first: number, last: number, best: number, kind: AnswerKind): number {
    if (kind !== AnswerKind.Number && kind !== AnswerKind.Date) return best;
    const gives = (local: number) => local >= 0 && first + local < last && (this.sentenceKinds[first + local] & kind) !== 0;
    if (gives(best)) return best;
    if (gives(best + 1)) return best + 1;
    if (gives(best - 1)) return best - 1;
    return best;
  }

  /**
   * Sentence-level evidence for one leading document: fills `features` (by RERANK_FEATURES, the
   * hand-tuned score first) and returns the hit, to be scored by the model once all leaders are in.
   */
  private rerank(doc: number, bm25: number, question: Question, features: Float64Array): Hit {
    const { slots, weights, totalWeight, kind, scratch, counts } = question;
    const termSlot = this.termSlot;
    const n = weights.length;
    const sentenceScores: number[] = [];
    const sentenceNovel: number[] = [];
    const matchedTerms = new Set<string>();
    // Per asked word: best credit in the document, the same counting word-vector nearness, and
    // within the current sentence: credit, nearness, and best idf contribution.
    const [credit, soft, sentenceCredit, sentenceSoft, contribution, align, sentenceAlign] = scratch;
    align.fill(0);
    let bestAlign = 0;
    let bestAlignedWords: number[] | undefined;
    credit.fill(0);
    soft.fill(0);
    const hits: number[] = []; // asked word of each matching token of a sentence, in text order
    const at: number[] = [];
    let pairs = 0;
    let adjacentPairs = 0;
    let phrases = 0;
    let bestSentenceCoverage = 0;
    let bestNovelCoverage = 0;
    let bestDensity = 0;
    let bestOrder = 0;
    let previousCoverage = 0;
    let bestPairCoverage = 0;
    let bestSoftSentence = 0;
    let mostWords = 0;
    let givesKind = false;
    // Per sentence, for the sentence model: coverage, loose coverage, alignment, words, density, order.
    const perSentence: number[][] = [];
    const firstSentence = this.docSentenceStart[doc];
    const lastSentence = this.docSentenceStart[doc + 1];
    for (let s = firstSentence; s < lastSentence; s++) {
      const recent: { at: number; q: QueryTerm }[] = [];
      sentenceCredit.fill(0);
      sentenceSoft.fill(0);
      contribution.fill(0);
      hits.length = 0;
      at.length = 0;
      let distinct = 0;
      let previous = -1;
      let novel = 0; // kinds of answer the sentence holds beyond the question's own words
      sentenceAlign.fill(0);
      for (let i = this.sentenceTokenStart[s]; i < this.sentenceTokenStart[s + 1]; i++) {
        const cosines = this.alignment(this.tokens[i], question);
        if (cosines) for (let a = 0; a < n; a++) if (cosines[a] > sentenceAlign[a]) sentenceAlign[a] = cosines[a];
        const slot = termSlot[this.tokens[i]];
        if (slot < 0) {
          novel |= this.tokenKinds[i];
          previous = -1;
          continue;
        }
        const termInfo = slots[slot];
        const { match, near } = termInfo;
        if (near) {
          for (const { asked, inSentence, inParagraph } of near) {
            if (inSentence > sentenceSoft[asked]) sentenceSoft[asked] = inSentence;
            if (inParagraph > soft[asked]) soft[asked] = inParagraph;
          }
        }
        if (!match) {
          novel |= this.tokenKinds[i];
          previous = -1;
          continue;
        }
        const { q, asked: a } = match;
        if (previous >= 0 && previous !== a) {
          adjacentPairs++;
          // The question's own phrase: next to each other there too, in the same order.
          if (a === previous + 1) phrases++;
        }
        previous = a;
        // Question words that stand close together in the text: the closer, the stronger.
        for (const r of recent) {
          const distance = i - r.at;
          if (distance <= this.options.pairWindow && r.q.of !== q.of) pairs += Math.min(q.weight, r.q.weight) / distance;
        }
        recent.push({ at: i, q });
        if (recent.length > 4) recent.shift();
        const value = this.idf[q.id] * q.weight;
        if (contribution[a] === 0) distinct++;
        if (value > contribution[a]) contribution[a] = value;
        if (termInfo.seenBy !== doc) {
          termInfo.seenBy = doc;
          matchedTerms.add(q.term);
        }
        if (q.credit > sentenceCredit[a]) sentenceCredit[a] = q.credit;
        hits.push(a);
        at.push(i);
      }
      let covered = 0;
      let softCovered = 0;
      let score = 0;
      for (let a = 0; a < n; a++) {
        if (sentenceCredit[a] > credit[a]) credit[a] = sentenceCredit[a];
        covered += weights[a] * sentenceCredit[a];
        softCovered += weights[a] * Math.max(sentenceCredit[a], sentenceSoft[a]);
        score += contribution[a];
      }
      if (covered > bestSentenceCoverage) bestSentenceCoverage = covered;
      if (kind !== AnswerKind.None && (novel & kind) !== 0 && covered > bestNovelCoverage) bestNovelCoverage = covered;
      let sentenceDensity = 0;
      let sentenceOrder = 0;
      if (hits.length > 0) {
        const { density, order } = arrangement(hits, at, distinct, counts);
        sentenceDensity = covered * density;
        sentenceOrder = covered * order;
        if (covered * density > bestDensity) bestDensity = covered * density;
        if (covered * order > bestOrder) bestOrder = covered * order;
      }
      if (covered + previousCoverage > bestPairCoverage) bestPairCoverage = covered + previousCoverage;
      previousCoverage = covered;
      if (softCovered > bestSoftSentence) bestSoftSentence = softCovered;
      let aligned = 0;
      for (let a = 0; a < n; a++) {
        const nearness = Math.max(sentenceCredit[a], alignmentCredit(sentenceAlign[a]));
        sentenceAlign[a] = nearness;
        aligned += weights[a] * nearness;
        if (nearness > align[a]) align[a] = nearness;
      }
      if (aligned > bestAlign || bestAlignedWords === undefined) {
        bestAlign = aligned;
        bestAlignedWords = Array.from(sentenceAlign.subarray(0, n));
      }
      if (distinct > mostWords) mostWords = distinct;
      if (distinct > 1) score *= 1 + this.options.concentration * (distinct - 1);
      const sentenceLength = this.sentenceTokenStart[s + 1] - this.sentenceTokenStart[s];
      score /= 1 - this.options.sentenceLengthNorm + (this.options.sentenceLengthNorm * sentenceLength) / this.averageSentenceLength;
      if (score > 0 && kind !== AnswerKind.None && (this.sentenceKinds[s] & kind) !== 0) {
        score += this.options.answerKindBonus;
        givesKind = true;
      }
      sentenceScores.push(score);
      sentenceNovel.push(novel);
      perSentence.push([covered, softCovered, aligned, n > 0 ? distinct / n : 0, sentenceDensity, sentenceOrder, score, sentenceLength]);
    }
    const { sentenceModelScores, sentenceFeatures } = this.sentenceModel(doc, question, perSentence, totalWeight);
    let learnedBest = 0;
    for (let k = 1; k < sentenceModelScores.length; k++) if (sentenceModelScores[k] > sentenceModelScores[learnedBest]) learnedBest = k;
    const quoted = steerToAskedKind(sentenceFeatures, learnedBest, (question.facts & FactKind.Reason) !== 0, (question.facts & FactKind.Means) !== 0);
    let bestSentence = 0;
    for (let s = 1; s < sentenceScores.length; s++) if (sentenceScores[s] > sentenceScores[bestSentence]) bestSentence = s;
    const answerSentence = this.sentenceGivingKind(firstSentence, lastSentence, bestSentence, kind);

    let covered = 0;
    let softCovered = 0;
    for (let a = 0; a < n; a++) {
      covered += weights[a] * credit[a];
      softCovered += weights[a] * Math.max(credit[a], soft[a]);
    }
    const share = (x: number) => (totalWeight > 0 ? x / totalWeight : 0);
    const { sentenceWeight, pairWeight } = this.options;
    let score = bm25 + sentenceWeight * (sentenceScores[bestSentence] ?? 0) + pairWeight * pairs;
    if (kind === AnswerKind.Number && !givesKind) score *= 1 - this.options.answerKindPenalty;

    let sentenceCosine = 0;
    let paragraphCosine = 0;
    if (question.vector && this.semantics) {
      // The best-matching sentence only: comparing every sentence costs a fifth of the re-rank for no gain.
      sentenceCosine = this.semantics.sentenceCosine(question.vector, firstSentence + bestSentence);
      paragraphCosine = this.semantics.paragraphCosine(question.vector, doc);
    }
    let secondSentence = 0;
    for (let s = 0; s < sentenceScores.length; s++) if (s !== bestSentence && sentenceScores[s] > secondSentence) secondSentence = sentenceScores[s];
    const gives = (this.sentenceKinds[firstSentence + bestSentence] & kind) !== 0;
    features[FEATURE.score] = score;
    features[FEATURE.bm25] = bm25;
    features[FEATURE.sentence] = sentenceScores[bestSentence] ?? 0;
    features[FEATURE.coverage] = share(covered);
    features[FEATURE.sentenceCoverage] = share(bestSentenceCoverage);
    features[FEATURE.adjacentPairs] = adjacentPairs;
    features[FEATURE.length] = Math.log1p(this.docTokenStart[doc + 1] - this.docTokenStart[doc]);
    features[FEATURE.sentenceWords] = n > 0 ? mostWords / n : 0;
    features[FEATURE.softCoverage] = share(softCovered);
    features[FEATURE.softSentenceCoverage] = share(bestSoftSentence);
    features[FEATURE.sentenceCosine] = sentenceCosine;
    features[FEATURE.paragraphCosine] = paragraphCosine;
    features[FEATURE.secondSentence] = secondSentence;
    features[FEATURE.pairCoverage] = share(bestPairCoverage);
    features[FEATURE.density] = share(bestDensity);
    features[FEATURE.phrases] = n > 1 ? phrases / (n - 1) : 0;
    features[FEATURE.inOrder] = share(bestOrder);
    features[FEATURE.answerNumber] = kind === AnswerKind.Number && gives ? 1 : 0;
    features[FEATURE.answerDate] = kind === AnswerKind.Date && gives ? 1 : 0;
    features[FEATURE.answerName] = kind === AnswerKind.Name && gives ? 1 : 0;
    let paragraphKinds = 0;
    for (let s = firstSentence; s < lastSentence; s++) paragraphKinds |= this.sentenceKinds[s];
    const novel = sentenceNovel[bestSentence] ?? 0;
    features[FEATURE.novelAnswer] = kind !== AnswerKind.None && (novel & kind) !== 0 ? 1 : 0;
    features[FEATURE.novelCoverage] = share(bestNovelCoverage);
    features[FEATURE.novelName] = kind === AnswerKind.None && (novel & AnswerKind.Name) !== 0 ? 1 : 0;
    features[FEATURE.noCount] = question.count && (paragraphKinds & AnswerKind.Number) === 0 ? 1 : 0;

    // Facts of the asked kind that the question does not already hold: in the best sentence, in a
    // neighbour, anywhere in the paragraph.
    let factsInBest = 0;
    let factsNear = 0;
    let factsInParagraph = 0;
    if (question.facts !== 0) {
      const best = firstSentence + (this.options.factsFrom === 'quoted' ? quoted : this.options.factsFrom === 'learned' ? learnedBest : bestSentence);
      for (let s = firstSentence; s < lastSentence; s++) {
        const found = this.newFacts(s, doc, question) & question.facts;
        factsInParagraph |= found;
        if (s === best) factsInBest |= found;
        else if (s === best - 1 || s === best + 1) factsNear |= found;
      }
    }
    const position = doc - question.from;
    features[FEATURE.factInBest] = factsInBest !== 0 ? 1 : 0;
    features[FEATURE.factNear] = factsInBest === 0 && factsNear !== 0 ? 1 : 0;
    features[FEATURE.factInParagraph] = factsInParagraph !== 0 ? 1 : 0;
    features[FEATURE.noFact] = (question.facts & CHECKABLE_KINDS) !== 0 && (factsInParagraph & CHECKABLE_KINDS) === 0 ? 1 : 0;
    features[FEATURE.lead] = position === 0 ? 1 : 0;
    features[FEATURE.position] = 1 / (1 + position);
    features[FEATURE.leadTerse] = position === 0 && n <= 2 ? 1 : 0;
    let alignedParagraph = 0;
    for (let a = 0; a < n; a++) alignedParagraph += weights[a] * align[a];
    features[FEATURE.alignSentence] = share(bestAlign);
    features[FEATURE.alignParagraph] = share(alignedParagraph);
    features[FEATURE.leadFact] = position === 0 && factsInBest !== 0 ? 1 : 0;
    const evidence: Evidence = {
      credit: Array.from(credit.subarray(0, n)),
      soft: Array.from(soft.subarray(0, n)),
      align: Array.from(align.subarray(0, n)),
      sentenceAlign: bestAlignedWords ?? new Array<number>(n).fill(0),
      factsInBest,
      factsNear,
      factsInParagraph,
    };
    features[FEATURE.sentenceModel] = sentenceModelScores[learnedBest] ?? 0;
    const hit: Hit = { id: doc, score, matchScore: score, coverage: share(softCovered), sentenceScores, bestSentence: this.options.learnedSentence ? quoted : answerSentence, matchedTerms, evidence };
    if (question.explain) hit.sentenceFeatures = sentenceFeatures;
    return hit;
  }
}

/**
 * How the question's words sit in a sentence: `density`, distinct words over the shortest span
 * holding them all; `order`, the longest run in question order over the distinct words.
 */
function arrangement(asked: readonly number[], at: readonly number[], distinct: number, count: Int32Array): { density: number; order: number } {
  count.fill(0);
  let inWindow = 0;
  let shortest = Infinity;
  for (let lo = 0, hi = 0; hi < asked.length; hi++) {
    if (count[asked[hi]]++ === 0) inWindow++;
    while (inWindow === distinct) {
      shortest = Math.min(shortest, at[hi] - at[lo] + 1);
      if (--count[asked[lo]] === 0) inWindow--;
      lo++;
    }
  }
  // Longest strictly increasing subsequence of question positions (patience sorting).
  const tails: number[] = [];
  for (const a of asked) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < a) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = a;
  }
  return { density: distinct / shortest, order: tails.length / distinct };
}

const MONTH_STEMS = new Set(['januari', 'februari', 'march', 'april', 'june', 'juli', 'august', 'septemb', 'octob', 'novemb', 'decemb']);

/** The kind of answer one token could be: a figure, a year or month, or a name (capitalised, not first). */
function tokenKind(term: string, surface: string, start: number): number {
  if (/^\d/.test(term)) {
    if (/^(?:1\d{3}|20\d{2})s?$/.test(term)) return AnswerKind.Date; // 1796, 1990s
    if (/^\d+(?:st|nd|rd|th)$/.test(term)) return AnswerKind.Date | AnswerKind.Number; // 19th (century)
    return AnswerKind.Number;
  }
  if (MONTH_STEMS.has(term)) return AnswerKind.Date;
  const first = surface.charCodeAt(0);
  return start > 0 && first >= 65 && first <= 90 ? AnswerKind.Name : 0;
}

/** First position in sorted `values[lo..hi)` holding a value >= `target`. */
function lowerBound(values: Uint32Array, lo: number, hi: number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k best documents by score (ties: lower id first), without sorting all of them. */
function topByScore(docs: Uint32Array, count: number, scores: Float32Array, k: number): { id: number; score: number }[] {
  const best: { id: number; score: number }[] = [];
  let floor = -Infinity;
  for (let i = 0; i < count; i++) {
    const id = docs[i];
    const score = scores[id];
    if (best.length === k && score <= floor) continue;
    let at = best.length;
    if (best.length < k) best.push({ id, score });
    else at = k - 1;
    while (at > 0 && (best[at - 1].score < score || (best[at - 1].score === score && best[at - 1].id > id))) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = { id, score };
    if (best.length === k) floor = best[k - 1].score;
  }
  return best;
}

/** Stems of the words a question writes with a capital after its first word: names. */
function namedWords(query: string): Set<string> {
  const named = new Set<string>();
  if (isShouted(query)) return named;
  for (const token of analyze(query)) {
    const first = token.surface.charCodeAt(0);
    if (token.start > 0 && first >= 65 && first <= 90 && /^\s*\S/.test(query.slice(0, token.start))) named.add(token.term);
  }
  return named;
}

// Word-vector nearness as credit for an asked word: nothing below this cosine (unrelated words
// of GloVe sit at 0.1-0.3), full at 1.
const ALIGN_FLOOR = 0.3;

function alignmentCredit(cosine: number): number {
  return cosine <= ALIGN_FLOOR ? 0 : (cosine - ALIGN_FLOOR) / (1 - ALIGN_FLOOR);
}
