import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { decodeVectors, NO_NEIGHBOUR, type Neighbours, type QuantizedVectors } from './format.js';

/** A stem near another by word vectors, with their cosine. */
export interface NearStem {
  term: string;
  cosine: number;
}

/** Word vectors by stem: what the re-rank uses to see that "soldiers" and "troops" are near. */
export class WordVectors {
  readonly dimensions: number;
  /** Row i is `bytes[i * dimensions ..] * scales[i]`, a unit vector. */
  readonly bytes: Int8Array;
  readonly scales: Float32Array;
  /** Each row's nearest rows, best first (see {@link Neighbours}). */
  readonly neighbours: Neighbours;
  private readonly stems: readonly string[];
  private readonly rows: Map<string, number>;

  constructor(vectors: QuantizedVectors) {
    this.dimensions = vectors.dimensions;
    this.bytes = vectors.bytes;
    this.scales = vectors.scales;
    this.neighbours = vectors.neighbours;
    this.stems = vectors.stems;
    this.rows = new Map(vectors.stems.map((stem, i) => [stem, i]));
  }

  get size(): number {
    return this.stems.length;
  }

  /** Row of a stem's vector, or -1. Acronym terms ("us.") use the word's vector. */
  row(term: string): number {
    return this.rows.get(term) ?? (term.endsWith('.') ? (this.rows.get(term.slice(0, -1)) ?? -1) : -1);
  }

  private commonCache?: { direction: Float32Array; dots: Float32Array };

  /**
   * The direction all word vectors share (their mean, as a unit vector) and each row's cosine
   * with it. Averaged word vectors all lean this way, so sentences look alike until it is
   * removed (Arora et al., "A simple but tough-to-beat baseline for sentence embeddings", 2017).
   */
  get common(): { direction: Float32Array; dots: Float32Array } {
    if (!this.commonCache) {
      const d = this.dimensions;
      const mean = new Float32Array(d);
      for (let row = 0; row < this.size; row++) this.addTo(mean, row, 1);
      let norm = 0;
      for (let k = 0; k < d; k++) norm += mean[k] * mean[k];
      norm = Math.sqrt(norm) || 1;
      for (let k = 0; k < d; k++) mean[k] /= norm;
      const dots = new Float32Array(this.size);
      for (let row = 0; row < this.size; row++) {
        let dot = 0;
        for (let k = 0, i = row * d; k < d; k++, i++) dot += this.bytes[i] * mean[k];
        dots[row] = dot * this.scales[row];
      }
      this.commonCache = { direction: mean, dots };
    }
    return this.commonCache;
  }

  /** Cosine of two rows once the shared direction is taken out of both (see {@link common}). */
  centeredCosine(a: number, b: number): number {
    const { dots } = this.common;
    const da = dots[a];
    const db = dots[b];
    const denominator = Math.sqrt(Math.max(1e-9, (1 - da * da) * (1 - db * db)));
    return (this.cosine(a, b) - da * db) / denominator;
  }

  /** Cosine of two rows. */
  cosine(a: number, b: number): number {
    const d = this.dimensions;
    const bytes = this.bytes;
    let dot = 0;
    for (let i = a * d, j = b * d, end = a * d + d; i < end; i++, j++) dot += bytes[i] * bytes[j];
    return dot * this.scales[a] * this.scales[b];
  }

  /** Adds `weight` times row `row` (as a unit vector) to `into`. */
  addTo(into: Float32Array, row: number, weight: number): void {
    const d = this.dimensions;
    const w = weight * this.scales[row];
    for (let k = 0, i = row * d; k < d; k++, i++) into[k] += w * this.bytes[i];
  }

  /** The stems nearest to a stem, best first (precomputed: cosine >= 0.45, at most 12). */
  nearest(term: string): NearStem[] {
    const row = this.row(term);
    const near: NearStem[] = [];
    if (row < 0) return near;
    const { perStem, rows, cosines } = this.neighbours;
    for (let k = row * perStem; k < (row + 1) * perStem && rows[k] !== NO_NEIGHBOUR; k++) {
      near.push({ term: this.stems[rows[k]], cosine: cosines[k] / 100 });
    }
    return near;
  }
}

/** The shipped vectors file, under the package root. */
export function defaultVectorsPath(): string {
  return join(packageRoot(import.meta.url), 'src', 'search', 'vectors', 'data', 'glove-100d.bin.gz');
}

let shared: WordVectors | undefined;

/** The vectors file is missing or unreadable; the message says which file and what to do. */
export class VectorsLoadError extends Error {
  override name = 'VectorsLoadError';
}

/** Loads the vectors once per process (about 40 ms); throws {@link VectorsLoadError} if the file is missing or unreadable. */
export function loadWordVectors(path = defaultVectorsPath()): WordVectors {
  if (shared && path === defaultVectorsPath()) return shared;
  if (!existsSync(path))
    throw new VectorsLoadError(
      `The word vectors ${path} are missing; they ship with the source: restore them with "git checkout".`,
    );
  let vectors: WordVectors;
  try {
    vectors = new WordVectors(decodeVectors(readFileSync(path)));
  } catch (error) {
    throw new VectorsLoadError(`Cannot read the word vectors ${path}: ${(error as Error).message}`);
  }
  if (path === defaultVectorsPath()) shared = vectors;
  return vectors;
}
