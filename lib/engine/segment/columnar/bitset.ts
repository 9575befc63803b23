/**
 * A fixed-size set of customer slots (dense indexes 0..size-1) as 32-bit words. Bits past `size` are kept zero,
 * so `count` and `not` need no masking by callers.
 */
export class Bitset {
  readonly words: Uint32Array;
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  static full(size: number) {
    return new Bitset(size).fill();
  }

  set(i: number) {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  has(i: number) {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  fill() {
    this.words.fill(0xffffffff);
    return this.clearTail();
  }

  and(o: Bitset) {
    const w = this.words,
      v = o.words;
    for (let k = 0; k < w.length; k++) w[k]! &= v[k]!;
    return this;
  }

  or(o: Bitset) {
    const w = this.words,
      v = o.words;
    for (let k = 0; k < w.length; k++) w[k]! |= v[k]!;
    return this;
  }

  not() {
    const w = this.words;
    for (let k = 0; k < w.length; k++) w[k] = ~w[k]!;
    return this.clearTail();
  }

  count() {
    let total = 0;
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      total += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** Number of members also in `o`, without allocating. */
  countAnd(o: Bitset) {
    let total = 0;
    const w = this.words,
      v = o.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k]! & v[k]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      total += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** Slots set, ascending. */
  *[Symbol.iterator]() {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k]!;
      while (x !== 0) {
        const low = x & -x;
        yield (k << 5) + (31 - Math.clz32(low));
        x ^= low;
      }
    }
  }

  private clearTail() {
    const r = this.size & 31;
    if (r !== 0) this.words[this.words.length - 1]! &= (1 << r) - 1;
    return this;
  }
}
