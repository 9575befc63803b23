/** one bounded min-heap of (index, value) per row, in flat typed arrays; ordering as TopKHeap */
export class HeapBank {
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  private readonly size: Int32Array;
  constructor(
    nRows: number,
    private readonly k: number,
  ) {
    this.idx = new Int32Array(nRows * k);
    this.val = new Float64Array(nRows * k);
    this.size = new Int32Array(nRows);
  }

  push(row: number, index: number, value: number): void {
    const k = this.k,
      base = row * k,
      n = this.size[row]!,
      { idx, val } = this;
    if (k === 0) return;
    if (n < k) {
      let i = n;
      this.size[row] = n + 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        const pv = val[base + p]!;
        if (!(value < pv || (value === pv && index > idx[base + p]!))) break;
        val[base + i] = pv;
        idx[base + i] = idx[base + p]!;
        i = p;
      }
      val[base + i] = value;
      idx[base + i] = index;
      return;
    }
    const rv = val[base]!;
    if (value < rv || (value === rv && index > idx[base]!)) return;
    this.siftDown(base, n, index, value);
  }

  private siftDown(base: number, n: number, index: number, value: number): void {
    const { idx, val } = this;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const rv = val[base + r]!,
          lv = val[base + l]!;
        if (rv < lv || (rv === lv && idx[base + r]! > idx[base + l]!)) c = r;
      }
      const cv = val[base + c]!;
      if (!(cv < value || (cv === value && idx[base + c]! > index))) break;
      val[base + i] = cv;
      idx[base + i] = idx[base + c]!;
      i = c;
    }
    val[base + i] = value;
    idx[base + i] = index;
  }

  /** empties row `row` best first into the outputs; returns the count */
  drainSorted(row: number, outIdx: Int32Array, outVal: Float64Array): number {
    const base = row * this.k;
    const n = this.size[row]!;
    for (let m = n; m > 0; m--) {
      outIdx[m - 1] = this.idx[base]!;
      outVal[m - 1] = this.val[base]!;
      const li = this.idx[base + m - 1]!,
        lv = this.val[base + m - 1]!;
      if (m - 1 > 0) this.siftDown(base, m - 1, li, lv);
    }
    this.size[row] = 0;
    return n;
  }
}
