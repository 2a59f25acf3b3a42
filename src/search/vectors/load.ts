import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageRoot } from '../package-root.js';
import { decodeVectors } from './format.js';

/** A stem near another by word vectors, with their cosine. */
export interface NearStem {
  term: string;
  cosine: number;
}

/** Word vectors by stem: what the re-rank uses to see that "soldiers" and "troops" are near. */
export class WordVectors {
  readonly dimensions: number;
  /** Unit vectors, row-major. */
  readonly data: Float32Array;
  private readonly rows: Map<string, number>;
  /** Each stem's nearest stems as their text row ("troop:80 armi:80 ..."), parsed when first asked. */
  private readonly neighbourRows: Map<string, string>;
  private readonly neighbours = new Map<string, NearStem[]>();

  constructor(stems: readonly string[], data: Float32Array, dimensions: number, neighbourRows = new Map<string, string>()) {
    this.dimensions = dimensions;
    this.data = data;
    this.rows = new Map(stems.map((stem, i) => [stem, i]));
    this.neighbourRows = neighbourRows;
  }

  /** The stems nearest to a stem (precomputed, best first; cosine >= 0.45, at most 12). */
  nearest(term: string): readonly NearStem[] {
    const key = term.endsWith('.') && !this.neighbourRows.has(term) ? term.slice(0, -1) : term;
    let near = this.neighbours.get(key);
    if (!near) {
      near = (this.neighbourRows.get(key) ?? '').split(' ').filter(Boolean).map((pair) => {
        const colon = pair.lastIndexOf(':');
        return { term: pair.slice(0, colon), cosine: Number(pair.slice(colon + 1)) / 100 };
      });
      this.neighbours.set(key, near);
    }
    return near;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Row of a stem's vector, or -1. Acronym terms ("us.") use the word's vector. */
  row(term: string): number {
    return this.rows.get(term) ?? (term.endsWith('.') ? (this.rows.get(term.slice(0, -1)) ?? -1) : -1);
  }

  /** Cosine of two rows (vectors are unit length). */
  cosine(a: number, b: number): number {
    const d = this.dimensions;
    const data = this.data;
    let dot = 0;
    for (let i = a * d, j = b * d, end = a * d + d; i < end; i++, j++) dot += data[i] * data[j];
    return dot;
  }
}

/** The shipped vectors file, under the package root. */
export function defaultVectorsPath(): string {
  return join(packageRoot(import.meta.url), 'src', 'search', 'vectors', 'data', 'glove-100d.bin.gz');
}

/** The neighbours file beside a vectors file: `stem<TAB>near:cosine ...` per line, `#` comments. */
function readNeighbours(vectorsPath: string): Map<string, string> {
  const path = join(dirname(vectorsPath), 'glove-neighbours.tsv.gz');
  const rows = new Map<string, string>();
  if (!existsSync(path)) throw new Error(`storybot vectors: ${path} is missing; it ships with the source, restore it with git checkout`);
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0 && !line.startsWith('#')) rows.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return rows;
}

let shared: WordVectors | undefined;

/** Loads the vectors once per process (about 40 ms); throws a clear error if the file is missing. */
export function loadWordVectors(path = defaultVectorsPath()): WordVectors {
  if (shared && path === defaultVectorsPath()) return shared;
  if (!existsSync(path)) throw new Error(`storybot vectors: ${path} is missing; it ships with the source, restore it with git checkout`);
  const table = decodeVectors(readFileSync(path));
  const vectors = new WordVectors(table.stems, table.data, table.dimensions, readNeighbours(path));
  if (path === defaultVectorsPath()) shared = vectors;
  return vectors;
}
