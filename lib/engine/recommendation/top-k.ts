/**
 * Partial sort: the K best entries of a score vector with a fixed-size binary min-heap over typed arrays,
 * O(n log K) and no allocation per call when buffers are reused. Ties go to the lower index, so results are
 * deterministic. Scores that are NaN or −Infinity are never selected (use −Infinity to mask items).
 *
 * @example
 * topK(Float32Array.of(0.1, 0.9, 0.5, 0.9), 2); // Int32Array [1, 3]
 */

/** A reusable heap keeping the K largest (score, index) pairs pushed into it. */
export class TopKHeap {
  readonly k: number;
  size = 0;
  private readonly idx: Int32Array;
  private readonly val: Float64Array;

  constructor(k: number) {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`TopKHeap: k must be a non-negative integer, got ${k}`);
    this.k = k;
    this.idx = new Int32Array(k);
    this.val = new Float64Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  /** the smallest kept score (the bar a new entry must beat), −Infinity while not full */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.val[0]!;
  }

  /** true when (a, ia) ranks below (b, ib): lower score, or the same score and a higher index */
  private static worse(a: number, ia: number, b: number, ib: number): boolean {
    return a < b || (a === b && ia > ib);
  }

  push(index: number, score: number): void {
    if (!(score > -Infinity) || this.k === 0) return;
    const { idx, val } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!TopKHeap.worse(score, index, val[p]!, idx[p]!)) break;
        val[i] = val[p]!;
        idx[i] = idx[p]!;
        i = p;
      }
      val[i] = score;
      idx[i] = index;
      return;
    }
    if (!TopKHeap.worse(val[0]!, idx[0]!, score, index)) return;
    this.siftDown(index, score);
  }

  private siftDown(index: number, score: number): void {
    const { idx, val, size } = this;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && TopKHeap.worse(val[r]!, idx[r]!, val[l]!, idx[l]!) ? r : l;
      if (!TopKHeap.worse(val[c]!, idx[c]!, score, index)) break;
      val[i] = val[c]!;
      idx[i] = idx[c]!;
      i = c;
    }
    val[i] = score;
    idx[i] = index;
  }

  /**
   * Empties the heap into `outIdx` (and `outScore`) best first; returns the number written.
   */
  drainSorted(outIdx: Int32Array, outScore?: Float32Array | Float64Array): number {
    const n = this.size;
    for (let pos = n - 1; pos >= 0; pos--) {
      // the root is the worst remaining: it goes last
      outIdx[pos] = this.idx[0]!;
      if (outScore) outScore[pos] = this.val[0]!;
      const lastI = this.idx[this.size - 1]!,
        lastV = this.val[this.size - 1]!;
      this.size--;
      if (this.size > 0) this.siftDown(lastI, lastV);
    }
    return n;
  }
}

export type TopKOptions = {
  /** entries with exclude[i] !== 0 are skipped (e.g. the user's training items) */
  exclude?: Uint8Array;
  /** reuse a heap of the same k across calls */
  heap?: TopKHeap;
};

/**
 * Indices of the k largest scores, best first (length ≤ k when fewer are selectable).
 *
 * @example
 * topK(Float32Array.of(3, 1, 2), 2, { exclude: Uint8Array.of(1, 0, 0) }); // Int32Array [2, 1]
 */
export function topK(scores: ArrayLike<number>, k: number, options: TopKOptions = {}): Int32Array {
  const heap = options.heap ?? new TopKHeap(k);
  if (heap.k !== k) throw new RangeError(`topK: heap has k=${heap.k}, asked for ${k}`);
  heap.reset();
  const ex = options.exclude;
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s > heap.threshold || (s === heap.threshold && heap.size < k)) {
      if (ex && ex[i] !== 0) continue;
      heap.push(i, s);
    }
  }
  const out = new Int32Array(heap.size);
  heap.drainSorted(out);
  return out;
}

/** Like topK but also returns the scores. */
export function topKScored(
  scores: ArrayLike<number>,
  k: number,
  options: TopKOptions = {},
): { items: Int32Array; scores: Float64Array } {
  const heap = options.heap ?? new TopKHeap(k);
  heap.reset();
  const ex = options.exclude;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s >= heap.threshold && !(ex && ex[i] !== 0)) heap.push(i, s);
  }
  const items = new Int32Array(heap.size),
    out = new Float64Array(heap.size);
  heap.drainSorted(items, out);
  return { items, scores: out };
}
