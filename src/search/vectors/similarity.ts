import type { WordVectors } from './load.js';

/** Unit vectors stored as bytes: row i is `bytes[i * d ..] * scales[i]`. */
class ByteRows {
  readonly bytes: Int8Array;
  readonly scales: Float32Array;

  constructor(
    readonly dimensions: number,
    count: number,
    stored?: { bytes: Int8Array; scales: Float32Array },
  ) {
    this.bytes = stored?.bytes ?? new Int8Array(count * dimensions);
    this.scales = stored?.scales ?? new Float32Array(count);
  }

  /** Stores the direction of `v` (left at zero when `v` is). */
  set(row: number, v: Float32Array): void {
    let max = 0;
    for (let k = 0; k < v.length; k++) max = Math.max(max, Math.abs(v[k]));
    if (max === 0) return;
    let bytesNorm = 0;
    for (let k = 0, i = row * this.dimensions; k < v.length; k++, i++) {
      this.bytes[i] = Math.round((v[k] / max) * 127);
      bytesNorm += this.bytes[i] * this.bytes[i];
    }
    this.scales[row] = 1 / Math.sqrt(bytesNorm);
  }

  /** Cosine of unit vector `unit` with row `row`. */
  cosine(unit: Float32Array, row: number): number {
    const bytes = this.bytes;
    const d = this.dimensions;
    const base = row * d;
    let dot0 = 0;
    let dot1 = 0;
    let k = 0;
    // Two accumulators: independent additions pipeline better than one chain.
    for (; k + 1 < d; k += 2) {
      dot0 += unit[k] * bytes[base + k];
      dot1 += unit[k + 1] * bytes[base + k + 1];
    }
    if (k < d) dot0 += unit[k] * bytes[base + k];
    return (dot0 + dot1) * this.scales[row];
  }
}

/**
 * One index seen through word vectors: each sentence's and paragraph's direction (the
 * idf-weighted sum of its terms' vectors), computed once at build so a question only takes dot
 * products (computing them per question cost ~150 µs at 2,000 paragraphs), 8-bit like the words'.
 */
/** The sentence and paragraph vectors of an index, as the index cache stores them. */
export interface SemanticsData {
  sentenceBytes: Int8Array;
  sentenceScales: Float32Array;
  paragraphBytes: Int8Array;
  paragraphScales: Float32Array;
}

/** Work vectors for making a document's vectors (one at a time: nothing here is re-entrant). */
const scratch: { sentence?: Float32Array; paragraph?: Float32Array } = {};

export class IndexSemantics {
  private readonly sentences: ByteRows;
  private readonly paragraphs: ByteRows;
  /**
   * While some documents' vectors are not made yet (built with `lazy`): what they are made from,
   * and which are done. A document's vectors are the same whenever they are made.
   */
  private pending?: {
    rows: Int32Array;
    idf: Float32Array;
    tokens: Uint16Array | Uint32Array;
    sentenceStart: Uint32Array;
    docSentenceStart: Uint32Array;
    docDone: Uint8Array;
    sentenceDone: Uint8Array;
    left: number;
  };

  /**
   * `tokens[sentenceStart[s] .. sentenceStart[s + 1])` are sentence s's term ids, and document
   * d's sentences are `docSentenceStart[d] .. docSentenceStart[d + 1]`. With `lazy`, a document's
   * vectors are made when first read, the rest by {@link complete} (a first answer need not wait
   * for all of them).
   */
  constructor(
    readonly vectors: WordVectors,
    /** Vector row of each index term (-1: none). */
    rows: Int32Array,
    idf: Float32Array,
    tokens: Uint16Array | Uint32Array,
    sentenceStart: Uint32Array,
    docSentenceStart: Uint32Array,
    lazy = false,
  ) {
    const d = vectors.dimensions;
    const docs = docSentenceStart.length - 1;
    this.sentences = new ByteRows(d, docSentenceStart[docs]);
    this.paragraphs = new ByteRows(d, docs);
    this.pending = {
      rows,
      idf,
      tokens,
      sentenceStart,
      docSentenceStart,
      docDone: new Uint8Array(docs),
      sentenceDone: new Uint8Array(docSentenceStart[docs]),
      left: docs,
    };
    if (!lazy) this.complete();
  }

  /** Makes every document's vectors not made yet. */
  complete(): void {
    const pending = this.pending;
    if (!pending) return;
    for (let doc = 0; doc < pending.docDone.length && pending.left > 0; doc++)
      if (!pending.docDone[doc]) this.make(doc);
    this.pending = undefined;
  }

  /** Makes document `doc`'s sentence and paragraph vectors (the sentences' sum). */
  private make(doc: number): void {
    const pending = this.pending!;
    const { rows, idf, tokens, sentenceStart, docSentenceStart } = pending;
    const vectors = this.vectors;
    const d = vectors.dimensions;
    const sentence = (scratch.sentence = scratch.sentence?.length === d ? scratch.sentence : new Float32Array(d));
    const paragraph = (scratch.paragraph = scratch.paragraph?.length === d ? scratch.paragraph : new Float32Array(d));
    const common = vectors.common.direction;
    paragraph.fill(0);
    for (let s = docSentenceStart[doc]; s < docSentenceStart[doc + 1]; s++) {
      sentence.fill(0);
      for (let i = sentenceStart[s]; i < sentenceStart[s + 1]; i++) {
        const row = rows[tokens[i]];
        if (row >= 0) vectors.addTo(sentence, row, idf[tokens[i]]);
      }
      for (let k = 0; k < d; k++) paragraph[k] += sentence[k];
      this.sentences.set(s, withoutCommon(sentence, common));
      pending.sentenceDone[s] = 1;
    }
    this.paragraphs.set(doc, withoutCommon(paragraph, common));
    pending.docDone[doc] = 1;
    pending.left--;
  }

  /** The document holding sentence `s`, while vectors are pending. */
  private docOf(s: number): number {
    const starts = this.pending!.docSentenceStart;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Vectors the index cache stored for this same index and these same word vectors. */
  static restore(vectors: WordVectors, data: SemanticsData): IndexSemantics {
    const d = vectors.dimensions;
    const sentences = new ByteRows(d, data.sentenceScales.length, {
      bytes: data.sentenceBytes,
      scales: data.sentenceScales,
    });
    const paragraphs = new ByteRows(d, data.paragraphScales.length, {
      bytes: data.paragraphBytes,
      scales: data.paragraphScales,
    });
    return Object.assign(Object.create(IndexSemantics.prototype) as IndexSemantics, { vectors, sentences, paragraphs });
  }

  /** What the index cache stores (every vector made first). */
  data(): SemanticsData {
    this.complete();
    const { sentences, paragraphs } = this;
    return {
      sentenceBytes: sentences.bytes,
      sentenceScales: sentences.scales,
      paragraphBytes: paragraphs.bytes,
      paragraphScales: paragraphs.scales,
    };
  }

  /** Unit vector of the question: its words' vectors weighted as the question weighs them. */
  questionVector(asked: readonly string[], weights: readonly number[]): Float32Array | undefined {
    const out = new Float32Array(this.vectors.dimensions);
    let any = false;
    asked.forEach((term, i) => {
      const row = this.vectors.row(term);
      if (row < 0) return;
      any = true;
      this.vectors.addTo(out, row, weights[i]);
    });
    return any ? normalize(withoutCommon(out, this.vectors.common.direction)) : undefined;
  }

  /** Cosine of the question with sentence `s` (index-wide numbering). */
  sentenceCosine(question: Float32Array, s: number): number {
    if (this.pending && !this.pending.sentenceDone[s]) this.make(this.docOf(s));
    return this.sentences.cosine(question, s);
  }

  /** Cosine of the question with document `doc` as a whole. */
  paragraphCosine(question: Float32Array, doc: number): number {
    if (this.pending && !this.pending.docDone[doc]) this.make(doc);
    return this.paragraphs.cosine(question, doc);
  }
}

function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let k = 0; k < v.length; k++) norm += v[k] * v[k];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < v.length; k++) v[k] /= norm;
  return v;
}

/** `v` without its component along the unit vector `common` (in place). */
function withoutCommon(v: Float32Array, common: Float32Array): Float32Array {
  let dot = 0;
  for (let k = 0; k < v.length; k++) dot += v[k] * common[k];
  for (let k = 0; k < v.length; k++) v[k] -= dot * common[k];
  return v;
}
