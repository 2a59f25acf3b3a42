// Evidence: what the sentence scan (sentence-scan.ts) found in a leading paragraph, with the facts
// it gives beyond the question's words, turned into the re-rank's features (by RERANK_FEATURES);
// the sentence model (sentence-model.ts) picks the sentence to quote.

import { AnswerKind } from './answer-type.js';
import { CHECKABLE_KINDS, FactKind, factSpansOfKinds, type FactSpan } from './fact-kinds.js';
import { factWindowShares } from './fact-window.js';
import type { IndexOptions } from './options.js';
import type { Postings } from './postings.js';
import { FEATURE, SENTENCE, steerToAskedKind } from './rerank-model.js';
import { argmax, scoreSentences } from './sentence-model.js';
import { SentenceScanner, type Question } from './sentence-scan.js';
import { analyze } from './text.js';
import type { AskedWord, Evidence, Hit } from './types.js';
import type { IndexSemantics } from './vectors/similarity.js';

/** Fact spans read are kept for this many sentences. */
const FACT_CACHE_LIMIT = 50_000;

/** Reads leading paragraphs against a question; one per index. */
export class EvidenceReader {
  /** Per index term, its slot in the current question (-1: none): one typed-array read per token. */
  private readonly termSlot: Int32Array;
  /** Per sentence, the kinds of fact read so far (a mask) and their spans. */
  private readonly factSpanCache = new Map<number, { kinds: number; spans: FactSpan[] }>();
  private readonly spanTerms = new Map<string, readonly string[]>();
  private readonly scanner: SentenceScanner;

  constructor(
    private readonly postings: Postings,
    private readonly options: IndexOptions,
    private readonly semantics?: IndexSemantics,
    termRows?: Int32Array,
  ) {
    this.termSlot = new Int32Array(postings.termList.length).fill(-1);
    this.scanner = new SentenceScanner(postings, options, this.termSlot, termRows);
  }

  /** Each leader's hit, its features written into `features` (FEATURE_COUNT per leader). */
  readAll(
    leaders: readonly { id: number; score: number }[],
    question: Question,
    features: Float64Array,
    featureCount: number,
  ): Hit[] {
    return this.withTermSlots(question, () => {
      this.scanner.startQuestion(question);
      return leaders.map(({ id, score }, i) =>
        this.read(id, score, question, features.subarray(i * featureCount, (i + 1) * featureCount)),
      );
    });
  }

  /**
   * Sentence-level evidence for one leading document: fills `features` (by RERANK_FEATURES, the
   * hand-tuned score first) and returns the hit, to be scored by the model once all leaders are in.
   */
  private read(doc: number, bm25: number, question: Question, features: Float64Array): Hit {
    const { weights, totalWeight, kind } = question;
    const { sentenceKinds, docSentenceStart, docTokenStart } = this.postings;
    const n = weights.length;
    const scan = this.scanner.scan(doc, question);
    const { credit, soft, align } = this.scanner.scratch;
    const firstSentence = docSentenceStart[doc];
    const lastSentence = docSentenceStart[doc + 1];
    const position = doc - question.from;
    // Each sentence's new facts of the asked kinds, read once for the sentence model and the features below.
    const sentenceFacts: number[] = [];
    if (question.facts !== 0)
      for (let s = firstSentence; s < lastSentence; s++) sentenceFacts.push(this.newFacts(s, doc, question));
    const { scores: modelScores, features: sentenceFeatures } = scoreSentences(scan.perSentence, {
      totalWeight,
      position,
      facts: question.facts,
      weights: this.options.sentenceWeights,
      newFacts: (k) => sentenceFacts[k],
      cosine: (k) =>
        question.vector && this.semantics ? this.semantics.sentenceCosine(question.vector, firstSentence + k) : 0,
    });
    const learnedBest = argmax(modelScores);
    const quoted = steerToAskedKind(
      sentenceFeatures,
      learnedBest,
      (question.facts & FactKind.Reason) !== 0,
      (question.facts & FactKind.Means) !== 0,
    );
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
      // The best-matching sentence's, which the sentence model has read already.
      sentenceCosine =
        sentenceFeatures[bestSentence]?.[SENTENCE.cosine] ??
        this.semantics.sentenceCosine(question.vector, firstSentence + bestSentence);
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

    const facts = factsAround(sentenceFacts, quoted, question.facts);
    features[FEATURE.factInBest] = facts.factsInBest !== 0 ? 1 : 0;
    features[FEATURE.factNear] = facts.factsInBest === 0 && facts.factsNear !== 0 ? 1 : 0;
    features[FEATURE.factInParagraph] = facts.factsInParagraph !== 0 ? 1 : 0;
    features[FEATURE.noFact] =
      (question.facts & CHECKABLE_KINDS) !== 0 && (facts.factsInParagraph & CHECKABLE_KINDS) === 0 ? 1 : 0;
    features[FEATURE.lead] = position === 0 ? 1 : 0;
    features[FEATURE.position] = 1 / (1 + position);
    features[FEATURE.leadTerse] = position === 0 && n <= 2 ? 1 : 0;
    let alignedParagraph = 0;
    for (let a = 0; a < n; a++) alignedParagraph += weights[a] * align[a];
    features[FEATURE.alignSentence] = share(scan.bestAlign);
    features[FEATURE.alignParagraph] = share(alignedParagraph);
    features[FEATURE.leadFact] = position === 0 && facts.factsInBest !== 0 ? 1 : 0;
    const evidence: Evidence = {
      credit: firstOf(credit, n),
      soft: firstOf(soft, n),
      align: firstOf(align, n),
      sentenceAlign: scan.bestAlignedWords ?? new Array<number>(n).fill(0),
      ...facts,
    };
    features[FEATURE.sentenceModel] = modelScores[learnedBest] ?? 0;
    const hit: Hit = {
      id: doc,
      score,
      matchScore: score,
      coverage: share(softCovered),
      sentenceScores: scan.sentenceScores,
      bestSentence: quoted,
      matchedTerms: scan.matchedTerms,
      evidence,
    };
    if (question.explain) hit.sentenceFeatures = sentenceFeatures;
    return hit;
  }

  /**
   * The fact spans of the asked kinds in a sentence, with their stems: each kind's spans read when
   * a question first asks for it, and kept (a question asks one or two of the thirteen kinds).
   */
  private factSpansOf(sentence: number, doc: number, kinds: number): readonly FactSpan[] {
    let known = this.factSpanCache.get(sentence);
    if (!known) {
      if (this.factSpanCache.size >= FACT_CACHE_LIMIT) this.factSpanCache.clear();
      this.factSpanCache.set(sentence, (known = { kinds: 0, spans: [] }));
    }
    const missing = kinds & ~known.kinds;
    if (missing !== 0) {
      const text = this.postings.sentenceIn(doc, sentence);
      for (const span of factSpansOfKinds(text, missing)) {
        span.terms = this.termsOf(text.slice(span.start, span.end));
        known.spans.push(span);
      }
      known.kinds |= missing;
    }
    return known.spans;
  }

  /** The stems of a fact span's text, kept: names and figures recur across a story's sentences. */
  private termsOf(text: string): readonly string[] {
    let terms = this.spanTerms.get(text);
    if (!terms) {
      terms = analyze(text).map((t) => t.term);
      if (this.spanTerms.size >= FACT_CACHE_LIMIT) this.spanTerms.clear();
      this.spanTerms.set(text, terms);
    }
    return terms;
  }

  /**
   * How much of the question stands within 6 and within 2 words of a new fact of an asked kind in
   * a hit's quoted sentence (see factWindowShares), by its words themselves and loosely too (a
   * related word, or a near one by word vectors, at its credit: "forces" beside "2,500" for "how
   * many troops"), written into the hit's evidence from the spans the reader already holds.
   */
  readFactWindow(hit: Hit, asked: readonly AskedWord[], question: Question): void {
    const sentence = this.postings.docSentenceStart[hit.id] + hit.bestSentence;
    const spans = this.factSpansOf(sentence, hit.id, question.facts & CHECKABLE_KINDS);
    const { termSlot } = this;
    const creditOf = (term: string): [number, number][] => {
      const id = this.postings.vocabulary.get(term);
      const slot = id === undefined || termSlot[id] < 0 ? undefined : question.slots[termSlot[id]];
      if (!slot) return [];
      const credits: [number, number][] = (slot.near ?? []).map((n) => [n.asked, n.inSentence]);
      if (slot.match) credits.push([slot.match.asked, slot.match.q.credit]);
      return credits;
    };
    const [within6, within2] = this.withTermSlots(question, () =>
      factWindowShares(this.postings.sentenceIn(hit.id, sentence), spans, asked, question.facts, [6, 2], creditOf),
    );
    Object.assign(hit.evidence, {
      factWindow: within6.exact,
      factBeside: within2.exact,
      looseFactWindow: within6.loose,
      looseFactBeside: within2.loose,
      attributeWindow: within6.attribute,
    });
  }

  /** Runs `read` with each index term of the question mapped to its slot (termSlot), cleared after. */
  private withTermSlots<T>(question: Question, read: () => T): T {
    try {
      question.slotTerms.forEach((t, slot) => (this.termSlot[t] = slot));
      return read();
    } finally {
      for (const t of question.slotTerms) this.termSlot[t] = -1;
    }
  }

  /**
   * Kinds of fact, of those the question asks, that a sentence holds beyond the question's own
   * words ("2,500" for "how many troops"); the other kinds are never read, as no feature uses them.
   */
  private newFacts(sentence: number, doc: number, question: Question): number {
    const asked = question.facts;
    let kinds = 0;
    for (const span of this.factSpansOf(sentence, doc, asked)) {
      if ((asked & span.kind) === 0 || (kinds & span.kind) !== 0) continue;
      if (!span.terms?.some((t) => question.questionTerms.has(t))) kinds |= span.kind;
    }
    return kinds;
  }
}

/** The first n values, as a plain array. */
function firstOf(values: Float64Array, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = values[i];
  return out;
}

/**
 * Facts of the asked kinds that the question does not already hold, from each sentence's (by
 * position in the paragraph): in the quoted sentence, a neighbour, the paragraph.
 */
function factsAround(
  sentenceFacts: readonly number[],
  quoted: number,
  asked: number,
): Pick<Evidence, 'factsInBest' | 'factsNear' | 'factsInParagraph'> {
  let factsInBest = 0;
  let factsNear = 0;
  let factsInParagraph = 0;
  sentenceFacts.forEach((facts, k) => {
    const found = facts & asked;
    factsInParagraph |= found;
    if (k === quoted) factsInBest |= found;
    else if (k === quoted - 1 || k === quoted + 1) factsNear |= found;
  });
  return { factsInBest, factsNear, factsInParagraph };
}
