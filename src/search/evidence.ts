// Evidence: each leading paragraph read sentence by sentence against the question (which asked
// words each sentence holds, how close, how they align by word vectors, which facts it gives),
// turned into the re-rank's features (by RERANK_FEATURES) and the sentence to quote.

import { AnswerKind } from './answer-type.js';
import { CHECKABLE_KINDS, FactKind, factSpans, type FactSpan } from './fact-kinds.js';
import type { QueryTerm } from './expand.js';
import type { IndexOptions } from './options.js';
import type { Postings } from './postings.js';
import { FEATURE, steerToAskedKind } from './rerank-model.js';
import { argmax, scoreSentences, type SentenceEvidence } from './sentence-model.js';
import { analyze } from './text.js';
import type { Evidence, Hit } from './types.js';
import type { IndexSemantics } from './vectors/similarity.js';

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
  /** Word-vector row of each asked word (-1: none), and each index term's cosines with them, as read. */
  askedRows: Int32Array;
  cosines: Map<number, Float32Array | null>;
  /** Keep each sentence's features on the hits (training). */
  explain: boolean;
}

// Word-vector nearness as credit for an asked word: nothing below this cosine (unrelated words
// of GloVe sit at 0.1-0.3), full at 1.
const ALIGN_FLOOR = 0.3;

/** How many recent question-word tokens a sentence keeps to find close pairs. */
const PAIR_MEMORY = 4;

/** Fact spans read are kept for this many sentences. */
const FACT_CACHE_LIMIT = 50_000;

/** Per asked word, the scan's running values: buffers kept between questions (typed arrays are slow to make). */
class Scratch {
  size = 0;
  credit = new Float64Array(0);
  soft = new Float64Array(0);
  sentenceCredit = new Float64Array(0);
  sentenceSoft = new Float64Array(0);
  contribution = new Float64Array(0);
  align = new Float64Array(0);
  sentenceAlign = new Float64Array(0);
  counts = new Int32Array(0);

  ensure(n: number): this {
    if (this.size >= n && this.size > 0) return this;
    const size = Math.max(n, 16);
    this.size = size;
    for (const key of ['credit', 'soft', 'sentenceCredit', 'sentenceSoft', 'contribution', 'align', 'sentenceAlign'] as const) this[key] = new Float64Array(size);
    this.counts = new Int32Array(size);
    return this;
  }
}

/** The paragraph-wide results of the sentence scan. */
interface Scan {
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

/** Reads leading paragraphs against a question; one per index. */
export class EvidenceReader {
  /** Per index term, its slot in the current question (-1: none): one typed-array read per token. */
  private readonly termSlot: Int32Array;
  private readonly factSpanCache = new Map<number, readonly FactSpan[]>();
  private readonly scratch = new Scratch();

  constructor(
    private readonly postings: Postings,
    private readonly options: IndexOptions,
    private readonly semantics?: IndexSemantics,
    /** Word-vector row of each index term (-1: none). */
    private readonly termRows?: Int32Array,
  ) {
    this.termSlot = new Int32Array(postings.termList.length).fill(-1);
  }

  /** Each leader's hit, its features written into `features` (FEATURE_COUNT per leader). */
  readAll(leaders: readonly { id: number; score: number }[], question: Question, features: Float64Array, featureCount: number): Hit[] {
    try {
      question.slotTerms.forEach((t, slot) => (this.termSlot[t] = slot));
      return leaders.map(({ id, score }, i) => this.read(id, score, question, features.subarray(i * featureCount, (i + 1) * featureCount)));
    } finally {
      for (const t of question.slotTerms) this.termSlot[t] = -1;
    }
  }

  /**
   * Sentence-level evidence for one leading document: fills `features` (by RERANK_FEATURES, the
   * hand-tuned score first) and returns the hit, to be scored by the model once all leaders are in.
   */
  private read(doc: number, bm25: number, question: Question, features: Float64Array): Hit {
    const { weights, totalWeight, kind } = question;
    const { sentenceKinds, docSentenceStart, docTokenStart } = this.postings;
    const n = weights.length;
    const scratch = this.scratch.ensure(n);
    const scan = this.scan(doc, question, scratch);
    const { credit, soft, align } = scratch;
    const firstSentence = docSentenceStart[doc];
    const lastSentence = docSentenceStart[doc + 1];
    const position = doc - question.from;
    const { scores: modelScores, features: sentenceFeatures } = scoreSentences(scan.perSentence, {
      totalWeight,
      position,
      facts: question.facts,
      weights: this.options.sentenceWeights,
      newFacts: (k) => this.newFacts(firstSentence + k, doc, question),
      cosine: (k) => (question.vector && this.semantics ? this.semantics.sentenceCosine(question.vector, firstSentence + k) : 0),
    });
    const learnedBest = argmax(modelScores);
    const quoted = steerToAskedKind(sentenceFeatures, learnedBest, (question.facts & FactKind.Reason) !== 0, (question.facts & FactKind.Means) !== 0);
    const bestSentence = argmax(scan.sentenceScores);

    let covered = 0;
    let softCovered = 0;
    for (let a = 0; a < n; a++) {
      covered += weights[a] * credit[a];
      softCovered += weights[a] * Math.max(credit[a], soft[a]);
    }
    const share = (x: number) => (totalWeight > 0 ? x / totalWeight : 0);
    const { sentenceWeight, pairWeight } = this.options;
    let score = bm25 + sentenceWeight * (scan.sentenceScores[bestSentence] ?? 0) + pairWeight * scan.pairs;
    if (kind === AnswerKind.Number && !scan.givesKind) score *= 1 - this.options.answerKindPenalty;

    let sentenceCosine = 0;
    let paragraphCosine = 0;
    if (question.vector && this.semantics) {
      // The best-matching sentence only: comparing every sentence costs a fifth of the re-rank for no gain.
      sentenceCosine = this.semantics.sentenceCosine(question.vector, firstSentence + bestSentence);
      paragraphCosine = this.semantics.paragraphCosine(question.vector, doc);
    }
    let secondSentence = 0;
    scan.sentenceScores.forEach((s, k) => {
      if (k !== bestSentence && s > secondSentence) secondSentence = s;
    });
    const gives = (sentenceKinds[firstSentence + bestSentence] & kind) !== 0;
    features[FEATURE.score] = score;
    features[FEATURE.bm25] = bm25;
    features[FEATURE.sentence] = scan.sentenceScores[bestSentence] ?? 0;
    features[FEATURE.coverage] = share(covered);
    features[FEATURE.sentenceCoverage] = share(scan.bestSentenceCoverage);
    features[FEATURE.adjacentPairs] = scan.adjacentPairs;
    features[FEATURE.length] = Math.log1p(docTokenStart[doc + 1] - docTokenStart[doc]);
    features[FEATURE.sentenceWords] = n > 0 ? scan.mostWords / n : 0;
    features[FEATURE.softCoverage] = share(softCovered);
    features[FEATURE.softSentenceCoverage] = share(scan.bestSoftSentence);
    features[FEATURE.sentenceCosine] = sentenceCosine;
    features[FEATURE.paragraphCosine] = paragraphCosine;
    features[FEATURE.secondSentence] = secondSentence;
    features[FEATURE.pairCoverage] = share(scan.bestPairCoverage);
    features[FEATURE.density] = share(scan.bestDensity);
    features[FEATURE.phrases] = n > 1 ? scan.phrases / (n - 1) : 0;
    features[FEATURE.inOrder] = share(scan.bestOrder);
    features[FEATURE.answerNumber] = kind === AnswerKind.Number && gives ? 1 : 0;
    features[FEATURE.answerDate] = kind === AnswerKind.Date && gives ? 1 : 0;
    features[FEATURE.answerName] = kind === AnswerKind.Name && gives ? 1 : 0;
    let paragraphKinds = 0;
    for (let s = firstSentence; s < lastSentence; s++) paragraphKinds |= sentenceKinds[s];
    const novel = scan.sentenceNovel[bestSentence] ?? 0;
    features[FEATURE.novelAnswer] = kind !== AnswerKind.None && (novel & kind) !== 0 ? 1 : 0;
    features[FEATURE.novelCoverage] = share(scan.bestNovelCoverage);
    features[FEATURE.novelName] = kind === AnswerKind.None && (novel & AnswerKind.Name) !== 0 ? 1 : 0;
    features[FEATURE.noCount] = question.count && (paragraphKinds & AnswerKind.Number) === 0 ? 1 : 0;

    const facts = this.factsAround(doc, firstSentence + quoted, question);
    features[FEATURE.factInBest] = facts.factsInBest !== 0 ? 1 : 0;
    features[FEATURE.factNear] = facts.factsInBest === 0 && facts.factsNear !== 0 ? 1 : 0;
    features[FEATURE.factInParagraph] = facts.factsInParagraph !== 0 ? 1 : 0;
    features[FEATURE.noFact] = (question.facts & CHECKABLE_KINDS) !== 0 && (facts.factsInParagraph & CHECKABLE_KINDS) === 0 ? 1 : 0;
    features[FEATURE.lead] = position === 0 ? 1 : 0;
    features[FEATURE.position] = 1 / (1 + position);
    features[FEATURE.leadTerse] = position === 0 && n <= 2 ? 1 : 0;
    let alignedParagraph = 0;
    for (let a = 0; a < n; a++) alignedParagraph += weights[a] * align[a];
    features[FEATURE.alignSentence] = share(scan.bestAlign);
    features[FEATURE.alignParagraph] = share(alignedParagraph);
    features[FEATURE.leadFact] = position === 0 && facts.factsInBest !== 0 ? 1 : 0;
    const evidence: Evidence = {
      credit: Array.from(credit.subarray(0, n)),
      soft: Array.from(soft.subarray(0, n)),
      align: Array.from(align.subarray(0, n)),
      sentenceAlign: scan.bestAlignedWords ?? new Array<number>(n).fill(0),
      ...facts,
    };
    features[FEATURE.sentenceModel] = modelScores[learnedBest] ?? 0;
    const hit: Hit = { id: doc, score, matchScore: score, coverage: share(softCovered), sentenceScores: scan.sentenceScores, bestSentence: quoted, matchedTerms: scan.matchedTerms, evidence };
    if (question.explain) hit.sentenceFeatures = sentenceFeatures;
    return hit;
  }

  /**
   * The paragraph read sentence by sentence: each sentence's match score and evidence, and the
   * paragraph's best values; per-word credits are left in `scratch` (credit, soft, align).
   */
  private scan(doc: number, question: Question, scratch: Scratch): Scan {
    const { slots, weights, kind } = question;
    const { tokens, tokenKinds, sentenceTokenStart, sentenceKinds, docSentenceStart, idf, averageSentenceLength } = this.postings;
    const termSlot = this.termSlot;
    const n = weights.length;
    const { credit, soft, sentenceCredit, sentenceSoft, contribution, align, sentenceAlign, counts } = scratch;
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
    const hits: number[] = []; // asked word of each matching token of a sentence, in text order
    const at: number[] = [];
    let previousCoverage = 0;
    for (let s = docSentenceStart[doc]; s < docSentenceStart[doc + 1]; s++) {
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
      for (let i = sentenceTokenStart[s]; i < sentenceTokenStart[s + 1]; i++) {
        const cosines = this.alignment(tokens[i], question);
        if (cosines) for (let a = 0; a < n; a++) if (cosines[a] > sentenceAlign[a]) sentenceAlign[a] = cosines[a];
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
        for (const r of recent) {
          const distance = i - r.at;
          if (distance <= this.options.pairWindow && r.q.of !== q.of) out.pairs += Math.min(q.weight, r.q.weight) / distance;
        }
        recent.push({ at: i, q });
        if (recent.length > PAIR_MEMORY) recent.shift();
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
      if (kind !== AnswerKind.None && (novel & kind) !== 0 && covered > out.bestNovelCoverage) out.bestNovelCoverage = covered;
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
      if (aligned > out.bestAlign || out.bestAlignedWords === undefined) {
        out.bestAlign = aligned;
        out.bestAlignedWords = Array.from(sentenceAlign.subarray(0, n));
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
      out.perSentence.push({ covered, softCovered, aligned, words: n > 0 ? distinct / n : 0, density: sentenceDensity, order: sentenceOrder, score, length: sentenceLength });
    }
    return out;
  }

  /** Facts of the asked kind that the question does not already hold: in the quoted sentence, a neighbour, the paragraph. */
  private factsAround(doc: number, quoted: number, question: Question): Pick<Evidence, 'factsInBest' | 'factsNear' | 'factsInParagraph'> {
    let factsInBest = 0;
    let factsNear = 0;
    let factsInParagraph = 0;
    if (question.facts !== 0) {
      const { docSentenceStart } = this.postings;
      for (let s = docSentenceStart[doc]; s < docSentenceStart[doc + 1]; s++) {
        const found = this.newFacts(s, doc, question) & question.facts;
        factsInParagraph |= found;
        if (s === quoted) factsInBest |= found;
        else if (s === quoted - 1 || s === quoted + 1) factsNear |= found;
      }
    }
    return { factsInBest, factsNear, factsInParagraph };
  }

  /** Cosines of an index term's vector with each asked word's (null: the term has no vector). */
  private alignment(term: number, question: Question): Float32Array | null {
    const cached = question.cosines.get(term);
    if (cached !== undefined) return cached;
    const vectors = this.options.vectors;
    const row = this.termRows?.[term] ?? -1;
    let out: Float32Array | null = null;
    if (vectors && row >= 0) {
      const cosines = new Float32Array(question.askedRows.length);
      question.askedRows.forEach((asked, a) => (cosines[a] = asked >= 0 ? vectors.centeredCosine(asked, row) : 0));
      out = cosines;
    }
    question.cosines.set(term, out);
    return out;
  }

  /** The fact spans of a sentence with their stems, read when first needed and kept. */
  private factSpansOf(sentence: number, doc: number): readonly FactSpan[] {
    let spans = this.factSpanCache.get(sentence);
    if (!spans) {
      const text = this.postings.sentenceIn(doc, sentence);
      spans = factSpans(text).map((span) => ({ ...span, terms: analyze(text.slice(span.start, span.end)).map((t) => t.term) }));
      if (this.factSpanCache.size >= FACT_CACHE_LIMIT) this.factSpanCache.clear();
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
export function arrangement(asked: readonly number[], at: readonly number[], distinct: number, count: Int32Array): { density: number; order: number } {
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
