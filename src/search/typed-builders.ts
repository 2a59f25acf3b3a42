/**
 * Growable typed buffers: indexing 200k paragraphs must not build arrays of boxed numbers. They
 * start from a close guess and grow by half; `finish` hands the buffer over without a copy: the
 * capacity past what was written is never touched, so it holds no memory (a copy of the largest
 * arrays was a 40 MB spike at the end of a 200,000-paragraph build, where the guess was 50% over).
 */
export class U8Builder {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(Math.ceil(this.data.length * 1.5));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Term ids, two bytes each while every id fits (a vocabulary under 65,536 terms, as at 200,000
 * SQuAD paragraphs: 28 MB less than four bytes each), four bytes from the first id that does not.
 */
export class TermIdBuilder {
  data: Uint16Array | Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint16Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (v > 0xffff && this.data instanceof Uint16Array) this.data = Uint32Array.from(this.data);
    if (this.length === this.data.length) {
      const next =
        this.data instanceof Uint16Array
          ? new Uint16Array(Math.ceil(this.data.length * 1.5))
          : new Uint32Array(Math.ceil(this.data.length * 1.5));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Uint16Array | Uint32Array {
    return this.data.subarray(0, this.length);
  }
}
