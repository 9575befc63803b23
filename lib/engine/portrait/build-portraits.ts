import { buildCategoryTree } from './category-tree';
import { buildCustomerIndex, groupOrders } from './customer-index';
import { groupEvents } from './event-columns';
import { computePortraits, type PortraitBatch, type PortraitOptions } from './pipeline';
import { findLookalikes } from './portrait-vector';
import type { CategoryNode, EventRecord, OrderRecord } from './types';

export type PortraitInput = {
  /** every customer of the shop (those without orders or events included); default: everyone in orders and events */
  customerIds?: readonly number[];
  orders: readonly OrderRecord[];
  events: readonly EventRecord[];
  categories: readonly CategoryNode[];
};

/**
 * Full portrait recompute for a shop given as records: orders and events are grouped by customer once (counting
 * sort into typed arrays), then `computePortraits` runs every stage on dense indices (see pipeline.ts). `asOf`
 * defaults to the latest order or event.
 *
 * @example
 * const batch = buildPortraits({ orders, events, categories, customerIds }, { asOf: Date.now() });
 * batch.customers[0].tags[0].label; // { en: 'likes sports', zh: '喜欢运动' }
 */
export function buildPortraits(input: PortraitInput, options: Partial<PortraitOptions> = {}): PortraitBatch {
  const t0 = performance.now();
  const index = buildCustomerIndex([input.customerIds ?? [], input.orders, input.events]);
  const tree = buildCategoryTree(input.categories);
  const orders = groupOrders(input.orders, index);
  const events = groupEvents(input.events, index, tree.indexOf);
  const group = Math.round(performance.now() - t0);
  let asOf = options.asOf ?? -Infinity;
  if (options.asOf === undefined) {
    for (let i = 0; i < orders.placedAt.length; i++) asOf = Math.max(asOf, orders.placedAt[i]!);
    for (let i = 0; i < events.ts.length; i++) asOf = Math.max(asOf, events.ts[i]!);
    if (!Number.isFinite(asOf)) asOf = 0;
  }
  const batch = computePortraits({ index, tree, orders, events }, { ...options, asOf });
  return { ...batch, timings: { group, ...batch.timings } };
}

/**
 * Lookalike expansion over a portrait batch by customer id: the `topN` customers outside the seed set whose portrait
 * vectors are most similar (cosine) to the seeds' centroid. Seed ids not in the batch are ignored.
 *
 * @example
 * findLookalikeCustomers(batch, [12, 40, 77], { topN: 500 }); // [{ customerId: 981, similarity: 0.96 }, …]
 */
export function findLookalikeCustomers(
  batch: Pick<PortraitBatch, 'customers' | 'vectors' | 'layout'>,
  seedCustomerIds: readonly number[],
  options: { topN?: number } = {},
): { customerId: number; similarity: number }[] {
  const rowOf = new Map(batch.customers.map((c, k) => [c.customerId, k]));
  const seeds = seedCustomerIds.flatMap((id) => (rowOf.has(id) ? [rowOf.get(id)!] : []));
  return findLookalikes(batch.vectors, batch.layout.dim, seeds, options).map((l) => ({
    customerId: batch.customers[l.row]!.customerId,
    similarity: l.similarity,
  }));
}
