import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import {
  batchProgress,
  createErasureRequests,
  customerIdsFor,
  customersByIds,
  listJobsOfType,
  listPendingRequests,
  markRequestsDone,
} from '@/lib/db/erasure/receipts';
import { enqueueJob } from '@/lib/db/jobs';
import { withTransaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { type Actor, authorize } from '../auth/actor';
import { parseInput } from '../validate';
import { authorizeErasure, eraseSubjects } from './erase';

export const BULK_JOB = 'erase-customers';
const CHUNK = 200;

const bulkInputSchema = z.object({
  by: z.enum(['id', 'externalId', 'email', 'phone']),
  values: z
    .array(z.string().trim().min(1).max(320))
    .min(1, 'erasure.errors.value')
    .max(100_000, 'erasure.errors.tooMany'),
});
const payloadSchema = z.object({
  batchId: z.string(),
  actorType: z.enum(['user', 'api_key']),
  actorId: z.string(),
  matchedBy: z.string(),
});

/**
 * Queues the erasure of many customers: one request row per customer (their internal number only, cleared when done)
 * and one job whose payload names the batch, never a person.
 */
export async function startBulkErasure(actor: Actor | null, input: unknown) {
  const who = authorizeErasure(actor);
  const { by, values } = parseInput(bulkInputSchema, input);
  const ids = [...new Set(await customerIdsFor(db, by, by === 'email' ? values.map((v) => v.toLowerCase()) : values))];
  if (ids.length === 0) throw new AppError('NOT_FOUND', 'erasure.errors.notFound');
  const batchId = randomUUID();
  const job = await withTransaction(db, async (tx) => {
    await createErasureRequests(tx, batchId, ids);
    return enqueueJob(tx, { type: BULK_JOB, payload: { batchId, ...who, matchedBy: by }, maxAttempts: 5 });
  });
  return { batchId, jobId: job.id, customers: ids.length };
}

/**
 * The job: erases the batch a chunk at a time, each customer in a transaction of its own. Interrupted (crash, cancel,
 * lost lease), it stops between customers; the re-run continues with the requests still pending.
 */
export async function runBulkErasure(
  payload: unknown,
  ctx: { signal: AbortSignal; progress(fraction: number, note?: string): void },
) {
  const p = payloadSchema.parse(payload);
  for (;;) {
    ctx.signal.throwIfAborted();
    const pending = await listPendingRequests(db, p.batchId, CHUNK);
    if (pending.length === 0) break;
    const ids = pending.map((r) => r.customerId).filter((id): id is number => id !== null);
    const subjects = await customersByIds(db, ids);
    const present = new Set(subjects.map((s) => s.id));
    await markRequestsDone(
      db,
      pending.filter((r) => r.customerId === null || !present.has(r.customerId)).map((r) => r.id),
    );
    await eraseSubjects(subjects, p, async () => ctx.signal.throwIfAborted());
    const { total, done } = await batchProgress(db, p.batchId);
    ctx.progress(total ? done / total : 1, `${done} / ${total}`);
  }
  return batchProgress(db, p.batchId);
}

/** Recent bulk erasures with their job's state and progress (0..1). */
export async function listBulkErasures(actor: Actor | null) {
  authorize(actor, 'customers:erase');
  return listJobsOfType(db, BULK_JOB, 10);
}
export type BulkErasureDto = Awaited<ReturnType<typeof listBulkErasures>>[number];
