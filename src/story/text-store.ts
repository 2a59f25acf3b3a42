/**
 * Paragraph texts kept as UTF-8 in one buffer, each made into a string when read. At 200,000
 * paragraphs the strings held about 200 MB: every paragraph with one character beyond Latin-1
 * (a curly quote, a dash) is a two-byte string, while its UTF-8 is barely longer than ASCII.
 * Texts are read a handful of paragraphs per answer, so decoding one when read costs little.
 */
import { isUtf8 } from 'node:buffer';

/** Texts by number, as a string array is read (the search index takes either). */
export interface TextList {
  readonly length: number;
  at(index: number): string | undefined;
}

export class TextStore implements TextList {
  private bytes: Buffer;
  private ends: Uint32Array;
  private count = 0;
  private used = 0;
  // The last text read: a paragraph's sentences are read one after another.
  private lastIndex = -1;
  private lastText = '';

  /** `capacityBytes`: a close guess at the texts' UTF-8 size (pages never written cost no memory). */
  constructor(capacityBytes = 1024) {
    this.bytes = Buffer.allocUnsafe(Math.max(16, capacityBytes));
    this.ends = new Uint32Array(1024);
  }

  /** A store over stored bytes and each text's end in them (the index cache's); undefined when they do not fit. */
  static over(bytes: Uint8Array, ends: Uint32Array): TextStore | undefined {
    let last = 0;
    for (const end of ends) {
      if (end < last) return undefined;
      last = end;
    }
    if (last !== bytes.byteLength || !isUtf8(bytes)) return undefined;
    const store = new TextStore(16);
    store.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    store.ends = ends;
    store.count = ends.length;
    store.used = last;
    return store;
  }

  get length(): number {
    return this.count;
  }

  /** Adds a text; returns its number. */
  add(text: string): number {
    const need = Buffer.byteLength(text, 'utf8');
    if (this.used + need > this.bytes.length) {
      const next = Buffer.allocUnsafe(Math.max(this.used + need, Math.ceil(this.bytes.length * 1.5)));
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
    if (this.count === this.ends.length) {
      const next = new Uint32Array(Math.ceil(this.ends.length * 1.5));
      next.set(this.ends);
      this.ends = next;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    this.ends[this.count] = this.used;
    return this.count++;
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    if (index !== this.lastIndex) {
      this.lastText = this.bytes.toString('utf8', this.start(index), this.ends[index]);
      this.lastIndex = index;
    }
    return this.lastText;
  }

  /** A text's length in UTF-16 code units (as `at(index).length`), counted without decoding it. */
  textLength(index: number): number {
    let units = 0;
    const end = this.ends[index];
    for (let i = this.start(index); i < end; i++) {
      const byte = this.bytes[i];
      if ((byte & 0xc0) !== 0x80) units++;
      if (byte >= 0xf0) units++;
    }
    return units;
  }

  /** The stored form: the UTF-8 of every text one after another, and where each ends. */
  parts(): { bytes: Uint8Array; ends: Uint32Array } {
    return { bytes: this.bytes.subarray(0, this.used), ends: this.ends.subarray(0, this.count) };
  }

  private start(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1];
  }
}
