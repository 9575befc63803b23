import type { DbOrTx } from '../transaction';

export function createReceipt(
  db: DbOrTx,
  data: {
    subjectRef: string;
    matchedBy: string;
    counts: object;
    actorType: string;
    actorId: string | null;
    batchId?: string;
  },
) {
  return db.erasureReceipt.create({ data: { ...data, batchId: data.batchId ?? null } });
}

export function listReceipts(db: DbOrTx, take: number) {
  return db.erasureReceipt.findMany({ orderBy: { at: 'desc' }, take });
}

export function getReceipt(db: DbOrTx, id: string) {
  return db.erasureReceipt.findUnique({ where: { id } });
}

export function listImportFilePaths(db: DbOrTx) {
  return db.importJob.findMany({ select: { filePath: true } }).then((rows) => rows.map((r) => r.filePath));
}

export function createErasureRequests(db: DbOrTx, batchId: string, customerIds: readonly number[]) {
  return db.erasureRequest.createMany({ data: customerIds.map((customerId) => ({ batchId, customerId })) });
}

/** The next requests of a batch still to do (a crash leaves them pending; a re-run picks them up). */
export function listPendingRequests(db: DbOrTx, batchId: string, take: number) {
  return db.erasureRequest.findMany({ where: { batchId, doneAt: null }, orderBy: { id: 'asc' }, take });
}

/** Requests whose customer no longer exists (erased by another request or deleted) are done without a receipt. */
export function markRequestsDone(db: DbOrTx, ids: readonly number[]) {
  return db.erasureRequest.updateMany({
    where: { id: { in: [...ids] } },
    data: { customerId: null, doneAt: new Date() },
  });
}

export function customersByIds(db: DbOrTx, ids: readonly number[]) {
  return db.customer.findMany({
    where: { id: { in: [...ids] }, erasedAt: null },
    select: { id: true, externalId: true, email: true, phone: true },
  });
}

export function customerIdsFor(db: DbOrTx, by: 'id' | 'externalId' | 'email' | 'phone', values: readonly string[]) {
  const where =
    by === 'id'
      ? { id: { in: values.map(Number) } }
      : by === 'externalId'
        ? { externalId: { in: [...values] } }
        : by === 'email'
          ? { email: { in: [...values] } }
          : { phone: { in: [...values] } };
  return db.customer
    .findMany({ where: { ...where, erasedAt: null }, select: { id: true } })
    .then((r) => r.map((c) => c.id));
}

export async function batchProgress(db: DbOrTx, batchId: string) {
  const [total, done] = await Promise.all([
    db.erasureRequest.count({ where: { batchId } }),
    db.erasureRequest.count({ where: { batchId, doneAt: { not: null } } }),
  ]);
  return { total, done };
}

export function listJobsOfType(db: DbOrTx, type: string, take: number) {
  return db.job.findMany({
    where: { type },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, state: true, progress: true, progressNote: true, createdAt: true, finishedAt: true },
  });
}
