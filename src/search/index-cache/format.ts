/**
 * The index cache's file format: named sections of typed arrays and strings, behind a header that
 * says what the file is (magic, this codec's version, the index format's version), what it was
 * built from (a key: the stories' content hash) and how long it is, and a SHA-256 of everything
 * before it at the end. A file that is truncated, corrupt, stale or of another version is refused
 * with a reason, never half-read; the caller then rebuilds.
 *
 *   0   8 bytes  magic "SBINDEX\0"
 *   8   u32      container version (CONTAINER_VERSION)
 *   12  u32      index format version (the caller's)
 *   16  f64      total file length in bytes, trailer included
 *   24  u32      header JSON length J
 *   28  J bytes  {"key": string, "sections": [{"name", "type", "offset", "bytes", "count"}]}
 *       ...      zero padding to 8; then each section's bytes, each starting on a multiple of 8
 *   end-32       SHA-256 of bytes [0, end-32)
 *
 * All numbers are little-endian. A `strings` section is u32 count, u32 byte offsets (count + 1)
 * into the UTF-8 of the strings one after another, then those bytes. Each string is decoded on
 * its own, so V8 stores it in one byte per character when it can (a slice of one big decoded
 * text would keep two bytes per character if any string anywhere needed them).
 */
import { createHash, type Hash } from 'node:crypto';

export const MAGIC = Buffer.from('SBINDEX\0', 'latin1');
export const CONTAINER_VERSION = 1;
const FIXED_HEADER = 28;
export const TRAILER_BYTES = 32;
const ALIGN = 8;

export type NumericArray =
  Int8Array | Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
/**
 * Bytes made as they are written (a `u8` section once stored): a large section that is never
 * held whole in memory. `chunks()` yields exactly `bytes` bytes, each chunk consumed before the next.
 */
export interface StreamedBytes {
  readonly streamed: true;
  readonly bytes: number;
  chunks(): Iterable<Uint8Array>;
}
export type SectionValue = NumericArray | string | readonly string[] | StreamedBytes;
export type Sections = Record<string, SectionValue>;

const ARRAY_TYPES = {
  i8: Int8Array,
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;
type ArrayType = keyof typeof ARRAY_TYPES;
type SectionType = ArrayType | 'text' | 'strings';

export interface SectionEntry {
  name: string;
  type: SectionType;
  /** From the start of the file. */
  offset: number;
  bytes: number;
  /** Elements of an array; strings of a `strings` section; characters of a `text` section. */
  count: number;
}

/** Why a file was refused (each means "rebuild"). */
export type RejectReason = 'not-a-cache' | 'other-version' | 'other-index-version' | 'stale' | 'truncated' | 'corrupt';

export class CacheRejected extends Error {
  override name = 'CacheRejected';
  constructor(
    readonly reason: RejectReason,
    detail: string,
  ) {
    super(`index cache refused (${reason}): ${detail}`);
  }
}

const pad = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;

const isStreamed = (value: SectionValue): value is StreamedBytes =>
  typeof value === 'object' && 'streamed' in value && value.streamed;

function typeOf(value: SectionValue): SectionType {
  if (typeof value === 'string') return 'text';
  if (isStreamed(value)) return 'u8';
  if (Array.isArray(value)) return 'strings';
  for (const [type, ctor] of Object.entries(ARRAY_TYPES)) if (value instanceof ctor) return type as ArrayType;
  throw new TypeError('index cache: a section must be a typed array, a string or a string list');
}

function wellFormed(text: string, name: string): void {
  // A lone surrogate would come back as U+FFFD and shift every offset after it.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed())
    throw new TypeError(`index cache: section "${name}" holds a lone surrogate`);
}

/** Strings are encoded into chunks of about this size, never all at once. */
export const STRING_CHUNK_BYTES = 4 * 2 ** 20;

/**
 * A section's size and its bytes as a sequence of chunks, made as they are written: a large
 * string list (the stories' text) is never joined or encoded into one more copy of itself.
 */
function sectionChunks(
  name: string,
  value: SectionValue,
): { type: SectionType; count: number; bytes: number; chunks: () => Iterable<Uint8Array> } {
  const type = typeOf(value);
  if (isStreamed(value)) return { type, count: value.bytes, bytes: value.bytes, chunks: () => value.chunks() };
  if (type === 'text') {
    const text = value as string;
    wellFormed(text, name);
    return {
      type,
      count: text.length,
      bytes: Buffer.byteLength(text, 'utf8'),
      chunks: () => [Buffer.from(text, 'utf8')],
    };
  }
  if (type === 'strings') {
    const list = value as readonly string[];
    const head = new Uint32Array(list.length + 2);
    head[0] = list.length;
    let at = 0;
    for (let i = 0; i < list.length; i++) {
      wellFormed(list[i], name);
      head[i + 1] = at;
      at += Buffer.byteLength(list[i], 'utf8');
    }
    head[list.length + 1] = at;
    return { type, count: list.length, bytes: head.byteLength + at, chunks: () => stringChunks(head, list) };
  }
  const array = value as NumericArray;
  return {
    type,
    count: array.length,
    bytes: array.byteLength,
    chunks: () => [new Uint8Array(array.buffer, array.byteOffset, array.byteLength)],
  };
}

/**
 * One buffer, refilled: each chunk is consumed (hashed, written or copied) before the next is
 * made, so 150 MB of text costs one 4 MB buffer, not 38 of them left for the collector.
 */
function* stringChunks(head: Uint32Array, list: readonly string[]): Iterable<Uint8Array> {
  yield new Uint8Array(head.buffer, head.byteOffset, head.byteLength);
  const chunk = Buffer.allocUnsafe(STRING_CHUNK_BYTES);
  let used = 0;
  for (const s of list) {
    const need = Buffer.byteLength(s, 'utf8');
    if (used + need > chunk.length && used > 0) {
      yield chunk.subarray(0, used);
      used = 0;
    }
    if (need > chunk.length) {
      yield Buffer.from(s, 'utf8');
      continue;
    }
    used += chunk.write(s, used, 'utf8');
  }
  if (used > 0) yield chunk.subarray(0, used);
}

/**
 * Lays the sections out and hands the file's bytes to `write` in order (header, sections with
 * padding, trailer); returns the total length. Writing in chunks keeps a large index from being
 * copied into one more buffer. A chunk is valid only during its call (its buffer is refilled
 * after): `write` writes or copies it before returning.
 */
export function encodeSections(
  indexVersion: number,
  key: string,
  sections: Sections,
  write: (chunk: Uint8Array) => void,
): number {
  const parts = Object.entries(sections).map(([name, value]) => ({ name, ...sectionChunks(name, value) }));
  const entries: SectionEntry[] = [];
  // The header's length depends on the offsets it lists, and they on it: lay out until it stops
  // growing (it only grows, and by less each time, so two or three passes do).
  let headerBytes = 0;
  for (;;) {
    let offset = headerBytes;
    entries.length = 0;
    for (const p of parts) {
      const bytes = p.bytes;
      entries.push({ name: p.name, type: p.type, offset, bytes, count: p.count });
      offset += bytes + pad(bytes);
    }
    const json = Buffer.from(JSON.stringify({ key, sections: entries }), 'utf8');
    const needed = FIXED_HEADER + json.length + pad(FIXED_HEADER + json.length);
    if (needed === headerBytes) break;
    headerBytes = needed;
  }
  const json = Buffer.from(JSON.stringify({ key, sections: entries }), 'utf8');
  const last = entries[entries.length - 1];
  const dataEnd = last ? last.offset + last.bytes + pad(last.bytes) : headerBytes;
  const total = dataEnd + TRAILER_BYTES;

  const hash = createHash('sha256');
  const emit = (chunk: Uint8Array) => {
    if (chunk.byteLength === 0) return;
    hash.update(chunk);
    write(chunk);
  };
  const fixed = Buffer.alloc(FIXED_HEADER);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(CONTAINER_VERSION, 8);
  fixed.writeUInt32LE(indexVersion >>> 0, 12);
  fixed.writeDoubleLE(total, 16);
  fixed.writeUInt32LE(json.length, 24);
  emit(fixed);
  emit(json);
  emit(Buffer.alloc(headerBytes - FIXED_HEADER - json.length));
  parts.forEach((p, i) => {
    let written = 0;
    for (const c of p.chunks()) {
      emit(c);
      written += c.byteLength;
    }
    if (written !== entries[i].bytes) throw new Error(`index cache: section "${p.name}" changed while it was written`);
    emit(Buffer.alloc(pad(entries[i].bytes)));
  });
  write(hash.digest());
  return total;
}

/** The whole file in one buffer (tests, small indexes). */
export function encodeToBuffer(indexVersion: number, key: string, sections: Sections): Buffer {
  const chunks: Uint8Array[] = [];
  encodeSections(indexVersion, key, sections, (c) => chunks.push(Buffer.from(c)));
  return Buffer.concat(chunks);
}

export interface Header {
  indexVersion: number;
  total: number;
  key: string;
  sections: SectionEntry[];
  /** Bytes from the start of the file to the first section. */
  headerBytes: number;
}

/**
 * Reads and checks the header (from the file's first bytes, at least {@link FIXED_HEADER}; more
 * are asked for through `more` when the JSON is longer). Throws CacheRejected.
 */
export function readHeader(
  start: Uint8Array,
  fileBytes: number,
  indexVersion: number,
  key: string | undefined,
  more: (length: number) => Uint8Array,
): Header {
  const view = Buffer.from(start.buffer, start.byteOffset, start.byteLength);
  if (fileBytes < FIXED_HEADER + TRAILER_BYTES || view.length < FIXED_HEADER)
    throw new CacheRejected(fileBytes < MAGIC.length ? 'not-a-cache' : 'truncated', `${fileBytes} bytes`);
  if (!view.subarray(0, MAGIC.length).equals(MAGIC)) throw new CacheRejected('not-a-cache', 'no storybot index magic');
  const container = view.readUInt32LE(8);
  if (container !== CONTAINER_VERSION)
    throw new CacheRejected('other-version', `container version ${container}, expected ${CONTAINER_VERSION}`);
  const version = view.readUInt32LE(12);
  if (version !== indexVersion >>> 0)
    throw new CacheRejected('other-index-version', `index format ${version}, expected ${indexVersion}`);
  const total = view.readDoubleLE(16);
  if (total !== fileBytes)
    throw new CacheRejected(total > fileBytes ? 'truncated' : 'corrupt', `${fileBytes} bytes, header says ${total}`);
  const jsonLength = view.readUInt32LE(24);
  if (FIXED_HEADER + jsonLength + TRAILER_BYTES > fileBytes)
    throw new CacheRejected('corrupt', 'header longer than the file');
  const jsonBytes =
    view.length >= FIXED_HEADER + jsonLength
      ? view.subarray(FIXED_HEADER, FIXED_HEADER + jsonLength)
      : more(FIXED_HEADER + jsonLength).subarray(FIXED_HEADER);
  let parsed: { key?: unknown; sections?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(jsonBytes).toString('utf8')) as typeof parsed;
  } catch {
    throw new CacheRejected('corrupt', 'unreadable header');
  }
  if (typeof parsed.key !== 'string' || !Array.isArray(parsed.sections))
    throw new CacheRejected('corrupt', 'header without key or sections');
  if (key !== undefined && parsed.key !== key) throw new CacheRejected('stale', 'built from other stories');
  const headerBytes = FIXED_HEADER + jsonLength + pad(FIXED_HEADER + jsonLength);
  const sections = parsed.sections as SectionEntry[];
  let end = headerBytes;
  for (const s of sections) {
    const known = typeof s?.name === 'string' && (s.type in ARRAY_TYPES || s.type === 'text' || s.type === 'strings');
    const placed =
      Number.isSafeInteger(s?.offset) &&
      Number.isSafeInteger(s?.bytes) &&
      Number.isSafeInteger(s?.count) &&
      s.offset === end &&
      s.bytes >= 0;
    if (!known || !placed) throw new CacheRejected('corrupt', 'bad section table');
    end = s.offset + s.bytes + pad(s.bytes);
  }
  if (end + TRAILER_BYTES !== fileBytes) throw new CacheRejected('corrupt', 'sections do not fill the file');
  return { indexVersion: version, total, key: parsed.key, sections, headerBytes };
}

/** A section's value from its bytes (which it may keep as its storage: pass a copy you own). */
export function decodeSection(entry: SectionEntry, bytes: Uint8Array): SectionValue {
  if (entry.type === 'text') {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.length !== entry.count) throw new CacheRejected('corrupt', `section "${entry.name}" has the wrong length`);
    return text;
  }
  if (entry.type === 'strings') {
    if (bytes.byteLength < 4 || bytes.byteOffset % 4 !== 0)
      throw new CacheRejected('corrupt', `section "${entry.name}" is misplaced`);
    const count = new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0];
    const headBytes = (count + 2) * 4;
    if (count !== entry.count || headBytes > bytes.byteLength)
      throw new CacheRejected('corrupt', `section "${entry.name}" has the wrong length`);
    const offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + 4, count + 1);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + headBytes, bytes.byteLength - headBytes);
    if (offsets[count] !== text.length)
      throw new CacheRejected('corrupt', `section "${entry.name}" has the wrong length`);
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const from = offsets[i];
      const to = offsets[i + 1];
      if (to < from) throw new CacheRejected('corrupt', `section "${entry.name}" has bad offsets`);
      out[i] = text.toString('utf8', from, to);
    }
    return out;
  }
  const ctor = ARRAY_TYPES[entry.type];
  if (entry.bytes !== entry.count * ctor.BYTES_PER_ELEMENT || bytes.byteOffset % ctor.BYTES_PER_ELEMENT !== 0)
    throw new CacheRejected('corrupt', `section "${entry.name}" has the wrong length`);
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, entry.count);
}

/** Decodes a whole file held in memory; throws CacheRejected. Arrays are copies the caller owns. */
export function decodeBuffer(
  file: Uint8Array,
  indexVersion: number,
  key?: string,
): { key: string; sections: Sections } {
  const header = readHeader(file, file.byteLength, indexVersion, key, (n) => file.subarray(0, n));
  checkDigest(
    createHash('sha256').update(file.subarray(0, file.byteLength - TRAILER_BYTES)),
    file.subarray(file.byteLength - TRAILER_BYTES),
  );
  const sections: Sections = {};
  for (const s of header.sections)
    sections[s.name] = decodeSection(s, copyOf(file.subarray(s.offset, s.offset + s.bytes)));
  return { key: header.key, sections };
}

export function checkDigest(hash: Hash, trailer: Uint8Array): void {
  if (!hash.digest().equals(trailer)) throw new CacheRejected('corrupt', 'checksum mismatch');
}

/** A copy in a fresh, aligned buffer of its own. */
export function copyOf(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}
