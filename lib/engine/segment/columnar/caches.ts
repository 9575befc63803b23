import type { Channel } from '@/lib/schemas/segment';
import type { Bitset } from './bitset';
import { flagBits } from './kernels';
import type { SegmentIndex } from './segment-index';

/**
 * What evaluations keep on an index between calls: bitsets derived from customer columns (rebuilt when a customer
 * changes), per-slot scratch arrays, and order sums of fixed windows (until an order changes).
 */
/** Per-slot scratch arrays reused across evaluations: allocating megabytes per condition kept the GC busy at 1M customers. */
const pools = new WeakMap<SegmentIndex, { counts: Uint32Array[]; sums: Float64Array[] }>();
export function pool(index: SegmentIndex) {
  let p = pools.get(index);
  if (!p) {
    p = { counts: [], sums: [] };
    pools.set(index, p);
  }
  return p;
}
export function borrow<T extends Uint32Array | Float64Array>(list: T[], size: number, make: (n: number) => T): T {
  for (let k = list.length - 1; k >= 0; k--) {
    const a = list[k]!;
    list.splice(k, 1);
    if (a.length === size) return a.fill(0) as T;
  }
  return make(size);
}

type Masks = {
  version: number;
  size: number;
  notErased: Bitset;
  consent: Record<Channel, Bitset>;
  reachable: Record<Channel, Bitset>;
};
const maskCache = new WeakMap<SegmentIndex, Masks>();

/** Bitsets that depend only on customer columns, rebuilt when a customer changes. */
export function customerMasks(index: SegmentIndex): Masks {
  const cached = maskCache.get(index);
  if (cached && cached.version === index.customerVersion && cached.size === index.size) return cached;
  const n = index.size;
  const consent = {
    email: columnBits(index.consent.email.data, n, 1),
    sms: columnBits(index.consent.sms.data, n, 1),
    push: columnBits(index.consent.push.data, n, 1),
  };
  const masks: Masks = {
    version: index.customerVersion,
    size: n,
    notErased: columnBits(index.erased.data, n, 0),
    consent,
    reachable: {
      email: columnBits(index.address.email.data, n, 1).and(consent.email),
      sms: columnBits(index.address.sms.data, n, 1).and(consent.sms),
      push: consent.push,
    },
  };
  maskCache.set(index, masks);
  return masks;
}

export function columnBits(col: Uint8Array, size: number, value: number) {
  return flagBits(col, size, value);
}

export type OrderSums = { counts: Uint32Array; revenue: Float64Array };
export const orderSumCache = new WeakMap<
  SegmentIndex,
  { version: number; size: number; sums: Map<string, OrderSums> }
>();

/** First k in [0, n) with a[k] ≥ x, for a sorted prefix. */
export function lowerBound(a: Float64Array, n: number, x: number) {
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
