import type { ProfileField } from '@/lib/schemas/segment';
import type { Customer, Product } from '../domain';

/**
 * Plain records the segment engine reads: the columns of the database rows that conditions look at. Times are
 * epoch milliseconds; `attributes` is the parsed JSON of Customer.attributes.
 */
export type SegmentCustomer = Omit<Customer, 'name'>;

export type SegmentProfile = { customerId: number } & { [K in ProfileField]?: number | string | null };
export type SegmentTag = { customerId: number; key: string; score: number };
export type SegmentEvent = {
  customerId: number;
  type: string;
  ts: number;
  productId: number | null;
  categoryId: number | null;
  campaignId: number | null;
};
export type SegmentOrder = {
  id: number;
  customerId: number;
  placedAt: number;
  status: string;
  total: number;
  campaignId: number | null;
};
export type SegmentOrderLine = { orderId: number; productId: number | null };
/**
 * `categoryIds`: every category the product is listed in (ProductCategory, the primary one included); a product in
 * two categories counts in both. Absent means only the primary `categoryId`.
 */
export type SegmentProduct = Pick<Product, 'id' | 'categoryId' | 'brand'> & { categoryIds?: readonly number[] };

/** Whether a product is in one of these categories, by its primary category or any other it is listed in. */
export function isProductIn(p: SegmentProduct | undefined, cats: ReadonlySet<number>): boolean {
  if (!p) return false;
  return (p.categoryId !== null && cats.has(p.categoryId)) || (p.categoryIds ?? []).some((c) => cats.has(c));
}
export type SegmentCategory = { id: number; parentId: number | null };

/** Everything a definition can look at. For one customer's explanation, the rows of that customer suffice. */
export type SegmentData = {
  customers: SegmentCustomer[];
  profiles: SegmentProfile[];
  tags: SegmentTag[];
  events: SegmentEvent[];
  orders: SegmentOrder[];
  orderLines: SegmentOrderLine[];
  products: SegmentProduct[];
  categories: SegmentCategory[];
};

/** Only completed orders count as purchases; cancelled and returned ones never do. */
export const COMPLETED = 'completed';

/**
 * The category and its descendants (by parentId), cycle-safe: what the SQL recursive CTE returns. A category id that
 * is not in the table still matches itself (events carry a category id without a foreign key).
 */
export function categoryDescendants(categories: readonly SegmentCategory[], root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const c of categories)
    if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const out = new Set([root]);
  const stack = [root];
  while (stack.length) {
    for (const k of children.get(stack.pop()!) ?? []) {
      if (!out.has(k)) {
        out.add(k);
        stack.push(k);
      }
    }
  }
  return out;
}
