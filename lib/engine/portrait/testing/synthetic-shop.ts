import type { CategoryNode, EventRecord, OrderRecord } from '../types';
import { MS_PER_DAY } from '../types';

/**
 * A seeded synthetic shop for tests and the benchmark (scripts/reference/portrait/bench.ts): a 3-level category tree
 * with English and Chinese names, brands, products with category-specific price levels, and customers with a
 * latent favourite root category, favourite brand, price sensitivity, activity rate and (for some) a churn date.
 * Purchases become orders. Not part of the public API.
 */
export type SyntheticShop = {
  categories: CategoryNode[];
  orders: OrderRecord[];
  events: EventRecord[];
  customerIds: number[];
  asOf: number;
  /** latent truth per customer id, to check that portraits recover it */
  truth: Map<
    number,
    { favouriteRoot: number; favouriteRootId: number; favouriteBrand: string; priceSensitive: boolean; churnAt: number }
  >;
};

/** mulberry32: small, fast, seedable PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOTS: [string, string][] = [
  ['Sports', '运动'],
  ['Fashion', '时尚'],
  ['Electronics', '数码'],
  ['Home', '家居'],
  ['Beauty', '美妆'],
  ['Books', '图书'],
  ['Toys', '玩具'],
  ['Food', '食品'],
];
const SUB: [string, string][] = [
  ['Premium', '精品'],
  ['Classic', '经典'],
  ['Outdoor', '户外'],
  ['Kids', '儿童'],
  ['Accessories', '配件'],
];
const LEAF: [string, string][] = [
  ['Basics', '基础款'],
  ['Deluxe', '豪华款'],
  ['Travel', '旅行款'],
  ['Gifts', '礼品'],
];

export function makeSyntheticShop(
  options: {
    customers?: number;
    eventsPerCustomer?: number;
    brands?: number;
    products?: number;
    seed?: number;
    days?: number;
  } = {},
): SyntheticShop {
  const { customers = 500, eventsPerCustomer = 50, brands = 60, products = 2000, seed = 1, days = 365 } = options;
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const categories: CategoryNode[] = [];
  const leavesOfRoot: number[][] = [];
  const rootIds: number[] = [];
  ROOTS.forEach(([r, rz], ri) => {
    rootIds.push(categories.length + 1);
    categories.push({ id: categories.length + 1, path: [r], name: r, nameZh: rz });
    leavesOfRoot[ri] = [];
    SUB.forEach(([s, sz]) => {
      categories.push({ id: categories.length + 1, path: [r, `${r} ${s}`], name: `${r} ${s}`, nameZh: `${rz}${sz}` });
      LEAF.forEach(([l, lz]) => {
        categories.push({
          id: categories.length + 1,
          path: [r, `${r} ${s}`, `${r} ${s} ${l}`],
          name: `${r} ${s} ${l}`,
          nameZh: `${rz}${sz}${lz}`,
        });
        leavesOfRoot[ri]!.push(categories.length);
      });
    });
  });
  const brandNames = Array.from(
    { length: brands },
    (_, i) => `Brand${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`,
  );
  const prod = Array.from({ length: products }, (_, i) => {
    const root = i % ROOTS.length;
    const category = pick(leavesOfRoot[root]!);
    const level = 10 * (1 + root);
    return {
      id: i + 1,
      root,
      category,
      brand: brandNames[Math.floor(rand() * brands)]!,
      price: Math.round(level * Math.exp(rand() * 2 - 1) * 100) / 100,
    };
  });
  const byRoot = ROOTS.map((_, r) => prod.filter((p) => p.root === r));
  const asOf = Date.UTC(2024, 11, 31);
  const start = asOf - days * MS_PER_DAY;
  const events: EventRecord[] = [];
  const orders: OrderRecord[] = [];
  const customerIds: number[] = [];
  const truth: SyntheticShop['truth'] = new Map();
  for (let c = 1; c <= customers; c++) {
    customerIds.push(c);
    const favouriteRoot = Math.floor(rand() * ROOTS.length);
    const favouriteBrand = pick(brandNames);
    const priceSensitive = rand() < 0.4;
    const joined = start + rand() * days * 0.7 * MS_PER_DAY;
    const churnAt = rand() < 0.35 ? joined + rand() * (asOf - joined) : Infinity;
    truth.set(c, { favouriteRoot, favouriteRootId: rootIds[favouriteRoot]!, favouriteBrand, priceSensitive, churnAt });
    const activity = 0.3 + 1.4 * rand();
    const count = Math.round(eventsPerCustomer * activity);
    const end = Math.min(churnAt, asOf);
    for (let e = 0; e < count; e++) {
      const ts = Math.floor(joined + rand() * (end - joined));
      const pool = rand() < 0.7 ? byRoot[favouriteRoot]! : pick(byRoot);
      let p = pick(pool);
      if (rand() < 0.3) p = pool.find((q) => q.brand === favouriteBrand) ?? p;
      if (priceSensitive && p.price > 10 * (1 + p.root)) p = pick(pool);
      const u = rand();
      const type = u < 0.6 ? 'view' : u < 0.75 ? 'click' : u < 0.85 ? 'search' : u < 0.95 ? 'cart' : 'purchase';
      if (type === 'search') {
        const [en, zh] = ROOTS[p.root]!;
        events.push({
          customerId: c,
          type,
          ts,
          query: rand() < 0.5 ? `${p.brand} ${en.toLowerCase()}` : `想买${zh}用品`,
        });
        continue;
      }
      events.push({ customerId: c, type, ts, productId: p.id, categoryId: p.category, brand: p.brand, price: p.price });
      if (type === 'purchase')
        orders.push({
          customerId: c,
          placedAt: ts,
          total: Math.round(p.price * (1 + Math.floor(rand() * 3)) * 100) / 100,
        });
    }
  }
  return { categories, orders, events, customerIds, asOf, truth };
}
