/**
 * A compact hash table from string keys (by their 64-bit hash) to two or three 32-bit numbers, in one interleaved
 * Uint32Array: 16 bytes per slot instead of ~100 bytes for a Map<string, …> entry, so a file's worth of external ids
 * (millions) fits in bounded memory. Callers that need certainty about a hit verify it (a 64-bit collision among n
 * keys has probability ≈ n²/2⁶⁵). Pre-size it with the expected number of keys to avoid growing (a growth briefly
 * holds both tables). The slot count is not a power of two (a slot is the hash modulo the count): a power of two
 * would hold 1,000,000 keys in 2²¹ slots (32 MB) where 1,333,334 (21 MB) keep the same 0.75 load.
 */
export class KeyIndex {
  private t: Uint32Array;
  private c: Uint32Array | null = null;
  private cap: number;
  size = 0;
  /** Slots in the table (16 bytes each). */
  get slots() {
    return this.cap;
  }

  /** Hash halves of the last key passed to `find`/`add`. */
  h1 = 0;
  h2 = 0;

  constructor(expectedKeys = 1 << 15) {
    this.cap = Math.max(1024, Math.ceil(expectedKeys / 0.75));
    this.t = new Uint32Array(this.cap * 4);
  }

  /** The 64-bit hash of `key` into h1/h2 (see `keyHash`). */
  hash(key: string) {
    keyHash(key, this);
  }

  /** Slot of (h1, h2), or -1 - (the empty slot where it would go). */
  private slotOf(h1: number, h2: number) {
    const t = this.t;
    const cap = this.cap;
    let i = ((h1 ^ Math.imul(h2, 31)) >>> 0) % cap;
    for (;;) {
      const o = i << 2;
      if (t[o + 1] === 0) return -1 - i;
      if (t[o] === h1 && t[o + 1] === h2) return i;
      i = i + 1 === cap ? 0 : i + 1;
    }
  }

  /** Slot of `key`, or -1. */
  find(key: string) {
    this.hash(key);
    const s = this.slotOf(this.h1, this.h2);
    return s >= 0 ? s : -1;
  }

  /** Slot of `key` if present (values untouched), else inserts it with the values and returns -1. */
  add(key: string, a: number, b = 0, c = 0) {
    this.hash(key);
    return this.addHashed(this.h1, this.h2, a, b, c);
  }

  /** `add` for a key whose hash halves were computed elsewhere by `keyHash` (e.g. on a validation worker). */
  addHashed(h1: number, h2: number, a: number, b = 0, c = 0) {
    this.h1 = h1;
    this.h2 = h2;
    const s = this.slotOf(h1, h2);
    if (s >= 0) return s;
    const i = -1 - s;
    const o = i << 2;
    this.t[o] = h1;
    this.t[o + 1] = h2;
    this.t[o + 2] = a;
    this.t[o + 3] = b;
    if (c !== 0) this.setC(i, c);
    if (++this.size > this.cap * 0.75) this.grow();
    return -1;
  }

  a(slot: number) {
    return this.t[(slot << 2) + 2]!;
  }

  b(slot: number) {
    return this.t[(slot << 2) + 3]!;
  }

  c3(slot: number) {
    return this.c ? this.c[slot]! : 0;
  }

  setA(slot: number, v: number) {
    this.t[(slot << 2) + 2] = v;
  }

  setB(slot: number, v: number) {
    this.t[(slot << 2) + 3] = v;
  }

  /** A third value per slot, allocated on first use. */
  setC(slot: number, v: number) {
    this.c ??= new Uint32Array(this.cap);
    this.c[slot] = v;
  }

  private grow() {
    const old = this.t;
    const oldC = this.c;
    const cap = this.cap * 2;
    this.cap = cap;
    this.t = new Uint32Array(cap * 4);
    this.c = oldC ? new Uint32Array(cap) : null;
    for (let j = 0; j < old.length; j += 4) {
      if (old[j + 1] === 0) continue;
      const i = -1 - this.slotOf(old[j]!, old[j + 1]!);
      this.t.set(old.subarray(j, j + 4), i << 2);
      if (oldC) this.c![i] = oldC[j >> 2]!;
    }
  }
}

/** cyrb53-style 64-bit string hash into `out.h1`/`out.h2` (h2 never zero: zero marks an empty slot). */
export function keyHash(key: string, out: { h1: number; h2: number }) {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    a = Math.imul(a ^ ch, 2654435761);
    b = Math.imul(b ^ ch, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  out.h1 = a >>> 0;
  out.h2 = b >>> 0 || 1;
}

/** 32-bit FNV-1a over a string, continuing from `h` (hash several fields in a row without concatenating them). */
export function fnv(s: string | null | undefined, h = 0x811c9dc5) {
  if (s === null || s === undefined) return Math.imul(h ^ 0xfe, 0x01000193) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x1f, 0x01000193) >>> 0;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Hashes a number (or null) into an FNV state, from its IEEE-754 bits (no string allocation). */
export function fnvNum(n: number | null | undefined, h: number) {
  if (n === null || n === undefined) return Math.imul(h ^ 0xfd, 0x01000193) >>> 0;
  f64[0] = n;
  h = Math.imul(h ^ u32[0]!, 0x01000193);
  h = Math.imul(h ^ u32[1]!, 0x01000193);
  return Math.imul(h ^ 0x1e, 0x01000193) >>> 0;
}
