import 'server-only';
import fs from 'node:fs';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { countImportErrors, getImportJob, listImportErrors as dbListImportErrors, listImportJobs, queueImportJob } from '@/lib/db/imports';
import { countJobsWithKeyPrefix, enqueueJob, getJobOutcome, requestCancel } from '@/lib/db/jobs';
import { withTransaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { keyFor } from '@/lib/i18n/message-ref';
import type { ImportKind } from '@/lib/import/fields';
import { mappingProblem, resolveMapping } from '@/lib/import/mapping';
import { importOptionsSchema } from '@/lib/import/options';
import { startImportSchema } from '@/lib/schemas/imports';
import { getShopSettings } from '../settings';
import { previewImport } from './preview';
import { rejectedRowsCsv } from './rejected-rows';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';

const idSchema = z.string().min(1).max(64);

export async function listImports(actor: Actor | null, take = 50) {
  authorize(actor, 'imports:manage');
  return listImportJobs(db, take);
}

async function loadImport(id: string) {
  const row = await getImportJob(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'errors.imports.notFound');
  return row;
}

/** Status for the progress bar: counts, position in the file, rows/s and an ETA from the bytes still to read. */
export async function getImportStatus(actor: Actor | null, id: unknown) {
  authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  const job = row.jobId ? await getJobOutcome(db, row.jobId) : null;
  const end = row.finishedAt?.getTime() ?? Date.now();
  const seconds = row.startedAt ? Math.max(0.001, (end - row.startedAt.getTime()) / 1000) : 0;
  const rowsPerSec = seconds ? row.rowsRead / seconds : 0;
  const bytesPerSec = seconds ? row.cursorByte / seconds : 0;
  const etaSeconds = row.status === 'running' && bytesPerSec > 0 ? (row.fileSize - row.cursorByte) / bytesPerSec : null;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    fileSize: row.fileSize,
    status: row.status,
    cursorByte: row.cursorByte,
    fraction: row.fileSize ? Math.min(1, row.cursorByte / row.fileSize) : 0,
    counts: { read: row.rowsRead, inserted: row.inserted, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected },
    cleaning: cleaningSteps(row.cleaning),
    notes: cleaningNotes(row.cleaning),
    error: row.error ?? job?.lastError ?? null,
    cancelRequested: job?.cancelRequested ?? false,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    seconds,
    rowsPerSec,
    etaSeconds,
  };
}
export type ImportStatus = Awaited<ReturnType<typeof getImportStatus>>;

/** Saves the column mapping and options, and queues the import (once: the job key is the import's id). */
export async function startImport(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'imports:manage');
  const data = parseInput(startImportSchema, input);
  const row = await loadImport(data.importId);
  if (!['uploaded', 'failed', 'cancelled'].includes(row.status)) throw new AppError('CONFLICT', 'errors.imports.notRestartable', { status: { key: keyFor('imports.statuses', row.status, 'common.unknown') } });
  if (!fs.existsSync(row.filePath)) throw new AppError('NOT_FOUND', 'errors.imports.fileGone');
  const preview = previewImport(row.filePath, row.kind as ImportKind);
  if (!preview.ok) throw new AppError('INVALID_INPUT', 'errors.imports.cannotImport', { detail: preview.error });
  const mapping = Object.fromEntries(Object.entries(data.mapping).filter(([, column]) => column));
  const problem = mappingProblem(row.kind as ImportKind, preview.header, resolveMapping(row.kind as ImportKind, preview.header, mapping));
  if (problem) throw new AppError('INVALID_INPUT', 'errors.imports.mapping', { detail: problem });
  const shop = await getShopSettings();
  const options = importOptionsSchema.parse({ ...data.options, timezone: data.options.timezone ?? shop.timezone, baseCurrency: shop.currency });
  return withTransaction(db, async (tx) => {
    const attempt = await countJobsWithKeyPrefix(tx, `import:${row.id}:`);
    const job = await enqueueJob(tx, { type: 'import', payload: { importId: row.id }, idempotencyKey: `import:${row.id}:${attempt + 1}` });
    await queueImportJob(tx, row.id, { mapping, options, jobId: job.id });
    await writeAudit(tx, { actorType: 'user', actorId: admin.userId, action: row.status === 'uploaded' ? 'import.start' : 'import.resume', targetType: 'import', targetId: row.id, details: { mapping, options } });
    return { jobId: job.id };
  });
}

export async function cancelImport(actor: Actor | null, id: unknown) {
  const admin = authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  if (!row.jobId || !['queued', 'running'].includes(row.status)) throw new AppError('CONFLICT', 'errors.imports.onlyActiveCancel');
  await requestCancel(db, row.jobId);
  await writeAudit(db, { actorType: 'user', actorId: admin.userId, action: 'import.cancel', targetType: 'import', targetId: row.id });
}

export async function listImportErrors(actor: Actor | null, id: unknown, page = 1, pageSize = 50) {
  authorize(actor, 'imports:manage');
  const importId = parseInput(idSchema, id);
  const [total, rows] = await Promise.all([
    countImportErrors(db, importId),
    dbListImportErrors(db, importId, { skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, rows };
}

/** The import with, while it still waits for its mapping, the file preview and the proposed mapping. */
export async function getImportForMapping(actor: Actor | null, id: unknown) {
  authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  const preview = ['uploaded', 'failed', 'cancelled'].includes(row.status) ? previewImport(row.filePath, row.kind as ImportKind) : null;
  return { row, preview };
}

/** The rejected rows as a CSV download (audited: it may contain customer data from the file). */
export async function rejectedRowsDownload(actor: Actor | null, id: unknown) {
  const admin = authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  await writeAudit(db, { actorType: 'user', actorId: admin.userId, action: 'import.download_rejected', targetType: 'import', targetId: row.id });
  const base = row.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'import';
  return { fileName: `${base}-rejected-rows.csv`, chunks: rejectedRowsCsv(row.id) };
}

/** Counts per cleaning step (the stored report also carries notes, read separately). */
function cleaningSteps(json: unknown): Record<string, number> {
  if (!json || typeof json !== 'object') return {};
  return Object.fromEntries(Object.entries(json).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

function cleaningNotes(json: unknown): string[] {
  const notes = json && typeof json === 'object' ? (json as { notes?: unknown }).notes : null;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === 'string') : [];
}
