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

export class IndexSemantics {
  private readonly sentences: ByteRows;
  private readonly paragraphs: ByteRows;

  /**
   * `tokens[sentenceStart[s] .. sentenceStart[s + 1])` are sentence s's term ids, and document
   * d's sentences are `docSentenceStart[d] .. docSentenceStart[d + 1]`.
   */
  constructor(
    readonly vectors: WordVectors,
    /** Vector row of each index term (-1: none). */
    rows: Int32Array,
    idf: Float32Array,
    tokens: Uint32Array,
    sentenceStart: Uint32Array,
    docSentenceStart: Uint32Array,
  ) {
    const d = vectors.dimensions;
    const docs = docSentenceStart.length - 1;
    this.sentences = new ByteRows(d, docSentenceStart[docs]);
    this.paragraphs = new ByteRows(d, docs);
    const sentence = new Float32Array(d);
    const paragraph = new Float32Array(d);
    const common = vectors.common.direction;
    for (let doc = 0; doc < docs; doc++) {
      paragraph.fill(0);
      for (let s = docSentenceStart[doc]; s < docSentenceStart[doc + 1]; s++) {
        sentence.fill(0);
        for (let i = sentenceStart[s]; i < sentenceStart[s + 1]; i++) {
          const row = rows[tokens[i]];
          if (row >= 0) vectors.addTo(sentence, row, idf[tokens[i]]);
        }
        for (let k = 0; k < d; k++) paragraph[k] += sentence[k];
        this.sentences.set(s, withoutCommon(sentence, common));
      }
      this.paragraphs.set(doc, withoutCommon(paragraph, common));
    }
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

  /** What the index cache stores. */
  data(): SemanticsData {
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
    return this.sentences.cosine(question, s);
  }

  /** Cosine of the question with document `doc` as a whole. */
  paragraphCosine(question: Float32Array, doc: number): number {
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
