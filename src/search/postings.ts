// The inverted index: every document's terms as ids, sentence and document bounds, and BM25
// postings in CSR form (typed arrays, no boxed numbers at 200,000 paragraphs). Built from
// documents whose sentences are already split (the first pass over them: first-pass.ts), or
// restored from the index cache.

import type { TextList } from '../story/text-store.js';
import { acronymDefinitions } from './acronyms.js';
import { AnswerKind, answerKindsOf } from './answer-type.js';
import { WordAnalyzer } from './text.js';
import { TermIdBuilder, U8Builder } from './typed-builders.js';

/** Where a sentence sits in its document's text (end exclusive). */
export interface SentenceBounds {
  start: number;
  end: number;
}

/** One document to index: its text and its sentences, already split (a story's paragraph fits). */
export interface IndexDocument {
  text: string;
  sentences: readonly SentenceBounds[];
}

/** BM25's two parameters. */
export interface Bm25Parameters {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

// Month stems that date a token. "may" is left out: as a token it is far more often the verb.
const MONTH_STEMS = new Set([
  'januari',
  'februari',
  'march',
  'april',
  'june',
  'juli',
  'august',
  'septemb',
  'octob',
  'novemb',
  'decemb',
]);

/** The kind of answer one token could be: a figure, a year or month, or a name (capitalised, not first). */
export function tokenKind(term: string, surface: string, start: number): number {
  if (/^\d/.test(term)) {
    if (/^(?:1\d{3}|20\d{2})s?$/.test(term)) return AnswerKind.Date; // 1796, 1990s
    if (/^\d+(?:st|nd|rd|th)$/.test(term)) return AnswerKind.Date | AnswerKind.Number; // 19th (century)
    return AnswerKind.Number;
  }
  if (MONTH_STEMS.has(term)) return AnswerKind.Date;
  const first = surface.charCodeAt(0);
  return start > 0 && first >= 65 && first <= 90 ? AnswerKind.Name : 0;
}

/** What postings are made of besides the documents' texts: what the index cache stores. */
export type PostingsData = Pick<
  Postings,
  | 'termList'
  | 'idf'
  | 'postingStart'
  | 'postingDoc'
  | 'postingTf'
  | 'docNorm'
  | 'tokens'
  | 'docTokenStart'
  | 'docSentenceStart'
  | 'sentenceTokenStart'
  | 'sentenceKinds'
  | 'sentenceCharStart'
  | 'sentenceCharEnd'
  | 'tokenKinds'
  | 'nameShare'
  | 'definedAs'
  | 'averageSentenceLength'
>;

/**
 * The index's data, all of it derived from the documents and BM25's parameters: what the
 * expansion, the first pass and the evidence read.
 */
export class Postings {
  readonly size: number;
  readonly vocabulary: Map<string, number>;
  readonly termList: string[];
  readonly idf: Float32Array;
  /** For term t, documents postingDoc[postingStart[t] .. postingStart[t+1]), sorted, with their term frequencies. */
  readonly postingStart: Uint32Array;
  readonly postingDoc: Uint32Array;
  readonly postingTf: Uint8Array | Uint16Array;
  /** Per document: k1 * (1 - b + b * len / avg), the per-document part of BM25's denominator. */
  readonly docNorm: Float32Array;
  /** Every document's terms in order (as term ids, two bytes each while they fit), and where each document/sentence starts. */
  readonly tokens: Uint16Array | Uint32Array;
  readonly docTokenStart: Uint32Array;
  readonly docSentenceStart: Uint32Array;
  readonly sentenceTokenStart: Uint32Array;
  /** Per sentence: the kinds of answer it can give ({@link AnswerKind} bits). */
  readonly sentenceKinds: Uint8Array;
  /** The documents' text (strings, or a TextStore that makes each when read) and each sentence's character offsets in it. */
  readonly docs: TextList;
  readonly sentenceCharStart: Uint32Array;
  readonly sentenceCharEnd: Uint32Array;
  /** Per token: the kind of answer it could be (a figure, a date, a name), as AnswerKind bits. */
  readonly tokenKinds: Uint8Array;
  /** Per term: the share of its uses written as a name (capitalised inside a sentence). */
  readonly nameShare: Float32Array;
  /** Acronyms the documents define, both ways: each term to the terms that stand for it. */
  readonly definedAs = new Map<string, Set<string>>();
  readonly averageSentenceLength: number;

  /** `texts`: the documents' texts, when they are kept already (else the strings are kept). */
  constructor(documents: readonly IndexDocument[], { k1, b }: Bm25Parameters, texts?: TextList) {
    this.size = documents.length;
    const vocabulary = new Map<string, number>();
    const termList: string[] = [];
    let sentenceCount = 0;
    let characters = 0;
    for (const doc of documents) {
      sentenceCount += doc.sentences.length;
      characters += doc.text.length;
    }
    // Sentence arrays are sized once (the sentences are given); the token arrays grow from a
    // close guess (one term per ~7 characters of English text).
    const tokens = new TermIdBuilder(Math.ceil(characters / 7));
    const tokenKinds = new U8Builder(Math.ceil(characters / 7));
    const docTokenStart = new Uint32Array(documents.length + 1);
    const docSentenceStart = new Uint32Array(documents.length + 1);
    const sentenceTokenStart = new Uint32Array(sentenceCount + 1);
    const sentenceKinds = new Uint8Array(sentenceCount);
    const sentenceCharStart = new Uint32Array(sentenceCount);
    const sentenceCharEnd = new Uint32Array(sentenceCount);
    const df: number[] = [];
    const lastDocOfTerm: number[] = [];
    // Each distinct word is analysed once (WordAnalyzer), and its term ids and token kinds made
    // once: at a sentence's start and after it (a capital means a name only after it).
    const analyzer = new WordAnalyzer();
    const words: ({ ids: number[]; kinds: number[]; firstKinds: number[] } | undefined)[] = [];
    const idOf = (term: string): number => {
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = termList.length;
        vocabulary.set(term, id);
        termList.push(term);
        df.push(0);
        lastDocOfTerm.push(-1);
      }
      return id;
    };
    let d = 0;
    const addWord = (terms: readonly string[], surface: string, at: number, number: number): void => {
      if (terms.length === 0) return;
      let word = words[number];
      if (word === undefined) {
        word = {
          ids: terms.map(idOf),
          kinds: terms.map((t) => tokenKind(t, surface, 1)),
          firstKinds: terms.map((t) => tokenKind(t, surface, 0)),
        };
        words[number] = word;
      }
      const kinds = at > 0 ? word.kinds : word.firstKinds;
      for (let i = 0; i < word.ids.length; i++) {
        const id = word.ids[i];
        tokenKinds.push(kinds[i]);
        if (lastDocOfTerm[id] !== d) {
          lastDocOfTerm[id] = d;
          df[id]++;
        }
        tokens.push(id);
      }
    };

    let s = 0;
    for (d = 0; d < documents.length; d++) {
      const text = documents[d].text;
      for (const { acronym, expansion } of acronymDefinitions(text)) {
        for (const word of expansion) {
          this.link(word, acronym);
          this.link(acronym, word);
        }
      }
      docTokenStart[d] = tokens.length;
      docSentenceStart[d] = s;
      for (const { start, end } of documents[d].sentences) {
        const sentence = text.slice(start, end);
        sentenceTokenStart[s] = tokens.length;
        sentenceCharStart[s] = start;
        sentenceCharEnd[s] = end;
        sentenceKinds[s] = answerKindsOf(sentence);
        s++;
        analyzer.forEachWord(sentence, addWord);
      }
    }
    docTokenStart[documents.length] = tokens.length;
    docSentenceStart[documents.length] = s;
    sentenceTokenStart[s] = tokens.length;

    this.vocabulary = vocabulary;
    this.termList = termList;
    this.tokens = tokens.finish();
    this.docTokenStart = docTokenStart;
    this.docSentenceStart = docSentenceStart;
    this.sentenceTokenStart = sentenceTokenStart;
    this.sentenceKinds = sentenceKinds;
    this.docs = texts ?? documents.map((doc) => doc.text);
    this.sentenceCharStart = sentenceCharStart;
    this.sentenceCharEnd = sentenceCharEnd;
    this.tokenKinds = tokenKinds.finish();
    this.averageSentenceLength = tokens.length / Math.max(1, sentenceCount) || 1;

    const V = termList.length;
    const postingStart = new Uint32Array(V + 1);
    for (let t = 0; t < V; t++) postingStart[t + 1] = postingStart[t] + df[t];
    const fill = postingStart.slice(0, V);
    const postingDoc = new Uint32Array(postingStart[V]);
    // One byte per count while every count fits (at 200,000 paragraphs: 13 MB less than two).
    let postingTf: Uint8Array | Uint16Array = new Uint8Array(postingStart[V]);
    const n = documents.length;
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
        const at = fill[t] - 1;
        if (postingTf[at] === 255 && postingTf instanceof Uint8Array) postingTf = Uint16Array.from(postingTf);
        postingTf[at] = Math.min(65535, postingTf[at] + 1);
        if ((this.tokenKinds[i] & AnswerKind.Name) !== 0) nameCount[t]++;
        termCount[t]++;
      }
    }
    let total = 0;
    for (let d = 0; d < n; d++) total += docLength[d];
    const average = total / Math.max(1, n) || 1;
    const docNorm = new Float32Array(n);
    for (let d = 0; d < n; d++) docNorm[d] = k1 * (1 - b + (b * docLength[d]) / average);

    this.idf = idf;
    this.nameShare = Float32Array.from(nameCount, (c, t) => c / Math.max(1, termCount[t]));
    this.postingStart = postingStart;
    this.postingDoc = postingDoc;
    this.postingTf = postingTf;
    this.docNorm = docNorm;
  }

  /** Postings from stored data (the index cache) over the documents' texts: nothing is analysed again. */
  static restore(docs: TextList, data: PostingsData): Postings {
    const restored = Object.create(Postings.prototype) as Postings;
    return Object.assign(restored, data, {
      size: docs.length,
      docs,
      vocabulary: new Map(data.termList.map((term, id) => [term, id])),
    });
  }

  private link(from: string, to: string): void {
    let set = this.definedAs.get(from);
    if (!set) this.definedAs.set(from, (set = new Set()));
    set.add(to);
  }

  /** Inverse document frequency of a stem; an unknown stem gets the highest possible. */
  idfOf(term: string): number {
    const id = this.vocabulary.get(term);
    return id === undefined ? Math.log(1 + (this.size + 0.5) / 0.5) : this.idf[id];
  }

  /** How many documents hold a term. */
  documentFrequency(term: number): number {
    return this.postingStart[term + 1] - this.postingStart[term];
  }

  /** Postings of a term for documents from <= id < to (postings are sorted by document). */
  postingRange(term: number, from: number, to: number): [number, number] {
    let start = this.postingStart[term];
    let end = this.postingStart[term + 1];
    if (from > 0) start = lowerBound(this.postingDoc, start, end, from);
    if (to < this.size) end = lowerBound(this.postingDoc, start, end, to);
    return [start, end];
  }

  /** The text of a sentence of a document, by its number over the whole index. */
  sentenceIn(doc: number, sentence: number): string {
    return (this.docs.at(doc) ?? '').slice(this.sentenceCharStart[sentence], this.sentenceCharEnd[sentence]);
  }

  /** The document holding a sentence (by its number over the whole index). */
  docOfSentence(sentence: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.docSentenceStart[mid] <= sentence) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** First position in sorted `values[lo..hi)` holding a value >= `target`. */
export function lowerBound(values: Uint32Array, lo: number, hi: number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
