type TypedArray = Int32Array | Float64Array | Uint8Array | Uint32Array;
type Ctor<T extends TypedArray> = { new (n: number): T };

/** A typed array with spare capacity, grown by doubling (appends are amortised O(1)). */
export class Growable<T extends TypedArray> {
  data: T;
  length = 0;
  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 1024,
    private readonly fillValue = 0,
  ) {
    this.data = new ctor(Math.max(16, capacity));
    if (fillValue !== 0) this.data.fill(fillValue);
  }

  push(v: number) {
    if (this.length === this.data.length) this.reserve(this.length * 2);
    this.data[this.length++] = v;
  }

  /** Ensures room for `n` slots; new slots hold the fill value. */
  reserve(n: number) {
    if (n <= this.data.length) return;
    const next = new this.ctor(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    if (this.fillValue !== 0) next.fill(this.fillValue, this.length);
    this.data = next;
  }

  /** Grows `length` to at least n (new slots hold the fill value). */
  extendTo(n: number) {
    if (n > this.length) {
      this.reserve(n);
      this.length = n;
    }
  }

  /** Drops spare capacity beyond 1/16 of the length (after a bulk load, doubling may leave half unused). */
  trim() {
    const capacity = this.length + Math.max(64, this.length >>> 4);
    if (capacity >= this.data.length) return;
    const next = new this.ctor(capacity);
    next.set(this.data.subarray(0, this.length));
    if (this.fillValue !== 0) next.fill(this.fillValue, this.length);
    this.data = next;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  get bytes() {
    return this.data.byteLength;
  }
}

/** Strings to dense codes (−1 stands for null). */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(s: string | null | undefined): number {
    if (s === null || s === undefined) return -1;
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(s);
      this.codes.set(s, c);
    }
    return c;
  }

  find(s: string): number {
    return this.codes.get(s) ?? -1;
  }
}
