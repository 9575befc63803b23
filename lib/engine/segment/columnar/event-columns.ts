import { DAY_MS } from '../semantics';
import { Growable } from './growable';

/**
 * The events of one type as parallel columns. Rows [0, sortedLength) are grouped by UTC day (a counting sort by
 * day, so a time window scans only its days); later rows are an append-only tail scanned in full until the next
 * `compact`. Customer is a dense slot; product, category and campaign are database ids (−1 for null).
 */
export class EventColumns {
  readonly customer = new Growable(Int32Array);
  readonly ts = new Growable(Float64Array);
  readonly product = new Growable(Int32Array);
  readonly category = new Growable(Int32Array);
  /** allocated on the first event with a campaign (views and searches never have one) */
  campaign: Growable<Int32Array> | null = null;
  sortedLength = 0;
  private firstDay = 0;
  /** dayStart[d − firstDay] = first sorted row of day d; length = days + 1 */
  private dayStart = new Int32Array(1);

  get length() {
    return this.ts.length;
  }

  append(customer: number, ts: number, product: number, category: number, campaign: number) {
    this.customer.push(customer);
    this.ts.push(ts);
    this.product.push(product);
    this.category.push(category);
    if (campaign >= 0 && !this.campaign) {
      this.campaign = new Growable(Int32Array, this.ts.data.length, -1);
      this.campaign.extendTo(this.ts.length - 1);
    }
    if (this.campaign) {
      this.campaign.extendTo(this.ts.length - 1);
      this.campaign.push(campaign);
    }
  }

  /** Rows whose time may fall in [from, to] (inclusive, null = open), as [start, end) ranges. */
  ranges(from: number | null, to: number | null): [number, number][] {
    const out: [number, number][] = [];
    const days = this.dayStart.length - 1;
    if (this.sortedLength > 0) {
      const a = from === null ? 0 : Math.max(0, Math.floor(from / DAY_MS) - this.firstDay);
      const b = to === null ? days - 1 : Math.min(days - 1, Math.floor(to / DAY_MS) - this.firstDay);
      if (a <= b) out.push([this.dayStart[a]!, this.dayStart[b + 1]!]);
    }
    if (this.length > this.sortedLength) out.push([this.sortedLength, this.length]);
    return out;
  }

  /** Groups every row by day (stable counting sort), emptying the tail. */
  compact() {
    const n = this.length;
    if (n === 0 || this.sortedLength === n) return;
    const ts = this.ts.data;
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const d = Math.floor(ts[i]! / DAY_MS);
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    const days = hi - lo + 1;
    const start = new Int32Array(days + 1);
    for (let i = 0; i < n; i++) start[Math.floor(ts[i]! / DAY_MS) - lo + 1]!++;
    for (let d = 0; d < days; d++) start[d + 1]! += start[d]!;
    const order = new Int32Array(n);
    const cursor = start.slice(0, days);
    for (let i = 0; i < n; i++) order[cursor[Math.floor(ts[i]! / DAY_MS) - lo]!++] = i;
    // Trimmed to the rows plus 1/16 headroom for appends (doubling left up to half the capacity unused).
    const capacity = n + Math.max(1024, n >>> 4);
    const permute = <T extends Int32Array | Float64Array>(g: Growable<T>, fill = 0) => {
      const src = g.data;
      const dst = new (src.constructor as { new (k: number): T })(capacity);
      for (let k = 0; k < n; k++) dst[k] = src[order[k]!]!;
      if (fill !== 0) dst.fill(fill, n);
      g.data = dst;
    };
    permute(this.customer);
    permute(this.ts);
    permute(this.product);
    permute(this.category);
    if (this.campaign) {
      this.campaign.extendTo(n);
      permute(this.campaign, -1);
    }
    this.firstDay = lo;
    this.dayStart = start;
    this.sortedLength = n;
  }

  get bytes() {
    return (
      this.customer.bytes +
      this.ts.bytes +
      this.product.bytes +
      this.category.bytes +
      (this.campaign?.bytes ?? 0) +
      this.dayStart.byteLength
    );
  }
}
