import type { SegmentData } from '../types';
import { SegmentIndex } from './segment-index';

/**
 * Builds a columnar index straight from engine records (tests, and callers that already hold the rows).
 * The database loader (lib/db/segments/index-loader.ts) feeds the same methods batch by batch.
 */
export function indexFromData(data: SegmentData): SegmentIndex {
  const index = new SegmentIndex();
  index.categories = data.categories;
  for (const p of data.products) index.upsertProduct(p);
  for (const c of [...data.customers].sort((a, b) => a.id - b.id)) index.upsertCustomer(c);
  for (const p of data.profiles) index.upsertProfile(p);
  for (const t of data.tags) index.appendTag(t.customerId, t.key, t.score);
  for (const e of data.events) index.appendEvent(e.customerId, e.type, e.ts, e.productId, e.categoryId, e.campaignId);
  const lines = new Map<number, (number | null)[]>();
  for (const l of data.orderLines) lines.set(l.orderId, [...(lines.get(l.orderId) ?? []), l.productId]);
  for (const o of [...data.orders].sort((a, b) => a.id - b.id)) index.appendOrder(o, lines.get(o.id) ?? []);
  index.compact();
  return index;
}
