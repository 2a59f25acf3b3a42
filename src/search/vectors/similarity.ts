import type { WordVectors } from './load.js';

/**
 * How near, by word vectors, a question's words are to one index's terms, and whole sentences
 * to the question. One per index: it keeps each term's vector row and, for documents it has
 * seen, their sentence vectors (bounded), since the same paragraphs lead again and again.
 */
export class IndexSemantics {
  private termRows?: Int32Array;
  private readonly sentenceVectors = new Map<number, Float32Array>();

  constructor(
    readonly vectors: WordVectors,
    private readonly termList: readonly string[],
    private readonly idf: Float32Array,
    private readonly maxCachedDocs = 4096,
  ) {}

  /** Vector row of each index term (-1 when the term has none), built at first use. */
  rows(): Int32Array {
    if (!this.termRows) {
      const rows = new Int32Array(this.termList.length);
      for (let t = 0; t < rows.length; t++) rows[t] = this.vectors.row(this.termList[t]);
      this.termRows = rows;
    }
    return this.termRows;
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
    return any ? normalize(out) : undefined;
  }

  /**
   * Sentence vectors of a document (idf-weighted sums of its terms' vectors), row-major, one row
   * per sentence; `tokens[starts[s]..starts[s+1])` are sentence s's term ids.
   */
  documentSentences(doc: number, tokens: Uint32Array, starts: Uint32Array, first: number, last: number): Float32Array {
    const cached = this.sentenceVectors.get(doc);
    if (cached) return cached;
    const d = this.vectors.dimensions;
    const rows = this.rows();
    const out = new Float32Array((last - first) * d);
    for (let s = first; s < last; s++) {
      const sentence = out.subarray((s - first) * d, (s - first + 1) * d);
      for (let i = starts[s]; i < starts[s + 1]; i++) {
        const row = rows[tokens[i]];
        if (row >= 0) this.vectors.addTo(sentence, row, this.idf[tokens[i]]);
      }
    }
    if (this.sentenceVectors.size >= this.maxCachedDocs) this.sentenceVectors.clear();
    this.sentenceVectors.set(doc, out);
    return out;
  }
}

function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let k = 0; k < v.length; k++) norm += v[k] * v[k];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < v.length; k++) v[k] /= norm;
  return v;
}

/** Cosine of a unit vector with row `row` of a row-major block of (not normalised) vectors. */
export function cosineWithRow(unit: Float32Array, block: Float32Array, row: number): number {
  const d = unit.length;
  let dot = 0;
  let norm = 0;
  for (let k = 0, j = row * d; k < d; k++, j++) {
    dot += unit[k] * block[j];
    norm += block[j] * block[j];
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}

/** An index term near a word, with their cosine. */
export interface NearTerm {
  id: number;
  cosine: number;
}

/**
 * Per question: the index terms near each asked word by word vectors, from the precomputed
 * nearest stems (comparing vectors at question time would cost ~0.3 ms on 2,000 paragraphs).
 */
export class QuestionSimilarity {
  private readonly byTerm = new Map<number, Float32Array>();

  /** `nearTerms` gives the index terms near an asked word. */
  constructor(asked: readonly string[], nearTerms: (term: string) => readonly NearTerm[]) {
    asked.forEach((term, a) => {
      for (const { id, cosine } of nearTerms(term)) {
        let row = this.byTerm.get(id);
        if (!row) this.byTerm.set(id, (row = new Float32Array(asked.length)));
        if (cosine > row[a]) row[a] = cosine;
      }
    });
  }

  /** Cosines of every asked word with index term `t` (in asked order), or undefined if none is near. */
  of(t: number): Float32Array | undefined {
    return this.byTerm.get(t);
  }
}
