/**
 * Growable typed buffers: indexing 200k paragraphs must not build arrays of boxed numbers. They
 * start from a close guess and grow by half; `finish` hands the buffer over without a copy when
 * at most an eighth of it is unused (a copy of the largest arrays was a spike at the end of a build).
 */
export class U32Builder {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(Math.ceil(this.data.length * 1.5));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Uint32Array {
    return this.data.length - this.length <= this.data.length / 8
      ? this.data.subarray(0, this.length)
      : this.data.slice(0, this.length);
  }
}

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
    return this.data.length - this.length <= this.data.length / 8
      ? this.data.subarray(0, this.length)
      : this.data.slice(0, this.length);
  }
}
