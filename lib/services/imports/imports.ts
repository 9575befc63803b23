import 'server-only';
import fs from 'node:fs';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { countJobsWithKeyPrefix, enqueueJob, getJobOutcome, requestCancel } from '@/lib/db/jobs';
import { discardWaitingImport, getImportJob, listImportJobs, queueImportJob } from '@/lib/db/imports';
import {
  currencyRateMap,
  getRememberedMapping,
  listRejectedRows,
  listRejectionGroups,
  rememberMapping,
  resetImportForRerun,
  saveCurrencyRates,
} from '@/lib/db/import/review';
import { withTransaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { keyFor } from '@/lib/i18n/message-ref';
import { currenciesWithoutRate } from '@/lib/import/detect-currency';
import type { ImportKind } from '@/lib/import/fields';
import { mappingProblem, resolveMapping } from '@/lib/import/mapping';
import { columnMappingSchema, importOptionsSchema } from '@/lib/import/options';
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
  const elapsed = row.startedAt ? Math.max(0.001, (end - row.startedAt.getTime()) / 1000) : 0;
  // processing time excludes the time a failed import sat waiting (e.g. for an exchange rate) before it was resumed
  const seconds = row.processingMs > 0 ? Math.min(elapsed, row.processingMs / 1000) : elapsed;
  const waitingSeconds = Math.max(0, elapsed - seconds);
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
    counts: {
      read: row.rowsRead,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      rejected: row.rejected,
    },
    cleaning: cleaningSteps(row.cleaning),
    notes: cleaningNotes(row.cleaning),
    error: row.error ?? job?.lastError ?? null,
    cancelRequested: job?.cancelRequested ?? false,
    /** false once the uploaded file is gone (a cancelled upload, or an erasure that deleted it): no resume or re-run */
    fileKept: fs.existsSync(row.filePath),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    seconds,
    waitingSeconds,
    rowsPerSec,
    etaSeconds,
  };
}
export type ImportStatus = Awaited<ReturnType<typeof getImportStatus>>;

/**
 * Saves the column mapping, options and any exchange rates entered, remembers the mapping for files with the same
 * header, and queues the import (once: the job key is the import's id). Refuses to start while a currency the import
 * will meet (its own, or one the file names) has no rate. A finished import, or one whose mapping changed after it
 * had read rows, runs again from the first row.
 */
export async function startImport(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'imports:manage');
  const data = parseInput(startImportSchema, input);
  const row = await loadImport(data.importId);
  if (
    !['uploaded', 'failed', 'cancelled', 'completed'].includes(row.status) ||
    (row.status === 'completed' && !data.restart)
  ) {
    throw new AppError('CONFLICT', 'errors.imports.notRestartable', {
      status: { key: keyFor('imports.statuses', row.status, 'common.unknown') },
    });
  }
  if (!fs.existsSync(row.filePath)) throw new AppError('NOT_FOUND', 'errors.imports.fileGone');
  const kind = row.kind as ImportKind;
  const mapping = Object.fromEntries(Object.entries(data.mapping).filter((e): e is [string, string] => Boolean(e[1])));
  const preview = previewImport(row.filePath, kind, { mapping });
  if (!preview.ok) throw new AppError('INVALID_INPUT', 'errors.imports.cannotImport', { detail: preview.error });
  const problem = mappingProblem(kind, preview.header, resolveMapping(kind, preview.header, mapping));
  if (problem) throw new AppError('INVALID_INPUT', 'errors.imports.mapping', { detail: problem });
  const shop = await getShopSettings();
  const options = importOptionsSchema.parse({
    ...data.options,
    timezone: data.options.timezone ?? shop.timezone,
    baseCurrency: shop.currency,
    allowHttpImages: shop.allowHttpImages,
  });
  const rates = await currencyRateMap(db);
  for (const r of data.rates) rates.set(r.currency, r.rateToBase);
  const missing = currenciesWithoutRate({
    importCurrency: options.currency ?? shop.currency,
    fileCurrencies: preview.currency?.currencies ?? [],
    baseCurrency: shop.currency,
    rates: new Set(rates.keys()),
  });
  if (missing.length) {
    throw new AppError(
      'INVALID_INPUT',
      'errors.imports.missingRates',
      { currencies: missing.join(', '), base: shop.currency },
      { missingRates: missing },
    );
  }
  const restart =
    data.restart ||
    row.status === 'completed' ||
    (row.cursorByte > 0 && JSON.stringify(mapping) !== JSON.stringify(row.mapping));
  return withTransaction(db, async (tx) => {
    await saveCurrencyRates(tx, data.rates);
    for (const r of data.rates)
      await writeAudit(tx, {
        actorType: 'user',
        actorId: admin.userId,
        action: 'settings.currency_rate',
        targetType: 'currency',
        targetId: r.currency,
        details: r,
      });
    if (restart) await resetImportForRerun(tx, row.id);
    await rememberMapping(tx, kind, preview.headerKey, mapping, options.ignoreColumns);
    const attempt = await countJobsWithKeyPrefix(tx, `import:${row.id}:`);
    const job = await enqueueJob(tx, {
      type: 'import',
      payload: { importId: row.id },
      idempotencyKey: `import:${row.id}:${attempt + 1}`,
    });
    await queueImportJob(tx, row.id, { mapping, options, jobId: job.id });
    const action = row.status === 'uploaded' ? 'import.start' : restart ? 'import.rerun' : 'import.resume';
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action,
      targetType: 'import',
      targetId: row.id,
      details: { mapping, options },
    });
    return { jobId: job.id };
  });
}

/**
 * Cancels an import: a queued or running one stops after the batch in flight (and can be resumed); an upload still
 * waiting for its mapping is discarded, its file deleted (the row stays, cancelled, so the list shows what happened).
 */
export async function cancelImport(actor: Actor | null, id: unknown) {
  const admin = authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  if (row.status === 'uploaded') {
    if (!(await discardWaitingImport(db, row.id))) throw new AppError('CONFLICT', 'errors.imports.onlyActiveCancel');
    fs.rmSync(row.filePath, { force: true });
    await writeAudit(db, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'import.discard',
      targetType: 'import',
      targetId: row.id,
    });
    return;
  }
  if (!row.jobId || !['queued', 'running'].includes(row.status))
    throw new AppError('CONFLICT', 'errors.imports.onlyActiveCancel');
  await requestCancel(db, row.jobId);
  await writeAudit(db, {
    actorType: 'user',
    actorId: admin.userId,
    action: 'import.cancel',
    targetType: 'import',
    targetId: row.id,
  });
}

const errorsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** a reason group's key (see listRejectionGroups) */
  key: z.string().max(300).optional(),
});

/**
 * The rejected rows grouped by reason with counts (largest first), and one page of rows in line order — of one
 * reason group when `key` is given.
 */
export async function listImportErrors(actor: Actor | null, id: unknown, query: unknown, pageSize = 50) {
  authorize(actor, 'imports:manage');
  const importId = parseInput(idSchema, id);
  const q = parseInput(errorsQuerySchema, query);
  const [groups, page] = await Promise.all([
    listRejectionGroups(db, importId),
    listRejectedRows(db, importId, { key: q.key }, q.page, pageSize),
  ]);
  return { groups, ...page };
}

/**
 * The import with, while it waits for its mapping (or, with `remap`, for a re-run of a finished or failed one), the
 * file preview and the proposed mapping; the mapping last
 * used for a file with the same header; the currencies that have an exchange rate; and the saved mapping and options
 * (for a re-run).
 */
export async function getImportForMapping(actor: Actor | null, id: unknown, opts: { remap?: boolean } = {}) {
  authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  const canMap = row.status === 'uploaded' || (opts.remap && ['failed', 'cancelled', 'completed'].includes(row.status));
  const preview = canMap ? previewImport(row.filePath, row.kind as ImportKind) : null;
  const remembered = preview?.ok ? await getRememberedMapping(db, row.kind, preview.headerKey) : null;
  const saved = row.mapping
    ? {
        mapping: columnMappingSchema.safeParse(row.mapping).data ?? {},
        options: importOptionsSchema.safeParse(row.options ?? {}).data ?? null,
      }
    : null;
  return {
    row,
    preview,
    remembered: remembered
      ? {
          mapping: columnMappingSchema.safeParse(remembered.mapping).data ?? {},
          ignore: ignoreSchema.safeParse(remembered.ignore).data ?? [],
          updatedAt: remembered.updatedAt,
        }
      : null,
    saved,
    ratedCurrencies: [...(await currencyRateMap(db)).keys()],
  };
}

const ignoreSchema = z.array(z.string());

/** The rejected rows as a CSV download (audited: it may contain customer data from the file). */
export async function rejectedRowsDownload(actor: Actor | null, id: unknown) {
  const admin = authorize(actor, 'imports:manage');
  const row = await loadImport(parseInput(idSchema, id));
  await writeAudit(db, {
    actorType: 'user',
    actorId: admin.userId,
    action: 'import.download_rejected',
    targetType: 'import',
    targetId: row.id,
  });
  const base =
    row.fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 80) || 'import';
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
