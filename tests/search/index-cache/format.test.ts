import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheRejected, decodeBuffer, encodeToBuffer, type Sections } from '../../../src/search/index-cache/format.js';
import { cacheHeaderFits, readCacheFile, writeCacheFile } from '../../../src/search/index-cache/file.js';
import { cacheFilePath, contentKey } from '../../../src/search/index-cache/key.js';

const VERSION = 7;
const KEY = contentKey([{ name: 'a.txt', content: 'Alpha story.' }]);

/** One section of every kind, with lengths that need padding and text beyond Latin-1. */
function synthetic(): Sections {
  return {
    bytes: Uint8Array.from([1, 2, 3]),
    signed: Int8Array.from([-128, 0, 127]),
    tf: Uint16Array.from([7, 65535, 0, 9, 11]),
    docs: Uint32Array.from([0, 4_000_000_000, 17]),
    rows: Int32Array.from([-1, 2, -2_000_000_000]),
    idf: Float32Array.from([0.5, 1.25, -3]),
    norm: Float64Array.from([Math.PI, -0, 1e300]),
    text: 'Der Bürgermeister sagte „nein“ — 東京 🙂.',
    terms: ['', 'iraq', 'naïve', '🙂 emoji', 'troops'],
    empty: new Float32Array(0),
    none: [],
  };
}

function rejection(fn: () => unknown): CacheRejected {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CacheRejected);
    return err as CacheRejected;
  }
  throw new Error('expected the file to be refused');
}

describe('index cache format', () => {
  it('gives back every section as it was written, arrays by type', () => {
    const written = synthetic();
    const { key, sections } = decodeBuffer(encodeToBuffer(VERSION, KEY, written), VERSION, KEY);
    expect(key).toBe(KEY);
    expect(Object.keys(sections)).toEqual(Object.keys(written));
    for (const [name, value] of Object.entries(written)) {
      expect(sections[name]).toEqual(value);
      expect(Object.getPrototypeOf(sections[name])).toBe(Object.getPrototypeOf(value));
    }
  });

  it('starts every section on a multiple of 8 bytes', () => {
    const file = encodeToBuffer(VERSION, KEY, synthetic());
    const header = JSON.parse(file.subarray(28, 28 + file.readUInt32LE(24)).toString('utf8')) as {
      sections: { offset: number }[];
    };
    for (const s of header.sections) expect(s.offset % 8).toBe(0);
    expect(file.length % 8).toBe(0);
  });

  it('refuses a file of another index format version, or of another codec version', () => {
    const file = encodeToBuffer(VERSION, KEY, synthetic());
    expect(rejection(() => decodeBuffer(file, VERSION + 1, KEY)).reason).toBe('other-index-version');
    const other = Buffer.from(file);
    other.writeUInt32LE(99, 8);
    expect(rejection(() => decodeBuffer(other, VERSION, KEY)).reason).toBe('other-version');
  });

  it('refuses a file built from other stories', () => {
    const file = encodeToBuffer(VERSION, KEY, synthetic());
    const otherKey = contentKey([{ name: 'a.txt', content: 'Alpha story, edited.' }]);
    expect(rejection(() => decodeBuffer(file, VERSION, otherKey)).reason).toBe('stale');
  });

  it('refuses a truncated file at every length', () => {
    const file = encodeToBuffer(VERSION, KEY, synthetic());
    for (let n = 0; n < file.length; n += 13) {
      const reason = rejection(() => decodeBuffer(file.subarray(0, n), VERSION, KEY)).reason;
      expect(['truncated', 'not-a-cache']).toContain(reason);
    }
  });

  it('refuses a file with any one byte changed', () => {
    const file = encodeToBuffer(VERSION, KEY, synthetic());
    for (let at = 0; at < file.length; at += 7) {
      const bad = Buffer.from(file);
      bad[at] ^= 0x20;
      expect(() => decodeBuffer(bad, VERSION, KEY)).toThrow(CacheRejected);
    }
  });

  it('refuses what is not a cache file, and a string with a lone surrogate is never written', () => {
    expect(
      rejection(() =>
        decodeBuffer(Buffer.from('# A story\n\nIt was a dark and stormy night, and the rest of it.\n'), VERSION, KEY),
      ).reason,
    ).toBe('not-a-cache');
    expect(() => encodeToBuffer(VERSION, KEY, { text: 'bad \ud800 half' })).toThrow(/lone surrogate/);
    expect(() => encodeToBuffer(VERSION, KEY, { list: ['ok', '\udc00'] })).toThrow(/lone surrogate/);
  });
});

describe('index cache files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storybot-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes through a temporary file and reads back the same sections', () => {
    const path = join(dir, 'nested', 'stories.sbindex');
    const bytes = writeCacheFile(path, VERSION, KEY, synthetic());
    expect(readdirSync(join(dir, 'nested'))).toEqual(['stories.sbindex']);
    const read = readCacheFile(path, VERSION, KEY);
    expect(read).toMatchObject({ ok: true, bytes });
    if (read.ok) expect(read.sections).toEqual(synthetic());
  });

  it('writes and reads string lists larger than a chunk, and strings longer than one, a chunk at a time', () => {
    const path = join(dir, 'big.sbindex');
    const mb = 2 ** 20;
    const list = [
      'a'.repeat(3 * mb),
      'é東'.repeat(mb),
      '',
      'b'.repeat(5 * mb),
      ...Array.from({ length: 5000 }, (_, i) => `paragraph ${i} ✓`),
    ];
    writeCacheFile(path, VERSION, KEY, { list, after: Uint32Array.of(7) });
    const read = readCacheFile(path, VERSION, KEY);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const back = read.sections.list as string[];
    expect(back.length).toBe(list.length);
    for (let i = 0; i < list.length; i++) if (back[i] !== list[i]) throw new Error(`string ${i} differs`);
    expect(read.sections.after).toEqual(Uint32Array.of(7));
    expect(decodeBuffer(readFileSync(path), VERSION, KEY).sections.list).toEqual(list);
  });

  it('says why it refuses: missing, stale, other version, truncated, corrupt', () => {
    const path = join(dir, 'stories.sbindex');
    expect(readCacheFile(path, VERSION, KEY)).toMatchObject({ ok: false, reason: 'missing' });
    writeCacheFile(path, VERSION, KEY, synthetic());
    expect(readCacheFile(path, VERSION, contentKey([{ name: 'b.txt', content: 'x' }]))).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    expect(readCacheFile(path, VERSION + 1, KEY)).toMatchObject({ ok: false, reason: 'other-index-version' });
    const whole = readFileSync(path);
    const corrupt = Buffer.from(whole);
    corrupt[corrupt.length - 40] ^= 1;
    writeFileSync(path, corrupt);
    expect(readCacheFile(path, VERSION, KEY)).toMatchObject({ ok: false, reason: 'corrupt' });
    writeFileSync(path, whole);
    truncateSync(path, whole.length - 1);
    expect(readCacheFile(path, VERSION, KEY)).toMatchObject({ ok: false, reason: 'truncated' });
    truncateSync(path, 20);
    expect(readCacheFile(path, VERSION, KEY)).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('tells from the header alone whether a file could serve (missing, stale, other version, truncated: not)', () => {
    const path = join(dir, 'stories.sbindex');
    expect(cacheHeaderFits(path, VERSION, KEY)).toBe(false);
    writeCacheFile(path, VERSION, KEY, synthetic());
    expect(cacheHeaderFits(path, VERSION, KEY)).toBe(true);
    expect(cacheHeaderFits(path, VERSION, contentKey([{ name: 'b.txt', content: 'x' }]))).toBe(false);
    expect(cacheHeaderFits(path, VERSION + 1, KEY)).toBe(false);
    truncateSync(path, readFileSync(path).length - 1);
    expect(cacheHeaderFits(path, VERSION, KEY)).toBe(false);
  });

  it('refuses a file on disk with any one byte changed, strings sections included', () => {
    const path = join(dir, 'stories.sbindex');
    writeCacheFile(path, VERSION, KEY, synthetic());
    const whole = readFileSync(path);
    for (let at = 0; at < whole.length; at += 5) {
      const bad = Buffer.from(whole);
      bad[at] ^= 0x04;
      writeFileSync(path, bad);
      expect(readCacheFile(path, VERSION, KEY).ok).toBe(false);
    }
  });

  it('leaves the old file whole when a write fails half-way, and no temporary file behind', () => {
    const path = join(dir, 'stories.sbindex');
    writeCacheFile(path, VERSION, KEY, synthetic());
    const before = readFileSync(path);
    expect(() => writeCacheFile(path, VERSION, KEY, { ok: Uint8Array.from([1]), bad: 'lone \ud800' })).toThrow();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['stories.sbindex']);
  });
});

describe('index cache keys and places', () => {
  it("changes with any story's name or content, and not otherwise", () => {
    const a = [
      { name: 'a.txt', content: 'One.' },
      { name: 'b.txt', content: Buffer.from('Two.') },
    ];
    expect(contentKey(a)).toBe(
      contentKey([
        { name: 'a.txt', content: Buffer.from('One.') },
        { name: 'b.txt', content: 'Two.' },
      ]),
    );
    expect(contentKey(a)).not.toBe(contentKey([a[0], { name: 'b.txt', content: 'Two!' }]));
    expect(contentKey(a)).not.toBe(contentKey([a[0], { name: 'c.txt', content: 'Two.' }]));
    expect(contentKey(a)).not.toBe(contentKey([a[0]]));
    // Name and content boundaries cannot be traded for one another.
    expect(contentKey([{ name: 'ab', content: 'c' }])).not.toBe(contentKey([{ name: 'a', content: 'bc' }]));
  });

  it('keeps one file per story folder and one per server, with safe names', () => {
    expect(cacheFilePath('/c', { storyPath: '/srv/stories' })).toMatch(/^\/c\/stories-[0-9a-f]{16}\.sbindex$/);
    expect(cacheFilePath('/c', { storyPath: '/srv/stories' })).not.toBe(
      cacheFilePath('/c', { storyPath: '/srv/other' }),
    );
    expect(cacheFilePath('/c', { server: '223456789012345678' })).toBe('/c/server-223456789012345678.sbindex');
    expect(cacheFilePath('/c', { server: '../../etc/passwd' })).toMatch(/^\/c\/server-[0-9a-f]{32}\.sbindex$/);
  });
});
