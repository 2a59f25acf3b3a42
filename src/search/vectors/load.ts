import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageRoot } from '../package-root.js';
import { decodeRow, LexiconText } from '../lexicon/format.js';
import { decodeVectors, type QuantizedVectors } from './format.js';

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
  private readonly rows: Map<string, number>;
  /** Each stem's nearest stems, in the lexicon's text format ("troop:80 armi:80 ..."). */
  private readonly neighbourText?: LexiconText;
  private readonly neighbours = new Map<string, NearStem[]>();

  constructor(vectors: QuantizedVectors, neighbourText?: LexiconText) {
    this.dimensions = vectors.dimensions;
    this.bytes = vectors.bytes;
    this.scales = vectors.scales;
    this.rows = new Map(vectors.stems.map((stem, i) => [stem, i]));
    this.neighbourText = neighbourText;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Row of a stem's vector, or -1. Acronym terms ("us.") use the word's vector. */
  row(term: string): number {
    return this.rows.get(term) ?? (term.endsWith('.') ? (this.rows.get(term.slice(0, -1)) ?? -1) : -1);
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

  /** The stems nearest to a stem (precomputed, best first; cosine >= 0.45, at most 12). */
  nearest(term: string): readonly NearStem[] {
    let near = this.neighbours.get(term);
    if (!near) {
      const row = this.neighbourText?.row(term) ?? (term.endsWith('.') ? this.neighbourText?.row(term.slice(0, -1)) : undefined);
      near = decodeRow(row ?? '').map(({ term: stem, weight }) => ({ term: stem, cosine: weight }));
      if (this.neighbours.size >= 20_000) this.neighbours.clear();
      this.neighbours.set(term, near);
    }
    return near;
  }
}

/** The shipped vectors file, under the package root. */
export function defaultVectorsPath(): string {
  return join(packageRoot(import.meta.url), 'src', 'search', 'vectors', 'data', 'glove-100d.bin.gz');
}

/** The neighbours file beside a vectors file, in the lexicon's format. */
function readNeighbours(vectorsPath: string): LexiconText {
  const path = join(dirname(vectorsPath), 'glove-neighbours.tsv.gz');
  if (!existsSync(path)) throw new Error(`storybot vectors: ${path} is missing; it ships with the source, restore it with git checkout`);
  return LexiconText.parse(gunzipSync(readFileSync(path)).toString('utf8'));
}

let shared: WordVectors | undefined;

/** Loads the vectors once per process (about 40 ms); throws a clear error if the file is missing. */
export function loadWordVectors(path = defaultVectorsPath()): WordVectors {
  if (shared && path === defaultVectorsPath()) return shared;
  if (!existsSync(path)) throw new Error(`storybot vectors: ${path} is missing; it ships with the source, restore it with git checkout`);
  const vectors = new WordVectors(decodeVectors(readFileSync(path)), readNeighbours(path));
  if (path === defaultVectorsPath()) shared = vectors;
  return vectors;
}
