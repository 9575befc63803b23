// The event burst of the fault suite: many batches through the events API's service function, each with an
// Idempotency-Key and every event with an event_id; a restarted sender re-sends every batch from the first.
import { receiveEvents } from '@/lib/services/events/api';
import type { ApiKeyActor } from '@/lib/services/auth/actor';

const storefront: ApiKeyActor = { type: 'api_key', keyId: 'fault-burst', scopes: ['events:write'] };

/**
 * Batch `b` of the burst: `size` events of customers F0…F199 (created on first sight), ids `seed-b-i`; the first
 * event of every batch after the first repeats the last event of the batch before it (a client's overlap), and one
 * event per batch is invalid (an unknown event type), so the unique accepted events are batches × (size − 2) + 1.
 */
export function burstBatch(seed: number, b: number, size: number) {
  const events: object[] = [];
  const at = (b: number, i: number) => Date.UTC(2026, 10, 1) + (b * size + i) * 1000;
  for (let i = 0; i < size; i++) {
    const c = (seed * 7919 + b * size + i) % 200;
    events.push({
      event_id: `${seed}-${b}-${i}`,
      customer_id: `F${c}`,
      event_type: i === 1 ? 'teleport' : 'view',
      timestamp: new Date(at(b, i)).toISOString(),
      session_id: `s${seed}-${b}`,
    });
  }
  if (b > 0) events[0] = burstBatch(seed, b - 1, size).events[size - 1]!;
  return { events, key: `burst-${seed}-${b}` };
}

/** The customers that valid events of the burst name (each is created once). */
export function burstCustomers(seed: number, batches: number, size: number) {
  const ids = new Set<string>();
  for (let b = 0; b < batches; b++)
    for (const e of burstBatch(seed, b, size).events as { customer_id: string; event_type: string }[])
      if (e.event_type !== 'teleport') ids.add(e.customer_id);
  return ids.size;
}

export const uniqueAccepted = (batches: number, size: number) => batches * (size - 2) + 1;

/** Sends every batch in order; returns how many answers were replays of an earlier request. */
export async function sendBurst(seed: number, batches: number, size: number) {
  let replayed = 0;
  for (let b = 0; b < batches; b++) {
    const { events, key } = burstBatch(seed, b, size);
    const out = await receiveEvents(storefront, { bodyText: JSON.stringify({ events }), idempotencyKey: key });
    if (out.status !== 200) throw new Error(`batch ${b}: status ${out.status}`);
    if (out.replayed) replayed++;
  }
  return { replayed };
}
