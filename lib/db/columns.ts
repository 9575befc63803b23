/**
 * Growable typed-array columns for bulk reads: millions of rows are read into a few flat arrays instead of millions
 * of objects (about 30 bytes per event instead of ~200), which keeps a 5,000,000-event load well under a gigabyte.
 */
type TypedArray = Int32Array | Float64Array | Uint8Array | Float32Array;
type Ctor<T extends TypedArray> = { new (n: number): T };

export class Column<T extends TypedArray> {
  data: T;
  length = 0;
  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity);
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The filled part (a copy trimmed to length, so the spare capacity can be collected). */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Interns strings to small integer codes (event types, search queries): -1 for null/empty. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(v: unknown): number {
    if (v === null || v === undefined || v === '') return -1;
    const s = String(v);
    let k = this.index.get(s);
    if (k === undefined) {
      k = this.values.length;
      this.index.set(s, k);
      this.values.push(s);
    }
    return k;
  }
}

/** A nullable number as a float column value (NaN for null). */
export const numOrNaN = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
/** A nullable integer id (-1 for null). */
export const idOrMinus1 = (v: unknown) => (v === null || v === undefined ? -1 : Number(v));
