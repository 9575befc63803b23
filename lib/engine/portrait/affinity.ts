import type { CategoryTree } from './category-tree';
import { EVENT_TYPE_CODE, EVENT_TYPES, type GroupedEvents } from './event-columns';
import { buildPriceBands, priceBandCode, type PriceBandOptions } from './price-bands';
import { buildNameMatcher, type MatchTarget } from './tokenize';
import { MS_PER_DAY } from './types';

/** Event types that carry interest, strongest first. */
export const AFFINITY_EVENT_TYPES = ['purchase', 'cart', 'click', 'view', 'search'] as const;
export type AffinityEventType = (typeof AFFINITY_EVENT_TYPES)[number];
export type EventCounts = Record<AffinityEventType, number>;

export const DEFAULT_AFFINITY_WEIGHTS: EventCounts = { purchase: 8, cart: 4, click: 2, view: 1, search: 0.5 };

export type AffinityOptions = {
  /** reference time, epoch ms (default: latest event) */
  asOf?: number;
  /** an event's weight halves every halfLifeDays (default 30) */
  halfLifeDays?: number;
  /** events older than this are ignored (default 180) */
  lookbackDays?: number;
  /** weight per event type (defaults: purchase 8 > cart 4 > click 2 > view 1 > search 0.5); other types weigh 0 */
  weights?: Partial<EventCounts>;
  /** keep this many categories / brands per customer, highest score first (defaults 12 and 8) */
  maxCategories?: number;
  maxBrands?: number;
  priceBands?: PriceBandOptions;
};

/** One affinity with its explanation data. `index` is a dense category index, a brand index, or a price-band code. */
export type AffinityEntry = { index: number; score: number; share: number; counts: EventCounts; lastEventAt: number };

export type CustomerAffinity = {
  categories: AffinityEntry[];
  brands: AffinityEntry[];
  priceBands: AffinityEntry[];
  /** decayed weight of all category-bearing events: the denominator of category shares (likewise for brands, bands) */
  categoryTotal: number;
  brandTotal: number;
  priceBandTotal: number;
};

export type AffinityResult = {
  asOf: number;
  halfLifeDays: number;
  lookbackDays: number;
  weights: EventCounts;
  customers: CustomerAffinity[];
};

/** Scratch accumulator over n targets with a touched list, reset after each customer. */
class Accumulator {
  score: Float64Array;
  counts: Int32Array;
  last: Float64Array;
  seen: Uint8Array;
  touched: number[] = [];
  constructor(n: number) {
    this.score = new Float64Array(n);
    this.counts = new Int32Array(n * 5);
    this.last = new Float64Array(n).fill(-Infinity);
    this.seen = new Uint8Array(n);
  }
  add(k: number, w: number, slot: number, ts: number) {
    if (this.seen[k] === 0) {
      this.seen[k] = 1;
      this.touched.push(k);
    }
    this.score[k]! += w;
    this.counts[k * 5 + slot]!++;
    if (ts > this.last[k]!) this.last[k] = ts;
  }
  drain(total: number, max: number): AffinityEntry[] {
    const t = this.touched;
    t.sort((a, b) => this.score[b]! - this.score[a]! || a - b);
    const out: AffinityEntry[] = [];
    for (let i = 0; i < Math.min(max, t.length); i++) {
      const k = t[i]!;
      const c = this.counts;
      out.push({
        index: k,
        score: this.score[k]!,
        share: total > 0 ? this.score[k]! / total : 0,
        counts: {
          purchase: c[k * 5]!,
          cart: c[k * 5 + 1]!,
          click: c[k * 5 + 2]!,
          view: c[k * 5 + 3]!,
          search: c[k * 5 + 4]!,
        },
        lastEventAt: this.last[k]!,
      });
    }
    for (const k of t) {
      this.score[k] = 0;
      this.last[k] = -Infinity;
      this.seen[k] = 0;
      this.counts.fill(0, k * 5, k * 5 + 5);
    }
    t.length = 0;
    return out;
  }
}

/**
 * Interest affinities of every customer to categories (each event also credits the category's ancestors), brands
 * and price bands (`price-bands.ts`):
 *   score(target) = Σ_events w(type) · 2^(−age/halfLife),  share = score / (total weight of events that name any
 * such target). Search queries are tokenised and matched to category and brand names (`buildNameMatcher`); a
 * query's weight is split evenly over the categories it names (an ancestor of another named category is not counted
 * twice) and over the brands it names. Each entry keeps counts per event type and the last event time, so a tag can
 * say where it came from. Runs in one pass over the grouped events with scratch arrays (O(events × depth)).
 *
 * @example
 * const aff = computeAffinitiesFromGrouped(groupedEvents, tree, { halfLifeDays: 30 });
 * aff.customers[k].categories[0]; // { index: 3, score: 17.2, share: 0.64, counts: { purchase: 2, view: 5, … }, lastEventAt: … }
 */
export function computeAffinitiesFromGrouped(
  events: GroupedEvents,
  tree: CategoryTree,
  options: AffinityOptions = {},
): AffinityResult {
  const { halfLifeDays = 30, lookbackDays = 180, maxCategories = 12, maxBrands = 8 } = options;
  const weights: EventCounts = { ...DEFAULT_AFFINITY_WEIGHTS, ...options.weights };
  if (!(halfLifeDays > 0)) throw new RangeError(`computeAffinities: halfLifeDays must be > 0, got ${halfLifeDays}`);
  if (!(lookbackDays > 0)) throw new RangeError(`computeAffinities: lookbackDays must be > 0, got ${lookbackDays}`);
  for (const t of AFFINITY_EVENT_TYPES)
    if (!(weights[t] >= 0)) throw new RangeError(`computeAffinities: weight of ${t} must be ≥ 0`);
  let asOf = options.asOf ?? -Infinity;
  if (options.asOf === undefined) for (let j = 0; j < events.ts.length; j++) asOf = Math.max(asOf, events.ts[j]!);
  if (!Number.isFinite(asOf)) asOf = 0;
  const slotOfCode = new Int8Array(EVENT_TYPES.length).fill(-1);
  const weightOfCode = new Float64Array(EVENT_TYPES.length);
  AFFINITY_EVENT_TYPES.forEach((t, slot) => {
    slotOfCode[EVENT_TYPE_CODE[t]] = slot;
    weightOfCode[EVENT_TYPE_CODE[t]] = weights[t];
  });
  const searchCode = EVENT_TYPE_CODE.search;
  const bands = buildPriceBands(events, tree, options.priceBands);
  const names: { target: MatchTarget; name: string }[] = [];
  tree.nodes.forEach((node, index) => {
    names.push({ target: { kind: 'category', index }, name: node.name });
    if (node.nameZh) names.push({ target: { kind: 'category', index }, name: node.nameZh });
  });
  events.brands.forEach((name, index) => {
    names.push({ target: { kind: 'brand', index }, name });
  });
  const matcher = buildNameMatcher(names);
  const queryTargets: (MatchTarget[] | undefined)[] = new Array(events.queries.length);
  const isAncestorOfAny = (c: number, cats: MatchTarget[]) =>
    cats.some((o) => {
      if (o.index === c) return false;
      for (let i = tree.lineageStart[o.index]! + 1; i < tree.lineageStart[o.index + 1]!; i++)
        if (tree.lineage[i] === c) return true;
      return false;
    });
  const cat = new Accumulator(tree.nodes.length);
  const brand = new Accumulator(events.brands.length);
  const band = new Accumulator(3);
  const lambda = Math.LN2 / (halfLifeDays * MS_PER_DAY);
  const oldest = asOf - lookbackDays * MS_PER_DAY;
  const creditCategory = (c: number, w: number, slot: number, ts: number) => {
    for (let i = tree.lineageStart[c]!; i < tree.lineageStart[c + 1]!; i++) cat.add(tree.lineage[i]!, w, slot, ts);
  };
  const customers: CustomerAffinity[] = new Array(events.nCustomers);
  for (let k = 0; k < events.nCustomers; k++) {
    let catTotal = 0;
    let brandTotal = 0;
    let bandTotal = 0;
    for (let j = events.start[k]!; j < events.start[k + 1]!; j++) {
      const ts = events.ts[j]!;
      const code = events.type[j]!;
      const slot = slotOfCode[code]!;
      if (slot < 0 || ts > asOf || ts < oldest) continue;
      const w = weightOfCode[code]! * Math.exp(-lambda * (asOf - ts));
      if (w === 0) continue;
      if (code === searchCode) {
        const q = events.query[j]!;
        if (q < 0) continue;
        let targets = queryTargets[q];
        if (!targets) {
          const all = matcher.match(events.queries[q]!);
          const cats = all.filter((t) => t.kind === 'category');
          targets = [...cats.filter((t) => !isAncestorOfAny(t.index, cats)), ...all.filter((t) => t.kind === 'brand')];
          queryTargets[q] = targets;
        }
        let nc = 0;
        let nb = 0;
        for (const t of targets) t.kind === 'category' ? nc++ : nb++;
        for (const t of targets) {
          if (t.kind === 'category') creditCategory(t.index, w / nc, slot, ts);
          else brand.add(t.index, w / nb, slot, ts);
        }
        if (nc > 0) catTotal += w;
        if (nb > 0) brandTotal += w;
        continue;
      }
      const c = events.category[j]!;
      if (c >= 0) {
        creditCategory(c, w, slot, ts);
        catTotal += w;
      }
      const b = events.brand[j]!;
      if (b >= 0) {
        brand.add(b, w, slot, ts);
        brandTotal += w;
      }
      const pb = priceBandCode(bands, c, events.price[j]!);
      if (pb >= 0) {
        band.add(pb, w, slot, ts);
        bandTotal += w;
      }
    }
    customers[k] = {
      categories: cat.drain(catTotal, maxCategories),
      brands: brand.drain(brandTotal, maxBrands),
      priceBands: band.drain(bandTotal, 3),
      categoryTotal: catTotal,
      brandTotal,
      priceBandTotal: bandTotal,
    };
  }
  return { asOf, halfLifeDays, lookbackDays, weights, customers };
}
