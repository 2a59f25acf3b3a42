/**
 * Index cache files on disk: written atomically (a temporary file beside it, then a rename, so a
 * reader sees the old file or the whole new one, never half of one) and read back section by
 * section into buffers of their own, checking the header first and the checksum over every byte.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CacheRejected,
  checkDigest,
  decodeSection,
  encodeSections,
  readHeader,
  STRING_CHUNK_BYTES,
  TRAILER_BYTES,
  type SectionEntry,
  type Sections,
} from './format.js';

const FIRST_READ = 64 * 1024;

function readExactly(fd: number, length: number, position: number): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new CacheRejected('truncated', 'the file ended early');
    done += n;
  }
  return out;
}

/**
 * Writes the sections to `path` (creating its folder) through a temporary file and a rename.
 * Returns the file's size in bytes. On any error the temporary file is removed and the error
 * thrown; whatever was at `path` before is left as it was.
 */
export function writeCacheFile(path: string, indexVersion: number, key: string, sections: Sections): number {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  const fd = openSync(temp, 'w', 0o644);
  let closed = false;
  try {
    const total = encodeSections(indexVersion, key, sections, (chunk) => {
      let done = 0;
      while (done < chunk.byteLength) done += writeSync(fd, chunk, done, chunk.byteLength - done);
    });
    fsyncSync(fd);
    closeSync(fd);
    closed = true;
    renameSync(temp, path);
    return total;
  } catch (err) {
    if (!closed) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * A string list read a few megabytes at a time, each string decoded on its own: the stories'
 * text never sits in memory twice (its bytes and its strings) all at once.
 */
function readStrings(fd: number, s: SectionEntry, padded: number, hash: Hash): string[] {
  const headBytes = (s.count + 2) * 4;
  if (headBytes > s.bytes) throw new CacheRejected('corrupt', `section "${s.name}" has the wrong length`);
  const head = readExactly(fd, headBytes, s.offset);
  hash.update(head);
  const words = new Uint32Array(head.buffer, head.byteOffset, s.count + 2);
  const offsets = words.subarray(1);
  const blobStart = s.offset + headBytes;
  if (words[0] !== s.count || offsets[s.count] !== s.bytes - headBytes)
    throw new CacheRejected('corrupt', `section "${s.name}" has the wrong length`);
  const out = new Array<string>(s.count);
  let i = 0;
  while (i < s.count) {
    // The strings i .. j - 1 that fit in one read (at least one, however long).
    let j = i + 1;
    while (j < s.count && offsets[j + 1] - offsets[i] <= STRING_CHUNK_BYTES) j++;
    const from = offsets[i];
    const to = offsets[j];
    if (to < from) throw new CacheRejected('corrupt', `section "${s.name}" has bad offsets`);
    const chunk = Buffer.from(readExactly(fd, to - from, blobStart + from).buffer);
    hash.update(chunk);
    for (let k = i; k < j; k++) {
      if (offsets[k + 1] < offsets[k]) throw new CacheRejected('corrupt', `section "${s.name}" has bad offsets`);
      out[k] = chunk.toString('utf8', offsets[k] - from, offsets[k + 1] - from);
    }
    i = j;
  }
  hash.update(readExactly(fd, padded - s.bytes, s.offset + s.bytes));
  return out;
}

/** Deferred sections are checked (hashed) this many bytes at a time, in one buffer. */
const HASH_CHUNK = 4 * 2 ** 20;

/** Files still open for sections left in them are closed when nothing reaches them any more. */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * A cache file kept open for the sections left in it, read by position as they are needed. The
 * file it was opened on stays readable while open, even once a newer cache file replaces it (by
 * rename). Closed by {@link close}, or when nothing reaches it any more.
 */
export class OpenCacheFile {
  private fd: number | undefined;

  constructor(fd: number) {
    this.fd = fd;
    openFiles.register(this, fd, this);
  }

  /** Reads `length` bytes at `position` into `out` (from its start); false when it cannot (closed, the file shorter, an error). */
  read(position: number, out: Uint8Array, length = out.byteLength): boolean {
    const fd = this.fd;
    if (fd === undefined || length > out.byteLength) return false;
    try {
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, position + done);
        if (n === 0) return false;
        done += n;
      }
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    openFiles.unregister(this);
    closeSync(fd);
  }
}

/** A section left in its file (checked like the rest): `bytes` bytes at `offset`. */
export interface DeferredSection {
  file: OpenCacheFile;
  type: SectionEntry['type'];
  offset: number;
  bytes: number;
}

/** Hashes a section's bytes (and padding) a chunk at a time, keeping none of them. */
function hashInPlace(fd: number, s: SectionEntry, padded: number, hash: Hash): void {
  const chunk = new Uint8Array(Math.min(HASH_CHUNK, Math.max(8, padded)));
  for (let at = 0; at < padded; at += chunk.byteLength) {
    const n = Math.min(chunk.byteLength, padded - at);
    let done = 0;
    while (done < n) {
      const got = readSync(fd, chunk, done, n - done, s.offset + at + done);
      if (got === 0) throw new CacheRejected('truncated', 'the file ended early');
      done += got;
    }
    hash.update(chunk.subarray(0, n));
  }
}

/**
 * Whether the file at `path` could be a cache of this version for `key`, from its header alone
 * (cheap: a caller keeps what it would need to rebuild only when not). The full read decides.
 */
export function cacheHeaderFits(path: string, indexVersion: number, key: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    const start = readExactly(fd, Math.min(FIRST_READ, size), 0);
    readHeader(start, size, indexVersion, key, (n) => readExactly(fd, n, 0));
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

export type ReadResult =
  | { ok: true; sections: Sections; bytes: number; deferred: Record<string, DeferredSection> }
  | { ok: false; reason: CacheRejected['reason'] | 'missing' | 'unreadable'; message: string };

/**
 * Reads the cache file at `path` if it is whole, of this index format version and built from
 * `key`; otherwise says why not (a missing file is `missing`). Never throws for a bad file.
 * Sections named in `defer` are checked with the rest but left in the file: they come back in
 * `deferred`, on the file kept open for them (see {@link OpenCacheFile}).
 */
export function readCacheFile(
  path: string,
  indexVersion: number,
  key: string,
  defer: readonly string[] = [],
): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'missing', message: `no index cache at ${path} (${code ?? 'unreadable'})` };
  }
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    const start = readExactly(fd, Math.min(FIRST_READ, size), 0);
    const header = readHeader(start, size, indexVersion, key, (n) => readExactly(fd, n, 0));
    const hash = createHash('sha256');
    hash.update(readExactly(fd, header.headerBytes, 0));
    const sections: Sections = {};
    const left: SectionEntry[] = [];
    for (const s of header.sections) {
      const padded = (s.bytes + 7) & ~7;
      if (defer.includes(s.name)) {
        hashInPlace(fd, s, padded, hash);
        left.push(s);
        continue;
      }
      if (s.type === 'strings') {
        sections[s.name] = readStrings(fd, s, padded, hash);
        continue;
      }
      // Its own buffer (not a view of the whole file), so what the index keeps is what it uses.
      const bytes = readExactly(fd, padded, s.offset);
      hash.update(bytes);
      sections[s.name] = decodeSection(s, bytes.subarray(0, s.bytes));
    }
    checkDigest(hash, readExactly(fd, TRAILER_BYTES, size - TRAILER_BYTES));
    const deferred: Record<string, DeferredSection> = {};
    if (left.length > 0) {
      const open = new OpenCacheFile(fd);
      keepOpen = true;
      for (const s of left) deferred[s.name] = { file: open, type: s.type, offset: s.offset, bytes: s.bytes };
    }
    return { ok: true, sections, bytes: size, deferred };
  } catch (err) {
    if (err instanceof CacheRejected) return { ok: false, reason: err.reason, message: err.message };
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: 'unreadable',
      message: `index cache ${path} could not be read (${code ?? String(err)})`,
    };
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}
