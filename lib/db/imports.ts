import type { DbOrTx } from './transaction';

/** Import rows (ImportJob) and their rejected lines (ImportError) through Prisma; the bulk work is in ./import. */

export function listImportJobs(db: DbOrTx, take: number) {
  return db.importJob.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      kind: true,
      fileName: true,
      fileSize: true,
      status: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      rowsRead: true,
      inserted: true,
      updated: true,
      unchanged: true,
      rejected: true,
      createdBy: { select: { email: true } },
    },
  });
}

export function getImportJob(db: DbOrTx, id: string) {
  return db.importJob.findUnique({ where: { id } });
}

export function createImportJob(
  db: DbOrTx,
  data: {
    kind: string;
    fileName: string;
    filePath: string;
    fileSize: number;
    fileSha256: string;
    createdById: string;
    options?: object;
  },
) {
  return db.importJob.create({ data, select: { id: true } });
}

/** Saves the mapping and options and marks the import queued behind `jobId`. */
export function queueImportJob(db: DbOrTx, id: string, data: { mapping: object; options: object; jobId: string }) {
  return db.importJob.update({ where: { id }, data: { ...data, status: 'queued', error: null } });
}

export function countImportErrors(db: DbOrTx, importId: string) {
  return db.importError.count({ where: { importId } });
}

/** One page of an import's rejected lines, in line order. */
export function listImportErrors(db: DbOrTx, importId: string, page: { skip: number; take: number }) {
  return db.importError.findMany({ where: { importId }, orderBy: [{ line: 'asc' }, { id: 'asc' }], ...page });
}

/**
 * Marks an upload that never started as cancelled, if it is still waiting for its mapping; false when it is not (it
 * was started or discarded meanwhile).
 */
export async function discardWaitingImport(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db.importJob.updateMany({
    where: { id, status: 'uploaded' },
    data: { status: 'cancelled', finishedAt: new Date() },
  });
  return r.count === 1;
}
