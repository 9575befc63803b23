import type {
  AttributeCondition,
  BehaviourCondition,
  Channel,
  OrdersCondition,
  SegmentDefinition,
  SegmentNode,
  TagCondition,
  ValueType,
} from '@/lib/schemas/segment';
import { predicateOf } from '../evaluate';
import { inlineSegments, type ResolveSegment } from '../inline';
import { frequencyRange, hasProductFilter, ordersPredicate, windowRange, type Predicate } from '../semantics';
import { categoryDescendants } from '../types';
import { Bitset } from './bitset';
import { codeBits, countBits, numberBits } from './kernels';
import { borrow, customerMasks, lowerBound, orderSumCache, pool, type OrderSums } from './caches';
import { PROFILE_STRING_FIELDS, type SegmentIndex, type StringField } from './segment-index';

export type IndexEvaluateOptions = { now: number; timeZone?: string; resolveSegment?: ResolveSegment };

/**
 * Members of a definition on the columnar index, as a bitset of customer slots (erased customers excluded). Same
 * meaning as evaluateSegment (the shared `Predicate`s of semantics.ts), at typed-array speed.
 */
export function evaluateOnIndex(
  definition: SegmentDefinition,
  index: SegmentIndex,
  options: IndexEvaluateOptions,
): Bitset {
  const evaluator = new IndexEvaluator(index, options.now, options.timeZone ?? 'UTC');
  try {
    return evaluator.node(inlineSegments(definition, options.resolveSegment)).and(customerMasks(index).notErased);
  } finally {
    evaluator.release();
  }
}

/** Total members and members reachable per channel (consent and, for e-mail/SMS, an address). */
export function countOnIndex(
  definition: SegmentDefinition,
  index: SegmentIndex,
  options: IndexEvaluateOptions,
): { total: number; reachable: Record<Channel, number> } {
  const members = evaluateOnIndex(definition, index, options);
  const { reachable } = customerMasks(index);
  return {
    total: members.count(),
    reachable: {
      email: members.countAnd(reachable.email),
      sms: members.countAnd(reachable.sms),
      push: members.countAnd(reachable.push),
    },
  };
}

/** Member customer ids, ascending. */
export function membersOnIndex(
  definition: SegmentDefinition,
  index: SegmentIndex,
  options: IndexEvaluateOptions,
): number[] {
  const ids = index.ids.data;
  return [...evaluateOnIndex(definition, index, options)].map((s) => ids[s]!).sort((a, b) => a - b);
}

const EMPTY = new Float64Array(0);

class IndexEvaluator {
  private readonly n: number;
  private readonly borrowed: { counts: Uint32Array[]; sums: Float64Array[] } = { counts: [], sums: [] };
  constructor(
    private readonly ix: SegmentIndex,
    private readonly now: number,
    private readonly timeZone: string,
  ) {
    this.n = ix.size;
  }

  private counts() {
    const a = borrow(pool(this.ix).counts, this.n, (n) => new Uint32Array(n));
    this.borrowed.counts.push(a);
    return a;
  }

  private sums() {
    const a = borrow(pool(this.ix).sums, this.n, (n) => new Float64Array(n));
    this.borrowed.sums.push(a);
    return a;
  }

  /** Returns the scratch arrays (those not kept in the order-sum cache) to the pool. */
  release() {
    const p = pool(this.ix);
    const kept = new Set<ArrayBufferView>();
    for (const c of orderSumCache.get(this.ix)?.sums.values() ?? []) {
      kept.add(c.counts);
      kept.add(c.revenue);
    }
    for (const a of this.borrowed.counts) if (!kept.has(a) && p.counts.length < 4) p.counts.push(a);
    for (const a of this.borrowed.sums) if (!kept.has(a) && p.sums.length < 4) p.sums.push(a);
  }

  node(node: SegmentNode): Bitset {
    switch (node.type) {
      case 'group': {
        let acc: Bitset | null = null;
        for (const child of node.children) {
          const b = this.node(child);
          acc = acc === null ? b : node.op === 'and' ? acc.and(b) : acc.or(b);
        }
        acc ??= node.op === 'and' ? Bitset.full(this.n) : new Bitset(this.n);
        return node.negate ? acc.not() : acc;
      }
      case 'segment':
        throw new RangeError('evaluateOnIndex: segment references must be inlined first');
      case 'consent': {
        const b = new Bitset(this.n);
        b.words.set(customerMasks(this.ix).consent[node.channel].words);
        return node.op === 'granted' ? b : b.not();
      }
      case 'tag':
        return this.tag(node);
      case 'attribute':
        return this.attribute(node);
      case 'profile': {
        const p = predicateOf(node, this.now, this.timeZone);
        if ((PROFILE_STRING_FIELDS as readonly string[]).includes(node.field)) {
          const { codes, dict } = this.ix.profileStrings[node.field as (typeof PROFILE_STRING_FIELDS)[number]];
          return this.dictBits(codes.data, dict.values, p);
        }
        return this.numberBits(this.ix.profileNumbers[node.field]!.data, p);
      }
      case 'behaviour':
        return node.event === 'purchase' ? this.purchases(node) : this.events(node);
      case 'orders':
        return this.orders(node);
    }
  }

  private tag(node: TagCondition) {
    const b = new Bitset(this.n);
    const t = this.ix.tags.get(node.key);
    if (t) {
      const v = node.value ?? 0;
      const ok =
        node.op === 'score_gte' ? (s: number) => s >= v : node.op === 'score_lte' ? (s: number) => s <= v : () => true;
      const slots = t.slot.data,
        scores = t.score.data,
        over = t.overrides;
      for (let k = 0; k < t.slot.length; k++)
        if ((over.size === 0 || !over.has(slots[k]!)) && ok(scores[k]!)) b.set(slots[k]!);
      for (const [s, score] of over) if (!Number.isNaN(score) && ok(score)) b.set(s);
    }
    return node.op === 'has_not' ? b.not() : b;
  }

  private attribute(node: AttributeCondition) {
    const p = predicateOf(node, this.now, this.timeZone);
    if (node.field === 'custom') return this.custom(node.key!, node.valueType!, p);
    if (node.field === 'birthYear') return this.numberBits(this.ix.birthYear.data, p);
    if (node.field === 'signupAt') return this.numberBits(this.ix.signupAt.data, p);
    const { codes, dict } = this.ix.strings[node.field as StringField];
    return this.dictBits(codes.data, dict.values, p);
  }

  private custom(key: string, type: ValueType, p: Predicate) {
    const col = this.ix.customColumn(key, type);
    if (col.numbers) return this.numberBits(col.numbers, p);
    return this.dictBits(
      col.codes!,
      type === 'boolean' ? col.dict.values.map((v) => v === 'true') : col.dict.values,
      p,
    );
  }

  private dictBits(codes: Int32Array, values: readonly (string | boolean)[], p: Predicate) {
    return codeBits(codes, this.n, values, p);
  }

  private numberBits(col: Float64Array, p: Predicate) {
    return numberBits(col, this.n, p);
  }

  private categoryMask(root: number | undefined) {
    if (root === undefined) return null;
    const ids = categoryDescendants(this.ix.categories, root);
    const mask = new Uint8Array(Math.max(...ids) + 1);
    for (const id of ids) mask[id] = 1;
    return mask;
  }

  /** 1 for each product listed (ProductCategory) in a category of the mask: such a product counts in it too. */
  private listedMask(mask: Uint8Array | null) {
    if (mask === null) return null;
    const listed = new Uint8Array(this.ix.productCategory.data.length);
    for (const [p, cats] of this.ix.productLinks) if (cats.some((c) => mask[c] === 1)) listed[p] = 1;
    return listed;
  }

  private countBits(counts: Uint32Array, lo: number, hi: number) {
    return countBits(counts, this.n, lo, hi);
  }

  private events(node: BehaviourCondition) {
    const [lo, hi] = frequencyRange(node.frequency);
    if (lo === 0 && hi === Infinity) return node.op === 'did' ? Bitset.full(this.n) : new Bitset(this.n);
    const cols = this.ix.events.get(node.event)!;
    const f = node.filter ?? {};
    const { from, to } = windowRange(node.window, this.now, this.timeZone);
    const tFrom = from ?? -Infinity,
      tTo = to ?? Infinity;
    const pid = f.productId ?? -1,
      cid = f.campaignId ?? -1;
    const mask = this.categoryMask(f.categoryId);
    const listed = this.listedMask(mask);
    const brand = f.brand === undefined ? -2 : this.ix.brands.find(f.brand);
    const counts = this.counts();
    const skip = brand === -1 || (cid >= 0 && cols.campaign === null);
    if (!skip) {
      const cust = cols.customer.data,
        ts = cols.ts.data,
        prod = cols.product.data,
        cat = cols.category.data,
        camp = cols.campaign?.data,
        pBrand = this.ix.productBrand.data;
      for (const [a, z] of cols.ranges(from, to)) {
        for (let i = a; i < z; i++) {
          const t = ts[i]!;
          if (t < tFrom || t > tTo) continue;
          if (pid >= 0 && prod[i] !== pid) continue;
          if (cid >= 0 && camp![i] !== cid) continue;
          if (mask !== null && mask[cat[i]!] !== 1 && (prod[i]! < 0 || listed![prod[i]!] !== 1)) continue;
          if (brand >= 0 && (prod[i]! < 0 || pBrand[prod[i]!] !== brand)) continue;
          counts[cust[i]!]!++;
        }
      }
    }
    const did = this.countBits(counts, lo, hi);
    return node.op === 'did' ? did : did.not();
  }

  private readonly orderSums = new Map<string, OrderSums>();

  /**
   * Completed orders in the window (and matching the filter) per slot, with their revenue: shared within one
   * evaluation, and kept on the index across evaluations for fixed windows (all time, between dates) until an
   * order changes.
   */
  private orderCounts(window: OrdersCondition['window'], f: BehaviourCondition['filter'] = {}, withRevenue = false) {
    const key = JSON.stringify([window ?? null, f, withRevenue]);
    let sums = this.orderSums.get(key);
    if (sums) return sums;
    const fixed = window === undefined || window.type !== 'last_days';
    let kept = fixed ? orderSumCache.get(this.ix) : undefined;
    if (kept && (kept.version !== this.ix.ordersVersion || kept.size !== this.n)) kept = undefined; // an order changed, or customers were added
    sums = kept?.sums.get(key) ?? this.sumOrders(window, f, withRevenue);
    this.orderSums.set(key, sums);
    if (fixed) {
      if (!kept) {
        kept = { version: this.ix.ordersVersion, size: this.n, sums: new Map() };
        orderSumCache.set(this.ix, kept);
      }
      if (kept.sums.size >= 4) kept.sums.delete(kept.sums.keys().next().value!);
      kept.sums.set(key, sums);
    }
    return sums;
  }

  /** One pass over the orders in the window; revenue only when asked (it doubles the random writes). */
  private sumOrders(
    window: OrdersCondition['window'],
    f: NonNullable<BehaviourCondition['filter']>,
    withRevenue: boolean,
  ) {
    const o = this.ix.orders;
    const counts = this.counts();
    const revenue = withRevenue ? this.sums() : EMPTY;
    const { from, to } = windowRange(window, this.now, this.timeZone);
    const tFrom = from ?? -Infinity,
      tTo = to ?? Infinity;
    const byProduct = hasProductFilter(f);
    const pid = f.productId ?? -1,
      cid = f.campaignId ?? -1;
    const mask = this.categoryMask(f.categoryId);
    const listed = this.listedMask(mask);
    const brand = f.brand === undefined ? -2 : this.ix.brands.find(f.brand);
    if (brand === -1) return { counts, revenue };
    const cust = o.customer.data,
      placed = o.placedAt.data,
      done = o.completed.data,
      camp = o.campaign.data,
      total = o.total.data;
    const start = o.lineStart.data,
      lines = o.lineProduct.data,
      pCat = this.ix.productCategory.data,
      pBrand = this.ix.productBrand.data;
    let first = 0,
      end = o.placedAt.length;
    if (this.ix.ordersTimeSorted) {
      if (from !== null) first = lowerBound(placed, end, from);
      if (to !== null) end = lowerBound(placed, end, to + 1);
    }
    for (let k = first; k < end; k++) {
      if (done[k] !== 1) continue;
      const t = placed[k]!;
      if (t < tFrom || t > tTo || (cid >= 0 && camp[k] !== cid)) continue;
      if (byProduct) {
        let any = false;
        for (let l = start[k]!; l < start[k + 1]! && !any; l++) {
          const p = lines[l]!;
          any =
            p >= 0 &&
            (pid < 0 || p === pid) &&
            (mask === null || mask[pCat[p]!] === 1 || listed![p] === 1) &&
            (brand < 0 || pBrand[p] === brand);
        }
        if (!any) continue;
      }
      const c = cust[k]!;
      counts[c]!++;
      if (withRevenue) revenue[c]! += total[k]!;
    }
    return { counts, revenue };
  }

  private purchases(node: BehaviourCondition) {
    const [lo, hi] = frequencyRange(node.frequency);
    const did =
      lo === 0 && hi === Infinity
        ? Bitset.full(this.n)
        : this.countBits(this.orderCounts(node.window, node.filter).counts, lo, hi);
    return node.op === 'did' ? did : did.not();
  }

  private orders(node: OrdersCondition) {
    const { counts, revenue } = this.orderCounts(node.window, {}, node.metric !== 'count');
    const values = this.sums();
    if (node.metric === 'count') for (let i = 0; i < this.n; i++) values[i] = counts[i]!;
    else if (node.metric === 'revenue') values.set(revenue.subarray(0, this.n));
    else for (let i = 0; i < this.n; i++) values[i] = counts[i] === 0 ? NaN : revenue[i]! / counts[i]!; // metricOf: empty without orders
    return this.numberBits(values, ordersPredicate(node));
  }
}
