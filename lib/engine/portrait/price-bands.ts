import type { CategoryTree } from './category-tree';
import type { GroupedEvents } from './event-columns';

export const PRICE_BANDS = ['budget', 'mid', 'premium'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

export type PriceBandOptions = {
  /** products at or below this quantile of their category's prices are "budget" (default 1/3) */
  lower?: number;
  /** products at or above this quantile are "premium" (default 2/3) */
  upper?: number;
  /** a category needs this many distinct priced products to have its own thresholds, else its parent's are used (default 5) */
  minProducts?: number;
};

/** Per-category price thresholds; node k's are (low[k], high[k]), NaN where the node has too few products. */
export type PriceBandTable = {
  low: Float64Array;
  high: Float64Array;
  shopLow: number;
  shopHigh: number;
  tree: CategoryTree;
};

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  return sorted[i]! + (pos - i) * ((sorted[Math.min(i + 1, sorted.length - 1)] ?? sorted[i]!) - sorted[i]!);
}

/**
 * Price thresholds per category from the distinct products seen in events (latest price of each product id), so a
 * €40 T-shirt and a €40 jacket are judged within their own categories. A node's products include its descendants'.
 * Quantiles are linear-interpolated (type 7, numpy's default).
 *
 * @example
 * const table = buildPriceBands(groupedEvents, tree);
 * priceBandOf(table, categoryIndex, 12.5); // 'budget' | 'mid' | 'premium' | null
 */
export function buildPriceBands(
  events: GroupedEvents,
  tree: CategoryTree,
  options: PriceBandOptions = {},
): PriceBandTable {
  const { lower = 1 / 3, upper = 2 / 3, minProducts = 5 } = options;
  if (!(lower >= 0 && lower < upper && upper <= 1)) throw new RangeError('buildPriceBands: need 0 ≤ lower < upper ≤ 1');
  const latest = new Map<number, { ts: number; price: number; category: number }>();
  for (let j = 0; j < events.ts.length; j++) {
    const p = events.price[j]!;
    const id = events.product[j]!;
    if (!(p > 0) || Number.isNaN(id)) continue;
    const prev = latest.get(id);
    if (!prev || events.ts[j]! >= prev.ts)
      latest.set(id, {
        ts: events.ts[j]!,
        price: p,
        category: events.category[j]! >= 0 ? events.category[j]! : (prev?.category ?? -1),
      });
  }
  const n = tree.nodes.length;
  const perNode: number[][] = Array.from({ length: n }, () => []);
  const all: number[] = [];
  for (const { price, category } of latest.values()) {
    all.push(price);
    if (category < 0) continue;
    for (let i = tree.lineageStart[category]!; i < tree.lineageStart[category + 1]!; i++)
      perNode[tree.lineage[i]!]!.push(price);
  }
  const low = new Float64Array(n).fill(NaN);
  const high = new Float64Array(n).fill(NaN);
  perNode.forEach((prices, k) => {
    if (prices.length < minProducts) return;
    prices.sort((a, b) => a - b);
    low[k] = quantile(prices, lower);
    high[k] = quantile(prices, upper);
  });
  all.sort((a, b) => a - b);
  const enough = all.length >= minProducts;
  return {
    low,
    high,
    shopLow: enough ? quantile(all, lower) : NaN,
    shopHigh: enough ? quantile(all, upper) : NaN,
    tree,
  };
}

/**
 * The band of a price within a category: the nearest node up the category's lineage that has thresholds, else the
 * shop-wide thresholds; budget when price ≤ low, premium when price ≥ high, else mid. Returns band codes 0, 1, 2 for
 * PRICE_BANDS, or -1 when no threshold applies or the price is missing.
 *
 * @example
 * priceBandCode(table, shoesIndex, 15); // 0 (budget) when Shoes' lower tercile is 16.67
 */
export function priceBandCode(table: PriceBandTable, category: number, price: number): number {
  if (!(price > 0)) return -1;
  let low = table.shopLow;
  let high = table.shopHigh;
  if (category >= 0) {
    const { lineageStart, lineage } = table.tree;
    for (let i = lineageStart[category]!; i < lineageStart[category + 1]!; i++) {
      const k = lineage[i]!;
      if (!Number.isNaN(table.low[k]!)) {
        low = table.low[k]!;
        high = table.high[k]!;
        break;
      }
    }
  }
  if (Number.isNaN(low)) return -1;
  return price <= low ? 0 : price >= high ? 2 : 1;
}

/**
 * `priceBandCode` as a name.
 *
 * @example
 * priceBandOf(table, shoesIndex, 40); // 'premium'
 */
export function priceBandOf(table: PriceBandTable, category: number, price: number): PriceBand | null {
  const c = priceBandCode(table, category, price);
  return c < 0 ? null : PRICE_BANDS[c]!;
}
