// Word vectors file: gzip of
//   storybot-vectors/1 <dimensions> <count>\n
//   <stem> <stem> ... (count stems, space-separated)\n
//   <count * dimensions signed bytes>: each vector scaled so its largest component is +-127.
// int8 keeps the shipped file at a quarter of float32's size; cosines move by under 0.01.

import { gunzipSync, gzipSync } from 'node:zlib';

export const VECTORS_FORMAT = 'storybot-vectors/1';

export interface VectorTable {
  dimensions: number;
  stems: string[];
  /** Unit vectors, row-major: row i is stems[i]. */
  data: Float32Array;
}

export function encodeVectors(table: VectorTable): Buffer {
  const { dimensions, stems, data } = table;
  const head = Buffer.from(`${VECTORS_FORMAT} ${dimensions} ${stems.length}\n${stems.join(' ')}\n`, 'utf8');
  const body = Buffer.alloc(stems.length * dimensions);
  for (let i = 0; i < stems.length; i++) {
    let max = 0;
    for (let k = 0; k < dimensions; k++) max = Math.max(max, Math.abs(data[i * dimensions + k]));
    for (let k = 0; k < dimensions; k++) body.writeInt8(max > 0 ? Math.round((data[i * dimensions + k] / max) * 127) : 0, i * dimensions + k);
  }
  return gzipSync(Buffer.concat([head, body]), { level: 9 });
}

/** Vectors as stored: row i is `bytes[i * dimensions ..]` times `scales[i]`, a unit vector. */
export interface QuantizedVectors {
  dimensions: number;
  stems: string[];
  bytes: Int8Array;
  scales: Float32Array;
}

/** Throws on anything that is not this format, so a truncated file is never read as vectors. */
export function decodeVectors(file: Buffer): QuantizedVectors {
  const raw = gunzipSync(file);
  const firstNewline = raw.indexOf(10);
  const [format, dims, count] = raw.subarray(0, firstNewline).toString('utf8').split(' ');
  const dimensions = Number(dims);
  const n = Number(count);
  if (format !== VECTORS_FORMAT || !(dimensions > 0) || !(n >= 0)) throw new Error(`not a ${VECTORS_FORMAT} file`);
  const secondNewline = raw.indexOf(10, firstNewline + 1);
  const stems = n === 0 ? [] : raw.subarray(firstNewline + 1, secondNewline).toString('utf8').split(' ');
  const body = raw.subarray(secondNewline + 1);
  if (stems.length !== n || body.length !== n * dimensions) throw new Error(`${VECTORS_FORMAT} file is truncated`);
  // Kept as bytes (a quarter of float32's memory); each row's scale makes it unit length.
  const bytes = new Int8Array(body.buffer, body.byteOffset, body.length);
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = i * dimensions, end = k + dimensions; k < end; k++) norm += bytes[k] * bytes[k];
    scales[i] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  return { dimensions, stems, bytes, scales };
}
