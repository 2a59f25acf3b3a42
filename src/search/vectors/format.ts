// Word vectors file: gzip of
//   storybot-vectors/2 <dimensions> <count> <neighbours per stem>\n
//   <stem> <stem> ... (count stems, space-separated)\n
//   <count * dimensions signed bytes>: each vector scaled so its largest component is +-127;
//   <count * neighbours uint16, little-endian>: each stem's nearest stems by row, best first (65535: none);
//   <count * neighbours bytes>: their cosines in hundredths.
// int8 keeps the shipped file at a quarter of float32's size; cosines move by under 0.01.
// Neighbours by row number let a search find them with array reads, not string lookups.

import { gunzipSync, gzipSync } from 'node:zlib';

export const VECTORS_FORMAT = 'storybot-vectors/2';

/** Marks an empty neighbour place. */
export const NO_NEIGHBOUR = 0xffff;

/** Each stem's nearest stems: row i's k-th is `rows[i * perStem + k]`, cosine `cosines[..] / 100`. */
export interface Neighbours {
  perStem: number;
  rows: Uint16Array;
  cosines: Uint8Array;
}

export interface VectorTable {
  dimensions: number;
  stems: string[];
  /** Unit vectors, row-major: row i is stems[i]. */
  data: Float32Array;
  neighbours: Neighbours;
}

export function encodeVectors(table: VectorTable): Buffer {
  const { dimensions, stems, data, neighbours } = table;
  if (stems.length >= NO_NEIGHBOUR) throw new Error(`${VECTORS_FORMAT} holds fewer than ${NO_NEIGHBOUR} stems`);
  const head = Buffer.from(
    `${VECTORS_FORMAT} ${dimensions} ${stems.length} ${neighbours.perStem}\n${stems.join(' ')}\n`,
    'utf8',
  );
  const body = Buffer.alloc(stems.length * dimensions);
  for (let i = 0; i < stems.length; i++) {
    let max = 0;
    for (let k = 0; k < dimensions; k++) max = Math.max(max, Math.abs(data[i * dimensions + k]));
    for (let k = 0; k < dimensions; k++)
      body.writeInt8(max > 0 ? Math.round((data[i * dimensions + k] / max) * 127) : 0, i * dimensions + k);
  }
  const rows = Buffer.alloc(neighbours.rows.length * 2);
  neighbours.rows.forEach((row, i) => rows.writeUInt16LE(row, i * 2));
  return gzipSync(Buffer.concat([head, body, rows, Buffer.from(neighbours.cosines)]), { level: 9 });
}

/** Vectors as stored: row i is `bytes[i * dimensions ..]` times `scales[i]`, a unit vector. */
export interface QuantizedVectors {
  dimensions: number;
  stems: string[];
  bytes: Int8Array;
  scales: Float32Array;
  neighbours: Neighbours;
}

/** Throws on anything that is not this format, so a truncated file is never read as vectors. */
export function decodeVectors(file: Buffer): QuantizedVectors {
  const raw = gunzipSync(file);
  const firstNewline = raw.indexOf(10);
  const [format, dims, count, near] = raw.subarray(0, firstNewline).toString('utf8').split(' ');
  const dimensions = Number(dims);
  const n = Number(count);
  const perStem = Number(near);
  if (format !== VECTORS_FORMAT || !(dimensions > 0) || !(n >= 0) || !(perStem >= 0))
    throw new Error(`not a ${VECTORS_FORMAT} file`);
  const secondNewline = raw.indexOf(10, firstNewline + 1);
  const stems =
    n === 0
      ? []
      : raw
          .subarray(firstNewline + 1, secondNewline)
          .toString('utf8')
          .split(' ');
  const vectorsEnd = secondNewline + 1 + n * dimensions;
  const rowsEnd = vectorsEnd + n * perStem * 2;
  if (stems.length !== n || raw.length !== rowsEnd + n * perStem)
    throw new Error(`${VECTORS_FORMAT} file is truncated`);
  const body = raw.subarray(secondNewline + 1, vectorsEnd);
  const rows = new Uint16Array(n * perStem);
  for (let i = 0; i < rows.length; i++) rows[i] = raw.readUInt16LE(vectorsEnd + i * 2);
  const neighbours = { perStem, rows, cosines: Uint8Array.from(raw.subarray(rowsEnd)) };
  // Kept as bytes (a quarter of float32's memory); each row's scale makes it unit length.
  const bytes = new Int8Array(body.buffer, body.byteOffset, body.length);
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = i * dimensions, end = k + dimensions; k < end; k++) norm += bytes[k] * bytes[k];
    scales[i] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  return { dimensions, stems, bytes, scales, neighbours };
}
