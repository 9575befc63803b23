import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { eraseCustomerRows, type ErasureSubject, findSubjects, subjectStrings } from '@/lib/db/erasure/erase-customer';
import { recordErasedIdentifiers } from '@/lib/db/erasure/identifiers';
import { createReceipt, listImportFilePaths, listReceipts } from '@/lib/db/erasure/receipts';
import { withTransaction } from '@/lib/db/transaction';
import { listUserEmails } from '@/lib/db/users';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { contactPseudonyms, pseudonym } from '@/lib/security/pseudonym';
import { type Actor, actorRef, authorize, authorizeScope } from '../auth/actor';
import { liveStore } from '../segments/common';
import { parseInput } from '../validate';
import { eraseFromModelFiles, removeTemporaryModelFiles } from '../recommendations/artifact-erase';
import { modelsDir, resetServing } from '../recommendations/serving/state';
import { listTextFiles, scrubFiles } from './files';
import { markModelsStale } from './retrain';

export const eraseInputSchema = z.object({
  by: z.enum(['id', 'externalId', 'email', 'phone']),
  value: z.string().trim().min(1, 'erasure.errors.value').max(320, 'erasure.errors.value'),
});

/** Admins (permission customers:erase) and API keys with the customers:erase scope may erase. */
export function authorizeErasure(actor: Actor | null) {
  if (actor?.type === 'api_key') authorizeScope(actor, 'customers:erase');
  else authorize(actor, 'customers:erase');
  return actorRef(actor!) as { actorType: 'user' | 'api_key'; actorId: string };
}

/** The keyed pseudonym the audit log and receipts use for a customer (never reversible without the server secret). */
export const subjectRef = (externalId: string) => pseudonym('customer', externalId, env().PRECISA_PEPPER);

/** Erases every customer matching the identifier and returns one receipt per customer (none found → 404). */
export async function eraseCustomer(actor: Actor | null, input: unknown) {
  const who = authorizeErasure(actor);
  const { by, value } = parseInput(eraseInputSchema, input);
  if (by === 'id' && !/^\d{1,10}$/.test(value)) throw new AppError('INVALID_INPUT', 'erasure.errors.value');
  const subjects = await findSubjects(db, by, value);
  if (subjects.length === 0) throw new AppError('NOT_FOUND', 'erasure.errors.notFound');
  return eraseSubjects(subjects, { ...who, matchedBy: by });
}

/**
 * The erasure of a group of customers: first their rows are removed from every text file (idempotent, atomic per
 * file), then each customer's database rows go in one transaction of their own, with the receipt and the audit entry.
 * A crash between the two leaves a customer fully present in the database (and erased again on retry), never half.
 */
export async function eraseSubjects(
  subjects: readonly ErasureSubject[],
  who: { actorType: 'user' | 'api_key' | 'system'; actorId: string | null; matchedBy: string; batchId?: string },
  afterEach?: (receiptId: string, subject: ErasureSubject) => Promise<void>,
) {
  const strings = new Map<number, string[]>();
  for (const s of subjects) strings.set(s.id, await subjectStrings(db, s.id));
  const identifiers = new Set(
    subjects.flatMap((s) =>
      [s.externalId, s.email, s.phone].filter((x): x is string => !!x).map((x) => x.toLowerCase()),
    ),
  );
  const files = listTextFiles(path.resolve(env().PRECISA_DATA_DIR), await listImportFilePaths(db));
  const fileCounts = await scrubFiles(files, identifiers);
  // model files: rewritten without their rows now (the stale mark below still retrains within the window)
  await removeTemporaryModelFiles(modelsDir());
  const modelFiles = await eraseFromModelFiles(modelsDir(), new Set(subjects.map((s) => s.id)));
  const receipts = [];
  for (const subject of subjects) {
    const ref = subjectRef(subject.externalId);
    const receipt = await withTransaction(db, async (tx) => {
      const counts = await eraseCustomerRows(tx, subject, strings.get(subject.id) ?? [], ref);
      await recordErasedIdentifiers(tx, contactPseudonyms(subject, env().PRECISA_PEPPER), new Date());
      const all = {
        ...counts,
        filesRewritten: fileCounts.files,
        fileLinesRemoved: fileCounts.lines,
        modelFilesRewritten: modelFiles,
      };
      const row = await createReceipt(tx, { subjectRef: ref, ...who, counts: all });
      await writeAudit(tx, {
        actorType: who.actorType,
        actorId: who.actorId,
        action: 'customer.erase',
        targetType: 'erasure',
        targetId: row.id,
        details: { subject: ref, matchedBy: who.matchedBy, counts: all, batchId: who.batchId ?? null },
      });
      return row;
    });
    await afterEach?.(receipt.id, subject);
    receipts.push(receipt);
  }
  await markModelsStale();
  // this process serves the rewritten file from the next request on
  if (modelFiles > 0) resetServing();
  // this process's in-memory segment index drops them now; other processes see the new receipt and rebuild theirs
  // before their next count
  const store = liveStore();
  if (store.status.state === 'ready') store.load().catch((e) => console.error('[erasure] index rebuild failed', e));
  return receipts.map(toReceiptDto);
}

type ReceiptRow = Awaited<ReturnType<typeof listReceipts>>[number];
const toReceiptDto = (r: ReceiptRow) => ({
  id: r.id,
  subjectRef: r.subjectRef,
  matchedBy: r.matchedBy,
  counts: r.counts as Record<string, number>,
  actorType: r.actorType,
  actorId: r.actorId,
  batchId: r.batchId,
  at: r.at,
});
export type ErasureReceiptDto = ReturnType<typeof toReceiptDto>;

export async function recentReceipts(actor: Actor | null, take = 50) {
  authorize(actor, 'customers:erase');
  const receipts = (await listReceipts(db, take)).map(toReceiptDto);
  const userIds = [...new Set(receipts.filter((r) => r.actorType === 'user' && r.actorId).map((r) => r.actorId!))];
  const emails = new Map((await listUserEmails(db, userIds)).map((u) => [u.id, u.email]));
  return receipts.map((r) => ({
    ...r,
    actorLabel: (r.actorId && emails.get(r.actorId)) ?? `${r.actorType}:${r.actorId ?? ''}`,
  }));
}
export type ErasureReceiptView = Awaited<ReturnType<typeof recentReceipts>>[number];
