// The SearchIndex facade: BM25 over paragraphs (postings.ts, first-pass.ts), the question's words expanded
// (expand.ts), the leaders read sentence by sentence (evidence.ts, sentence-model.ts) and
// re-ranked by a linear model (rerank-model.ts). Options and defaults: options.ts.

import { askedKind, asksCount, type AnswerKind } from './answer-type.js';
import { EvidenceReader } from './evidence.js';
import type { Question, TermSlot } from './sentence-scan.js';
import { QueryExpander, type QueryTerm } from './expand.js';
import { askedFactKinds, CHECKABLE_KINDS, isYesNoQuestion } from './fact-kinds.js';
import { rerankDepthFor, withDefaults, type IndexOptions } from './options.js';
import { FirstPass } from './first-pass.js';
import { Postings, type IndexDocument } from './postings.js';
import { FEATURE_COUNT, normalizeFeatures, rerankShares } from './rerank-model.js';
import type { AskedWord, Hit, SearchOptions, SearchResult } from './types.js';
import { IndexSemantics, type RecordReader, type VectorRecords } from './vectors/similarity.js';
import type { TextList } from '../story/text-store.js';

export type { IndexOptions } from './options.js';
export type { IndexDocument } from './postings.js';
export type { QueryTerm } from './expand.js';
export type { AskedWord, Hit, SearchOptions, SearchResult } from './types.js';

/** Hits returned when a search does not say how many. */
const DEFAULT_LIMIT = 10;

/**
 * A stand-in of the word's own (itself, a form, a spelling, a typo fix; not a related word) with
 * this much credit or more shows the word itself, for its spread and name share.
 */
const STRONG_CREDIT = 0.7;

/** A term written as a name in at least this share of its uses is one of the story's names. */
const NAME_SHARE = 0.5;

/**
 * A search index over paragraphs: BM25 with an inverted index picks leaders, which are then
 * re-ranked by sentence-level evidence (a question usually matches one sentence closely).
 *
 * ```ts
 * const index = SearchIndex.build(story.paragraphs, { words: lexicon, vectors });
 * const [best] = index.search('How many troops are in Iraq?', { limit: 3 });
 * ```
 */
export class SearchIndex {
  readonly options: IndexOptions;
  readonly size: number;
  private readonly postings: Postings;
  private readonly firstPass: FirstPass;
  private readonly expander: QueryExpander;
  private readonly evidence: EvidenceReader;
  private readonly semantics?: IndexSemantics;

  private constructor(options: IndexOptions, postings: Postings, storedVectors?: RecordReader, lazyVectors = false) {
    this.options = options;
    this.size = postings.size;
    this.postings = postings;
    this.firstPass = new FirstPass(this.postings, options.k1);
    const vectors = options.vectors;
    let termRows: Int32Array | undefined;
    if (vectors) {
      const { termList, idf, tokens, sentenceTokenStart, docSentenceStart } = this.postings;
      termRows = Int32Array.from(termList, (term) => vectors.row(term));
      this.semantics = new IndexSemantics(
        vectors,
        termRows,
        idf,
        tokens,
        sentenceTokenStart,
        docSentenceStart,
        lazyVectors,
        storedVectors,
      );
    }
    this.expander = new QueryExpander(this.postings, options, termRows);
    this.evidence = new EvidenceReader(this.postings, options, this.semantics, termRows);
  }

  /**
   * Indexes documents (paragraphs) whose sentences are already split: a story's paragraphs fit
   * as they are. Options not given take their defaults ({@link DEFAULT_OPTIONS}). `lazyVectors`:
   * see {@link completeVectors}.
   */
  static build(
    documents: readonly IndexDocument[],
    options: Partial<IndexOptions> = {},
    { lazyVectors = false, texts }: { lazyVectors?: boolean; texts?: TextList } = {},
  ): SearchIndex {
    const full = withDefaults(options);
    return new SearchIndex(full, new Postings(documents, full, texts), undefined, lazyVectors);
  }

  /**
   * Built with `lazyVectors`, a paragraph's sentence and paragraph vectors are made when a question
   * first reaches it (the same vectors, later): this makes all the rest now.
   */
  completeVectors(): void {
    this.semantics?.complete();
  }

  /**
   * An index from what {@link cacheParts} gave (the index cache), with the same options and word
   * data it was built with. A paragraph's sentence and paragraph vectors are read through
   * `storedVectors` (the cache's records) when a question first reaches it, or computed then
   * when there are none.
   */
  static restore(
    postings: Postings,
    storedVectors: RecordReader | undefined,
    options: Partial<IndexOptions> = {},
  ): SearchIndex {
    return new SearchIndex(withDefaults(options), postings, storedVectors, true);
  }

  /**
   * What the index cache stores of this index (its texts are the stories'): the postings, and the
   * vectors as records made while they are written (see {@link VectorRecords}).
   */
  cacheParts(): { postings: Postings; semantics?: VectorRecords } {
    return { postings: this.postings, semantics: this.semantics?.records() };
  }

  /** Inverse document frequency of a stem; an unknown stem gets the highest possible. */
  idfOf(term: string): number {
    return this.postings.idfOf(term);
  }

  /** The question's stems (with repeats merged) and the index terms that stand for them. */
  expand(query: string): { asked: Map<string, number>; terms: QueryTerm[] } {
    return this.expander.expand(query);
  }

  /**
   * The paragraphs that best answer a question, best first: at most `limit` (default 10), each
   * with the re-rank's belief that it is the one (`score`), its coverage of the question, its
   * sentences' match scores and the sentence to quote. `from`/`to` limit the search to a range
   * of documents (one story of several); an empty array when no word of the question is found.
   */
  search(query: string, opts: SearchOptions = {}): Hit[] {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    return this.searchDetailed(query, opts).hits.slice(0, limit);
  }

  /**
   * {@link search}, with every re-ranked leader (best first, each with its re-rank features) and
   * what the search read in the question: its words with their weights and whether the range
   * holds them, the kinds of fact asked, and whether it is a yes/no question.
   */
  searchDetailed(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, opts.limit ?? DEFAULT_LIMIT);
    const from = opts.from ?? 0;
    const to = opts.to ?? this.size;
    const { asked, terms, named } = this.expander.expand(query);
    const facts = askedFactKinds(query);
    const yesNo = isYesNoQuestion(query);
    const askedWords = this.askedWords(asked, terms, named, from, to);
    const wholeRange = to - from <= this.options.rerankAllUpTo;
    // No word of the question is in the index: nothing to rank, unless the range is small enough
    // to weigh every paragraph by nearness alone ("attendance?" for a story that says "crowd").
    if (asked.size === 0 || (terms.length === 0 && !wholeRange)) return { hits: [], asked: askedWords, facts, yesNo };

    // A common related word would cost a long postings walk for little weight: it is left to
    // the re-rank, which still counts it in the leaders' sentences.
    const expensiveDf = Math.max(this.options.relatedMaxPostings, this.size * this.options.relatedMaxShare);
    let depth = rerankDepthFor(this.options, this.size, limit);
    // A story of a few paragraphs: every one is weighed, even one that shares no word with the
    // question (a paraphrase), since the re-rank sees more than shared words.
    if (wholeRange) depth = Math.max(depth, to - from);
    const leaders = this.firstPass.leaders(terms, from, to, depth, expensiveDf, wholeRange);

    const question = this.question(
      asked,
      terms,
      askedKind(query),
      asksCount(query),
      facts,
      from,
      opts.explain === true,
    );
    const features = new Float64Array(leaders.length * FEATURE_COUNT);
    const hits = this.evidence.readAll(leaders, question, features, FEATURE_COUNT);
    normalizeFeatures(features, hits.length);
    // The hidden layer was fitted on whole-story re-ranks; over a first pass's few best of a larger
    // corpus it cost SQuAD's 2,067-paragraph corpus about a point, so it weighs whole stories only.
    const hidden = wholeRange ? this.options.rerankHidden : undefined;
    const shares = rerankShares(features, hits.length, this.options.rerankWeights, hidden);
    hits.forEach((hit, i) => {
      hit.matchScore = hit.score;
      hit.score = shares[i];
      hit.features = Array.from(features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT));
    });
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    // Only the best hit's is read by the answerability model; training reads every leader's.
    if ((facts & CHECKABLE_KINDS) !== 0) {
      for (const hit of opts.explain === true ? hits : hits.slice(0, 1))
        this.evidence.readFactWindow(hit, askedWords, question);
    }
    return { hits, asked: askedWords, facts, yesNo };
  }

  /** Every document's sentence bounds: document d's are first[d] .. first[d + 1] - 1, each [start, end) in its text. */
  sentenceTable(): { first: Uint32Array; start: Uint32Array; end: Uint32Array } {
    const { docSentenceStart, sentenceCharStart, sentenceCharEnd } = this.postings;
    return { first: docSentenceStart, start: sentenceCharStart, end: sentenceCharEnd };
  }

  /** The sentences of a document, as given to {@link build}. */
  sentencesOf(doc: number): string[] {
    const out: string[] = [];
    const { docSentenceStart } = this.postings;
    for (let s = docSentenceStart[doc]; s < docSentenceStart[doc + 1]; s++) out.push(this.postings.sentenceIn(doc, s));
    return out;
  }

  /** The text of a sentence, by its number over the whole index. */
  sentenceText(sentence: number): string {
    return this.postings.sentenceIn(this.postings.docOfSentence(sentence), sentence);
  }

  /** The question's words as searched, with their weights and how far the range holds each. */
  private askedWords(
    asked: Map<string, number>,
    terms: readonly QueryTerm[],
    named: ReadonlySet<string>,
    from: number,
    to: number,
  ): AskedWord[] {
    const { nameShare } = this.postings;
    return [...asked.keys()].map((term) => {
      let inRange = 0;
      let spread = 0;
      let storyName = false;
      for (const q of terms) {
        if (q.of !== term) continue;
        const [start, end] = this.postings.postingRange(q.id, from, to);
        if (end <= start) continue;
        if (q.credit > inRange) inRange = q.credit;
        // Related words ("plan" for "program") are other words.
        if (q.credit >= STRONG_CREDIT && !q.related) {
          spread = Math.max(spread, (end - start) / Math.max(1, to - from));
          if (nameShare[q.id] >= NAME_SHARE) storyName = true;
        }
      }
      const vectors = this.options.vectors;
      const row = vectors ? vectors.row(term) : -1;
      // Word vectors come in order of frequency: a late row is a rare, specific word.
      const rarity = vectors && row >= 0 ? Math.log(2 + row) / Math.log(2 + vectors.size) : 1;
      return {
        term,
        weight: this.idfOf(term) * this.expander.askedWeight(term),
        inRange,
        named: named.has(term),
        rarity,
        spread,
        storyName,
      };
    });
  }

  /** What the evidence needs to know of the question: its words' weights and the index terms that matter to it. */
  private question(
    asked: Map<string, number>,
    terms: readonly QueryTerm[],
    kind: AnswerKind,
    count: boolean,
    facts: number,
    from: number,
    explain: boolean,
  ): Question {
    const names = [...asked.keys()];
    const position = new Map(names.map((term, i) => [term, i]));
    const weights = names.map((term) => this.idfOf(term) * this.expander.askedWeight(term));
    const byTerm = new Map<number, TermSlot>();
    // Every slot has the same shape, so the re-rank's reads of it stay monomorphic.
    for (const q of terms) byTerm.set(q.id, { match: { q, asked: position.get(q.of)! }, near: undefined, seenBy: -1 });
    let vector: Float32Array | undefined;
    if (this.options.vectors && this.semantics) {
      names.forEach((term, asked) => {
        for (const { id, inSentence, inParagraph } of this.expander.nearTerms(term)) {
          let slot = byTerm.get(id);
          if (!slot) byTerm.set(id, (slot = { match: undefined, near: undefined, seenBy: -1 }));
          (slot.near ??= []).push({ asked, inSentence, inParagraph });
        }
      });
      vector = this.semantics.questionVector(names, weights);
    }
    return {
      slots: [...byTerm.values()],
      slotTerms: [...byTerm.keys()],
      weights,
      totalWeight: weights.reduce((a, b) => a + b, 0),
      kind,
      count,
      vector,
      facts,
      questionTerms: new Set([...names, ...terms.map((q) => q.term)]),
      from,
      askedRows: Int32Array.from(names, (term) => this.options.vectors?.row(term) ?? -1),
      explain,
    };
  }
}
