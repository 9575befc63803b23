/**
 * A customer's history at request time: their recent events and order lines from the database (so behaviour sent a
 * second ago counts), aggregated per item with the model's event weights and time decay; or, when the model's
 * snapshot is current for them, their training history without any database read.
 */
import type { CustomerProfile } from '@/lib/engine/recommendation/content-profile';
import { customerHistory, customerSignals, type CustomerHistoryRow } from '@/lib/db/recommendations/source';
import type { Reader } from '@/lib/db/recommendations/query';
import { eventWeightOf } from './data';
import { decayFactor, SEQUENCE_LENGTH } from '@/lib/engine/recommendation/histories';
import { historyOfUser, type RequestHistory } from '@/lib/engine/recommendation/models/types';
import type { Bundle } from './serving/bundle';

/** Rows (newest first) → RequestHistory in the bundle's item space. */
export function historyFromRows(bundle: Bundle, rows: readonly CustomerHistoryRow[], user: number): RequestHistory {
  const reference = Math.max(bundle.meta.tRef, rows[0]?.ts ?? -Infinity);
  const value = new Map<number, number>(),
    kind = new Map<number, number>();
  const sequence: number[] = [];
  for (const row of rows) {
    const i = bundle.itemIndex.get(row.productId);
    if (i === undefined) continue;
    const w =
      eventWeightOf(bundle.meta.settings, row.kind) * decayFactor(row.ts, reference, bundle.meta.settings.halfLifeDays);
    if (!(w > 0)) continue;
    value.set(i, (value.get(i) ?? 0) + w);
    kind.set(i, Math.max(kind.get(i) ?? 0, row.kind));
    if (sequence.length < SEQUENCE_LENGTH && sequence[sequence.length - 1] !== i) sequence.push(i);
  }
  const items = Int32Array.from(value.keys()).sort();
  return {
    user,
    items,
    values: Float32Array.from(items, (i) => value.get(i)!),
    kinds: Uint8Array.from(items, (i) => kind.get(i)!),
    sequence: Int32Array.from(sequence.reverse()),
    live: true,
  };
}

/**
 * The history to score for a customer: the training snapshot when the model knows them and nothing newer arrived
 * (`source: 'snapshot'`), else the database now (`'live'`).
 */
export async function historyFor(
  bundle: Bundle,
  r: Reader,
  customerId: number,
): Promise<{ history: RequestHistory; source: 'snapshot' | 'live' }> {
  const user = bundle.userIndex.get(customerId) ?? -1;
  if (user >= 0 && !bundle.live.changed.has(customerId))
    return { history: historyOfUser(bundle, user, bundle.kinds), source: 'snapshot' };
  return { history: historyFromRows(bundle, await customerHistory(r, customerId, 200), user), source: 'live' };
}

/** Cold-start profile of a known customer without product history: categories browsed and words searched. */
export async function profileFor(bundle: Bundle, r: Reader, customerId: number): Promise<CustomerProfile | undefined> {
  const { queries, categoryIds } = await customerSignals(r, customerId);
  const categories = [...new Set(categoryIds)]
    .map((id) => bundle.categories.get(id)?.path.split(' > '))
    .filter((p): p is string[] => !!p);
  const text = queries.join(' ').trim();
  if (categories.length === 0 && !text) return undefined;
  return { ...(categories.length ? { categories } : {}), ...(text ? { text } : {}) };
}
