import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { createIdempotencyRecord, getIdempotencyRecord } from '@/lib/db/api-keys';
import { db } from '@/lib/db/client';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { AppError, invalidInput } from '@/lib/errors';
import { authorizeScope, type Actor, type ApiKeyActor } from '../auth/actor';
import { refreshCustomers } from '../portraits/refresh';
import { noteNewBehaviour } from '../recommendations/serving/state';
import { getShopSettings } from '../settings';
import { ingestEvents, type IngestResult } from './ingest';

export const MAX_BATCH = 1000;
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const batchSchema = z.object({
  events: z.array(z.unknown()).min(1, 'errors.events.tooFew').max(MAX_BATCH, 'errors.events.tooMany'),
  options: z
    .object({ create_missing_customers: z.boolean().default(true) })
    .strict()
    .default({ create_missing_customers: true }),
});

export type EventsResponse = { status: number; body: unknown; replayed: boolean };

/**
 * POST /api/v1/events: validates a batch, stores the valid events, refreshes the affected portraits, and answers
 * per event. With an Idempotency-Key, a repeated request returns the first answer and stores nothing again; the
 * same key with a different body is refused (409).
 */
export async function receiveEvents(
  actor: Actor | null,
  input: { bodyText: string; idempotencyKey: string | null },
): Promise<EventsResponse> {
  const key = authorizeScope(actor, 'events:write');
  if (input.idempotencyKey !== null && !/^[\x21-\x7e]{1,200}$/.test(input.idempotencyKey)) {
    throw new AppError('INVALID_INPUT', 'errors.events.idempotencyKey');
  }
  return oneBatchAtATime(() => receiveBatch(key, input));
}

/**
 * On SQLite, one batch at a time per process. Storing a batch holds a write transaction across awaits, while another
 * batch's portrait refresh and idempotency record write through other connections of the same process; better-sqlite3
 * waits for a lock synchronously, so such a write would block the event loop the open transaction needs (a stall of
 * busy_timeout, then "database is locked"). PostgreSQL's lock waits do not block the process: batches run side by side.
 */
let sqliteTurn: Promise<unknown> = Promise.resolve();
function oneBatchAtATime<T>(fn: () => Promise<T>): Promise<T> {
  if (isPostgres(databaseUrl())) return fn();
  const run = sqliteTurn.then(fn, fn);
  sqliteTurn = run.catch(() => {});
  return run;
}

async function receiveBatch(
  key: ApiKeyActor,
  input: { bodyText: string; idempotencyKey: string | null },
): Promise<EventsResponse> {
  const requestHash = createHash('sha256').update(input.bodyText).digest('hex');
  if (input.idempotencyKey) {
    const previous = await getIdempotencyRecord(db, key.keyId, input.idempotencyKey);
    if (previous) {
      if (previous.requestHash !== requestHash) throw new AppError('CONFLICT', 'errors.events.idempotencyReused');
      return { status: previous.status, body: previous.response, replayed: true };
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(input.bodyText);
  } catch {
    throw new AppError('INVALID_INPUT', 'errors.bodyNotJson');
  }
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues, 'body');
  }
  const shop = await getShopSettings();
  const result: IngestResult = await ingestEvents(parsed.data.events, {
    baseCurrency: shop.currency,
    createMissingCustomers: parsed.data.options.create_missing_customers,
  });
  if (result.accepted > 0) noteNewBehaviour(result.customerIds);
  // Portraits (RFM, lifecycle, tags, predictions) of the customers these events touched, within the request. Also
  // when every accepted event was already stored: that is the retry of a request killed after its commit and before
  // this refresh (no idempotency record was written either), and the refresh is idempotent.
  let refreshed = 0;
  if (result.customerIds.length && result.accepted > 0) {
    const r = await refreshCustomers(result.customerIds).catch((e: unknown) => {
      console.error('[events] portrait refresh failed', e);
      return null;
    });
    refreshed = r?.type === 'refreshed' ? r.customers : 0;
  }
  const { customerIds: _ids, ...answer } = result;
  const body = { ...answer, portraitsRefreshed: refreshed };
  if (input.idempotencyKey) {
    await createIdempotencyRecord(db, {
      apiKeyId: key.keyId,
      key: input.idempotencyKey,
      requestHash,
      status: 200,
      response: body,
    }).catch(() => undefined); // a concurrent twin stored it first; the events themselves are deduplicated by key
  }
  return { status: 200, body, replayed: false };
}
