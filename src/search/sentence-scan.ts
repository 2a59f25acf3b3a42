// The sentence scan: one leading paragraph read sentence by sentence against the question
// (which asked words each sentence holds, how close and in what order, how they align by word
// vectors, what kinds of answer it gives). Evidence (evidence.ts) turns the result into features.

import { AnswerKind } from './answer-type.js';
import type { QueryTerm } from './expand.js';
import type { IndexOptions } from './options.js';
import type { Postings } from './postings.js';
import type { SentenceEvidence } from './sentence-model.js';
import type { WordVectors } from './vectors/load.js';

/** What one index term means to the question: the query term it matches (and its asked word's position), or its nearness to asked words. */
export interface TermSlot {
  match?: { q: QueryTerm; asked: number };
  /** The asked words this term is near, with its credits for each. */
  near?: { asked: number; inSentence: number; inParagraph: number }[];
  /** The last leader that counted this term as matched (so each is added once). */
  seenBy: number;
}

/** What the evidence knows about the question, shared by all its leaders. */
export interface Question {
  /** Slots of the index terms that matter to the question, and their term ids. */
  slots: TermSlot[];
  slotTerms: number[];
  /** Asked stems' weights, in the order of the asked words, and their sum. */
  weights: number[];
  totalWeight: number;
  kind: AnswerKind;
  /** "How many/much" asked. */
  count: boolean;
  vector?: Float32Array;
  /** Kinds of fact asked ({@link FactKind} bits). */
  facts: number;
  /** Stems of the question and of the words that stood in for them: a fact span holding one is not new. */
  questionTerms: ReadonlySet<string>;
  /** First document of the searched range: a document's position in its story. */
  from: number;
  /** Word-vector row of each asked word (-1: none). */
  askedRows: Int32Array;
  /** Keep each sentence's features on the hits (training). */
  explain: boolean;
}

// Word-vector nearness as credit for an asked word: nothing below this cosine (unrelated words
// of GloVe sit at 0.1-0.3), full at 1.
const ALIGN_FLOOR = 0.3;

/** How many recent question-word tokens a sentence keeps to find close pairs. */
const PAIR_MEMORY = 4;

/** Per asked word, the scan's running values: buffers kept between questions (typed arrays are slow to make). */
export class Scratch {
  size = 0;
  credit = new Float64Array(0);
  soft = new Float64Array(0);
  sentenceCredit = new Float64Array(0);
  sentenceSoft = new Float64Array(0);
  contribution = new Float64Array(0);
  align = new Float64Array(0);
  sentenceAlign = new Float64Array(0);
  bestAligned = new Float64Array(0);
  counts = new Int32Array(0);

  ensure(n: number): this {
    if (this.size >= n && this.size > 0) return this;
    const size = Math.max(n, 16);
    this.size = size;
    for (const key of [
      'credit',
      'soft',
      'sentenceCredit',
      'sentenceSoft',
      'contribution',
      'align',
      'sentenceAlign',
      'bestAligned',
    ] as const)
      this[key] = new Float64Array(size);
    this.counts = new Int32Array(size);
    return this;
  }
}

/** The paragraph-wide results of the sentence scan. */
export interface Scan {
  sentenceScores: number[];
  sentenceNovel: number[];
  perSentence: SentenceEvidence[];
  matchedTerms: Set<string>;
  pairs: number;
  adjacentPairs: number;
  phrases: number;
  bestSentenceCoverage: number;
  bestNovelCoverage: number;
  bestDensity: number;
  bestOrder: number;
  bestPairCoverage: number;
  bestSoftSentence: number;
  bestAlign: number;
  bestAlignedWords?: number[];
  mostWords: number;
  givesKind: boolean;
}

/** Marks a term whose cosines the current question has not read yet (in {@link CosineTable}). */
const UNREAD = -2;
/** Marks a term without a word vector. */
const NO_VECTOR = -1;

/**
 * Two integer dot products in one float64 sum, low + high * PACK: with int8 rows of under
 * {@link MOST_PACKED_DIMENSIONS}, |dot| < 2^11 * 2^14 = PACK / 2, so every partial sum is an
 * integer under 2^53 (exact) and the low dot is told apart from the high one exactly.
 */
const PACK = 2 ** 26;
const MOST_PACKED_DIMENSIONS = 2 ** 11 - 1;

/** Splits a packed sum into dots[a] (low) and dots[a + 1] (high). */
function unpack(sum: number, dots: Float64Array, a: number): void {
  const high = Math.round(sum / PACK);
  dots[a] = sum - high * PACK;
  if (a + 1 < dots.length) dots[a + 1] = high;
}

/**
 * Each index term's centred cosines with the current question's asked words, computed when the
 * term is first read and kept until the next question: one typed-array read per token. Gives the
 * very values of {@link WordVectors.centeredCosine}: the same operations in the same order, with
 * the integer dot products (exact in any order) done for all asked words in one pass over the row.
 */
export class CosineTable {
  /** Per index term: where its cosines start in `values`, {@link NO_VECTOR} or {@link UNREAD}. */
  private at = new Int32Array(0);
  private values = new Float32Array(256);
  private used = 0;
  /** Terms read by the current question (their places are reset at the next). */
  private read = new Int32Array(256);
  private readCount = 0;
  private asked = new Int32Array(0);
  private askedScale = new Float64Array(0);
  private askedDot = new Float64Array(0);
  private askedRest = new Float64Array(0);
  private dots = new Float64Array(0);
  /** The asked words' vectors, two to a row (see {@link PACK}). */
  private packed = new Float64Array(0);
  private n = 0;

  constructor(
    private readonly vectors: WordVectors | undefined,
    private readonly termRows: Int32Array | undefined,
  ) {}

  /** Forgets the previous question's cosines and takes the asked words' rows (-1: none). */
  start(askedRows: Int32Array): void {
    const terms = this.termRows?.length ?? 0;
    if (this.at.length !== terms) this.at = new Int32Array(terms).fill(UNREAD);
    for (let i = 0; i < this.readCount; i++) this.at[this.read[i]] = UNREAD;
    this.readCount = 0;
    this.used = 0;
    const n = askedRows.length;
    this.n = n;
    if (this.asked.length < n) {
      this.asked = new Int32Array(n);
      this.askedScale = new Float64Array(n);
      this.askedDot = new Float64Array(n);
      this.askedRest = new Float64Array(n);
      this.dots = new Float64Array(n);
    }
    this.asked.set(askedRows);
    if (!this.vectors) return;
    const { scales } = this.vectors;
    const common = this.vectors.common.dots;
    const d = this.vectors.dimensions;
    const pairs = (n + 1) >> 1;
    if (this.packed.length < pairs * d) this.packed = new Float64Array(pairs * d);
    this.packed.fill(0, 0, pairs * d);
    const { bytes } = this.vectors;
    for (let a = 0; a < n; a++) {
      const row = askedRows[a];
      if (row < 0) continue;
      // Asked words 2p and 2p + 1 share one row of `packed`: the second's bytes times PACK.
      const into = (a >> 1) * d;
      const times = (a & 1) === 0 ? 1 : PACK;
      for (let k = 0; k < d; k++) this.packed[into + k] += bytes[row * d + k] * times;
      const da = common[row];
      this.askedScale[a] = scales[row];
      this.askedDot[a] = da;
      this.askedRest[a] = 1 - da * da;
    }
  }

  /** Where the term's cosines start in {@link cosines} (one per asked word), or -1 when it has no vector. */
  offset(term: number): number {
    if (!this.vectors || !this.termRows) return NO_VECTOR;
    const at = this.at[term];
    return at !== UNREAD ? at : this.compute(term);
  }

  /** The cosines; valid until the next {@link offset} call that computes. */
  get cosines(): Float32Array {
    return this.values;
  }

  private compute(term: number): number {
    if (this.readCount === this.read.length) {
      const grown = new Int32Array(this.read.length * 2);
      grown.set(this.read);
      this.read = grown;
    }
    this.read[this.readCount++] = term;
    const vectors = this.vectors!;
    const row = this.termRows![term];
    if (row < 0) return (this.at[term] = NO_VECTOR);
    const n = this.n;
    if (this.used + n > this.values.length) {
      const grown = new Float32Array(Math.max(this.values.length * 2, this.used + n));
      grown.set(this.values);
      this.values = grown;
    }
    const at = this.used;
    this.used += n;
    this.at[term] = at;
    const { asked, dots } = this;
    this.dotsWith(row);
    const { scales } = vectors;
    const db = vectors.common.dots[row];
    const sb = scales[row];
    const restB = 1 - db * db;
    for (let a = 0; a < n; a++) {
      if (asked[a] < 0) {
        this.values[at + a] = 0;
        continue;
      }
      // As centeredCosine(asked, row): cosine(asked, row) = dot * scale[asked] * scale[row], in that order.
      const cosine = dots[a] * this.askedScale[a] * sb;
      const da = this.askedDot[a];
      this.values[at + a] = (cosine - da * db) / Math.sqrt(Math.max(1e-9, this.askedRest[a] * restB));
    }
    return at;
  }

  /** Each asked word's integer dot product with the row, into `dots`. */
  private dotsWith(row: number): void {
    const { bytes, dimensions: d } = this.vectors!;
    const { asked, dots, packed, n } = this;
    const base = row * d;
    if (d > MOST_PACKED_DIMENSIONS) {
      for (let a = 0; a < n; a++) {
        let dot = 0;
        if (asked[a] >= 0) for (let k = 0; k < d; k++) dot += bytes[asked[a] * d + k] * bytes[base + k];
        dots[a] = dot;
      }
      return;
    }
    // Four asked words per pass over the row: two packed rows, each two words (see PACK). Each
    // sum is split over four accumulators, so the additions need not wait for each other: every
    // partial sum is an integer under 2^53, so the total is exact whatever the order.
    const whole = d & ~3;
    for (let a = 0; a < n; a += 4) {
      const p = (a >> 1) * d;
      const q = p + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      if (a + 2 < n) {
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        let k = 0;
        for (; k < whole; k += 4) {
          const x0 = bytes[base + k];
          const x1 = bytes[base + k + 1];
          const x2 = bytes[base + k + 2];
          const x3 = bytes[base + k + 3];
          s0 += x0 * packed[p + k];
          s1 += x1 * packed[p + k + 1];
          s2 += x2 * packed[p + k + 2];
          s3 += x3 * packed[p + k + 3];
          t0 += x0 * packed[q + k];
          t1 += x1 * packed[q + k + 1];
          t2 += x2 * packed[q + k + 2];
          t3 += x3 * packed[q + k + 3];
        }
        for (; k < d; k++) {
          s0 += bytes[base + k] * packed[p + k];
          t0 += bytes[base + k] * packed[q + k];
        }
        unpack(s0 + s1 + (s2 + s3), dots, a);
        unpack(t0 + t1 + (t2 + t3), dots, a + 2);
      } else {
        let k = 0;
        for (; k < whole; k += 4) {
          s0 += bytes[base + k] * packed[p + k];
          s1 += bytes[base + k + 1] * packed[p + k + 1];
          s2 += bytes[base + k + 2] * packed[p + k + 2];
          s3 += bytes[base + k + 3] * packed[p + k + 3];
        }
        for (; k < d; k++) s0 += bytes[base + k] * packed[p + k];
        unpack(s0 + s1 + (s2 + s3), dots, a);
      }
    }
  }
}

/** Scans paragraphs of one index; `termSlot` maps each index term to its slot in the current question (-1: none). */
export class SentenceScanner {
  private readonly cosineTable: CosineTable;

  constructor(
    private readonly postings: Postings,
    private readonly options: IndexOptions,
    private readonly termSlot: Int32Array,
    /** Word-vector row of each index term (-1: none). */
    termRows?: Int32Array,
  ) {
    this.cosineTable = new CosineTable(options.vectors, termRows);
  }

  /** The last few question-word tokens of a sentence: where each stands and its query term. */
  private readonly recentAt = new Int32Array(PAIR_MEMORY);
  private readonly recentTerm: QueryTerm[] = [];

  /** Call once per question, before its first {@link scan}. */
  startQuestion(question: Question): void {
    this.cosineTable.start(question.askedRows);
  }

  /** The scan's per-word buffers; after {@link scan}, credit, soft and align hold the paragraph's values. */
  readonly scratch = new Scratch();

  /**
   * The paragraph read sentence by sentence: each sentence's match score and evidence, and the
   * paragraph's best values; per-word credits are left in `scratch` (credit, soft, align).
   */
  scan(doc: number, question: Question): Scan {
    const { slots, weights, kind } = question;
    const { tokens, tokenKinds, sentenceTokenStart, sentenceKinds, docSentenceStart, idf, averageSentenceLength } =
      this.postings;
    const termSlot = this.termSlot;
    const cosineTable = this.cosineTable;
    const n = weights.length;
    const { credit, soft, sentenceCredit, sentenceSoft, contribution, align, sentenceAlign, counts } =
      this.scratch.ensure(question.weights.length);
    align.fill(0);
    credit.fill(0);
    soft.fill(0);
    const out: Scan = {
      sentenceScores: [],
      sentenceNovel: [],
      perSentence: [],
      matchedTerms: new Set<string>(),
      pairs: 0,
      adjacentPairs: 0,
      phrases: 0,
      bestSentenceCoverage: 0,
      bestNovelCoverage: 0,
      bestDensity: 0,
      bestOrder: 0,
      bestPairCoverage: 0,
      bestSoftSentence: 0,
      bestAlign: 0,
      mostWords: 0,
      givesKind: false,
    };
    const { recentAt, recentTerm } = this;
    const hits: number[] = []; // asked word of each matching token of a sentence, in text order
    const at: number[] = [];
    let previousCoverage = 0;
    // The best-aligned sentence's words, copied out once the paragraph is read.
    const bestAligned = this.scratch.bestAligned;
    let alignedYet = false;
    for (let s = docSentenceStart[doc]; s < docSentenceStart[doc + 1]; s++) {
      let recentCount = 0; // question-word tokens kept, the oldest first (a ring of PAIR_MEMORY)
      let recentFirst = 0;
      sentenceCredit.fill(0);
      sentenceSoft.fill(0);
      contribution.fill(0);
      hits.length = 0;
      at.length = 0;
      let distinct = 0;
      let previous = -1;
      let novel = 0; // kinds of answer the sentence holds beyond the question's own words
      sentenceAlign.fill(0);
      for (let i = sentenceTokenStart[s]; i < sentenceTokenStart[s + 1]; i++) {
        const from = cosineTable.offset(tokens[i]);
        if (from >= 0) {
          const cosines = cosineTable.cosines;
          for (let a = 0; a < n; a++) if (cosines[from + a] > sentenceAlign[a]) sentenceAlign[a] = cosines[from + a];
        }
        const slot = termSlot[tokens[i]];
        if (slot < 0) {
          novel |= tokenKinds[i];
          previous = -1;
          continue;
        }
        const termInfo = slots[slot];
        const { match, near } = termInfo;
        if (near) nearCredit(near, sentenceSoft, soft);
        if (!match) {
          novel |= tokenKinds[i];
          previous = -1;
          continue;
        }
        const { q, asked: a } = match;
        if (previous >= 0 && previous !== a) {
          out.adjacentPairs++;
          // The question's own phrase: next to each other there too, in the same order.
          if (a === previous + 1) out.phrases++;
        }
        previous = a;
        // Question words that stand close together in the text: the closer, the stronger.
        for (let r = 0; r < recentCount; r++) {
          const k = (recentFirst + r) % PAIR_MEMORY;
          const distance = i - recentAt[k];
          const other = recentTerm[k];
          if (distance <= this.options.pairWindow && other.of !== q.of)
            out.pairs += Math.min(q.weight, other.weight) / distance;
        }
        const next = (recentFirst + recentCount) % PAIR_MEMORY;
        recentAt[next] = i;
        recentTerm[next] = q;
        if (recentCount < PAIR_MEMORY) recentCount++;
        else recentFirst = (recentFirst + 1) % PAIR_MEMORY;
        const value = idf[q.id] * q.weight;
        if (contribution[a] === 0) distinct++;
        if (value > contribution[a]) contribution[a] = value;
        if (termInfo.seenBy !== doc) {
          termInfo.seenBy = doc;
          out.matchedTerms.add(q.term);
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
      if (covered > out.bestSentenceCoverage) out.bestSentenceCoverage = covered;
      if (kind !== AnswerKind.None && (novel & kind) !== 0 && covered > out.bestNovelCoverage)
        out.bestNovelCoverage = covered;
      let sentenceDensity = 0;
      let sentenceOrder = 0;
      if (hits.length > 0) {
        const { density, order } = arrangement(hits, at, distinct, counts);
        sentenceDensity = covered * density;
        sentenceOrder = covered * order;
        if (covered * density > out.bestDensity) out.bestDensity = covered * density;
        if (covered * order > out.bestOrder) out.bestOrder = covered * order;
      }
      if (covered + previousCoverage > out.bestPairCoverage) out.bestPairCoverage = covered + previousCoverage;
      previousCoverage = covered;
      if (softCovered > out.bestSoftSentence) out.bestSoftSentence = softCovered;
      let aligned = 0;
      for (let a = 0; a < n; a++) {
        const nearness = Math.max(sentenceCredit[a], alignmentCredit(sentenceAlign[a]));
        sentenceAlign[a] = nearness;
        aligned += weights[a] * nearness;
        if (nearness > align[a]) align[a] = nearness;
      }
      if (aligned > out.bestAlign || !alignedYet) {
        out.bestAlign = aligned;
        bestAligned.set(sentenceAlign.subarray(0, n));
        alignedYet = true;
      }
      if (distinct > out.mostWords) out.mostWords = distinct;
      if (distinct > 1) score *= 1 + this.options.concentration * (distinct - 1);
      const sentenceLength = sentenceTokenStart[s + 1] - sentenceTokenStart[s];
      const lengthNorm = this.options.sentenceLengthNorm;
      score /= 1 - lengthNorm + (lengthNorm * sentenceLength) / averageSentenceLength;
      if (score > 0 && kind !== AnswerKind.None && (sentenceKinds[s] & kind) !== 0) {
        score += this.options.answerKindBonus;
        out.givesKind = true;
      }
      out.sentenceScores.push(score);
      out.sentenceNovel.push(novel);
      out.perSentence.push({
        covered,
        softCovered,
        aligned,
        words: n > 0 ? distinct / n : 0,
        density: sentenceDensity,
        order: sentenceOrder,
        score,
        length: sentenceLength,
      });
    }
    if (alignedYet) {
      const words = new Array<number>(n);
      for (let a = 0; a < n; a++) words[a] = bestAligned[a];
      out.bestAlignedWords = words;
    }
    return out;
  }
}

/** A near term's credits for the asked words it is near: within the sentence and across the paragraph. */
function nearCredit(near: NonNullable<TermSlot['near']>, sentenceSoft: Float64Array, soft: Float64Array): void {
  for (const { asked, inSentence, inParagraph } of near) {
    if (inSentence > sentenceSoft[asked]) sentenceSoft[asked] = inSentence;
    if (inParagraph > soft[asked]) soft[asked] = inParagraph;
  }
}

/**
 * How the question's words sit in a sentence: `density`, distinct words over the shortest span
 * holding them all; `order`, the longest run in question order over the distinct words.
 */
export function arrangement(
  asked: readonly number[],
  at: readonly number[],
  distinct: number,
  count: Int32Array,
): { density: number; order: number } {
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

/** Word-vector nearness as credit for an asked word: 0 up to {@link ALIGN_FLOOR}, 1 at cosine 1. */
export function alignmentCredit(cosine: number): number {
  return cosine <= ALIGN_FLOOR ? 0 : (cosine - ALIGN_FLOOR) / (1 - ALIGN_FLOOR);
}
