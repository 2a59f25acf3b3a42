import type { WordVectors } from './load.js';

/**
 * The direction of `v` as bytes at `out[at .. at + v.length)`; returns the scale that makes them
 * a unit vector (0, the bytes left as they are, when `v` is zero).
 */
function quantize(v: Float32Array, out: Int8Array, at: number): number {
  let max = 0;
  for (let k = 0; k < v.length; k++) max = Math.max(max, Math.abs(v[k]));
  if (max === 0) return 0;
  let bytesNorm = 0;
  for (let k = 0, i = at; k < v.length; k++, i++) {
    out[i] = Math.round((v[k] / max) * 127);
    bytesNorm += out[i] * out[i];
  }
  return 1 / Math.sqrt(bytesNorm);
}

/** A buffer of stored record rows (each d bytes and an f32 scale) and a place in it. */
interface RecordRows {
  raw: Uint8Array;
  bytes: Int8Array;
  view: DataView;
  at: number;
}

function recordRows(buffer: Uint8Array): RecordRows {
  return {
    raw: buffer,
    bytes: new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    view: new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    at: 0,
  };
}

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
    const scale = quantize(v, this.bytes, row * this.dimensions);
    if (scale !== 0) this.scales[row] = scale;
  }

  /** Row `row` as a stored record row: its d bytes, then its scale (f32, little-endian). */
  copyOut(row: number, out: RecordRows): void {
    const d = this.dimensions;
    out.bytes.set(this.bytes.subarray(row * d, row * d + d), out.at);
    out.view.setFloat32(out.at + d, this.scales[row], true);
    out.at += d + 4;
  }

  /** Row `row` from a stored record row (see {@link copyOut}): copied byte by byte (no view made per row). */
  copyIn(row: number, record: RecordRows): void {
    const d = this.dimensions;
    const from = record.bytes;
    const to = this.bytes;
    for (let k = 0, i = row * d, j = record.at; k < d; k++) to[i++] = from[j++];
    this.scales[row] = record.view.getFloat32(record.at + d, true);
    record.at += d + 4;
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
 * Reads `length` bytes at `position` of the stored vector records into the start of `out` (the
 * index cache's file); false when they cannot be read (the vectors are then made instead: the same
 * vectors).
 */
export type RecordReader = (position: number, length: number, out: Uint8Array) => boolean;

/**
 * The sentence and paragraph vectors as the index cache stores them: one record per document, its
 * sentences' rows then its paragraph's row, each row d bytes and an f32 scale (little-endian), so
 * one read gives a document's vectors. Document p's record starts at row `docSentenceStart[p] + p`.
 */
export interface VectorRecords {
  /** Length in bytes: (sentences + documents) × (d + 4). */
  bytes: number;
  /** The bytes in order, a few megabytes at a time: a chunk is valid until the next is asked for. */
  chunks(): Iterable<Uint8Array>;
}

/** Bytes of one stored row: d bytes and an f32 scale. */
export const recordRowBytes = (dimensions: number): number => dimensions + 4;

/** Records are streamed in chunks of about this size. */
const RECORD_CHUNK_BYTES = 4 * 2 ** 20;

/** Work vectors for making a document's vectors (one at a time: nothing here is re-entrant). */
const scratch: { sentence?: Float32Array; paragraph?: Float32Array; record?: RecordRows } = {};

/**
 * One index seen through word vectors: each sentence's and paragraph's direction (the
 * idf-weighted sum of its terms' vectors), computed once so a question only takes dot products
 * (computing them per question cost ~150 µs at 2,000 paragraphs), 8-bit like the words'.
 */
export class IndexSemantics {
  private readonly sentences: ByteRows;
  private readonly paragraphs: ByteRows;
  private readonly docSentenceStart: Uint32Array;
  /**
   * While some documents' vectors are not made yet (built with `lazy`): what they are made from
   * (or read from: `stored`), and which are done. A document's vectors are the same whenever and
   * however they are made. Rows not made yet are never written, so their pages cost no memory.
   */
  private pending?: {
    rows: Int32Array;
    idf: Float32Array;
    tokens: Uint16Array | Uint32Array;
    sentenceStart: Uint32Array;
    stored?: RecordReader;
    docDone: Uint8Array;
    sentenceDone: Uint8Array;
    left: number;
  };

  /**
   * `tokens[sentenceStart[s] .. sentenceStart[s + 1])` are sentence s's term ids, and document
   * d's sentences are `docSentenceStart[d] .. docSentenceStart[d + 1]`. With `lazy`, a document's
   * vectors are made when first read, the rest by {@link complete} (a first answer need not wait
   * for all of them). With `stored` (the index cache's records, see {@link VectorRecords}), a
   * document's vectors are read from there when first read rather than made (lazy).
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
    stored?: RecordReader,
  ) {
    const d = vectors.dimensions;
    const docs = docSentenceStart.length - 1;
    this.sentences = new ByteRows(d, docSentenceStart[docs]);
    this.paragraphs = new ByteRows(d, docs);
    this.docSentenceStart = docSentenceStart;
    this.pending = {
      rows,
      idf,
      tokens,
      sentenceStart,
      stored,
      docDone: new Uint8Array(docs),
      sentenceDone: new Uint8Array(docSentenceStart[docs]),
      left: docs,
    };
    if (!lazy && !stored) this.complete();
  }

  /** Makes every document's vectors not made yet. */
  complete(): void {
    const pending = this.pending;
    if (!pending) return;
    for (let doc = 0; doc < pending.docDone.length && pending.left > 0; doc++)
      if (!pending.docDone[doc]) this.make(doc);
    this.pending = undefined;
  }

  /** Makes document `doc`'s vectors: read from the stored records when there are any, else computed. */
  private make(doc: number): void {
    const pending = this.pending!;
    if (pending.stored && this.readStored(doc)) return;
    this.compute(doc);
  }

  /** Where document `doc`'s record starts in the records, and its length. */
  private recordSpan(doc: number): { position: number; length: number } {
    const rowBytes = recordRowBytes(this.vectors.dimensions);
    const first = this.docSentenceStart[doc];
    const end = this.docSentenceStart[doc + 1];
    return { position: (first + doc) * rowBytes, length: (end - first + 1) * rowBytes };
  }

  /** Reads document `doc`'s vectors from the stored records; false (and no more reads) when they cannot be. */
  private readStored(doc: number): boolean {
    const pending = this.pending!;
    const { position, length } = this.recordSpan(doc);
    // One buffer and its views for every read (a read per paragraph a question first reaches).
    if (!(scratch.record && scratch.record.bytes.byteLength >= length))
      scratch.record = recordRows(new Uint8Array(Math.max(length, 4096)));
    const record = scratch.record;
    if (!pending.stored!(position, length, record.raw)) {
      pending.stored = undefined;
      return false;
    }
    record.at = 0;
    for (let s = this.docSentenceStart[doc]; s < this.docSentenceStart[doc + 1]; s++) {
      this.sentences.copyIn(s, record);
      pending.sentenceDone[s] = 1;
    }
    this.paragraphs.copyIn(doc, record);
    pending.docDone[doc] = 1;
    pending.left--;
    return true;
  }

  /**
   * Computes document `doc`'s sentence and paragraph vectors (the sentences' sum): into the index's
   * rows (marked made), or, given `record`, as a stored record there (the index's rows untouched).
   */
  private compute(doc: number, record?: RecordRows): void {
    const pending = this.pending!;
    const { rows, idf, tokens, sentenceStart } = pending;
    const docSentenceStart = this.docSentenceStart;
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
      if (record) putRow(record, withoutCommon(sentence, common));
      else {
        this.sentences.set(s, withoutCommon(sentence, common));
        pending.sentenceDone[s] = 1;
      }
    }
    if (record) {
      putRow(record, withoutCommon(paragraph, common));
      return;
    }
    this.paragraphs.set(doc, withoutCommon(paragraph, common));
    pending.docDone[doc] = 1;
    pending.left--;
  }

  /** The document holding sentence `s`, while vectors are pending. */
  private docOf(s: number): number {
    const starts = this.docSentenceStart;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * What the index cache stores: every document's record, made as it is written (vectors not made
   * yet are computed or read for the record only, never all held at once).
   */
  records(): VectorRecords {
    const docs = this.docSentenceStart.length - 1;
    const rowBytes = recordRowBytes(this.vectors.dimensions);
    return {
      bytes: (this.docSentenceStart[docs] + docs) * rowBytes,
      chunks: () => this.recordChunks(),
    };
  }

  private *recordChunks(): Iterable<Uint8Array> {
    let buffer = new Uint8Array(RECORD_CHUNK_BYTES);
    let record = recordRows(buffer);
    for (let doc = 0; doc + 1 < this.docSentenceStart.length; doc++) {
      const { position, length } = this.recordSpan(doc);
      if (record.at + length > buffer.byteLength) {
        if (record.at > 0) yield buffer.subarray(0, record.at);
        if (length > buffer.byteLength) buffer = new Uint8Array(length);
        record = recordRows(buffer);
      }
      const pending = this.pending;
      if (!pending || pending.docDone[doc]) {
        for (let s = this.docSentenceStart[doc]; s < this.docSentenceStart[doc + 1]; s++)
          this.sentences.copyOut(s, record);
        this.paragraphs.copyOut(doc, record);
      } else if (pending.stored?.(position, length, buffer.subarray(record.at, record.at + length))) {
        record.at += length;
      } else {
        if (pending.stored) pending.stored = undefined;
        this.compute(doc, record);
      }
    }
    if (record.at > 0) yield buffer.subarray(0, record.at);
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

/** Writes `v`'s direction as the next stored row of `record` (zero bytes and scale when `v` is zero). */
function putRow(record: RecordRows, v: Float32Array): void {
  const d = v.length;
  record.bytes.fill(0, record.at, record.at + d);
  record.view.setFloat32(record.at + d, quantize(v, record.bytes, record.at), true);
  record.at += d + 4;
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
