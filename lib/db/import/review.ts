import type { Db } from '../create-client';

type Tx = Pick<Db, 'importError' | 'importJob' | 'importMappingMemory' | 'currencyRate'>;

/** `params`: the example's message params (JSON) when `key` is a catalogue key (`importRejections.*`). */
export type RejectionGroup = {
  key: string;
  example: string;
  params: string | null;
  column: string | null;
  count: number;
};

/**
 * Rejected rows of an import grouped by reason code (`importRejections.<code>`) and column, largest group first. Rows
 * stored before reasons had codes group by their stored key (their reason with its values taken out) or text.
 */
export async function listRejectionGroups(db: Tx, importId: string): Promise<RejectionGroup[]> {
  const rows = await db.importError.groupBy({
    by: ['reasonKey', 'column'],
    where: { importId },
    _count: { _all: true },
    _min: { reason: true, params: true },
  });
  return rows
    .map((r) => ({
      key: r.reasonKey ?? r._min.reason ?? '',
      example: r._min.reason ?? '',
      params: r._min.params ?? null,
      column: r.column,
      count: r._count._all,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** One page of rejected rows in line order, optionally only those of one reason group (and column). */
export async function listRejectedRows(
  db: Tx,
  importId: string,
  filter: { key?: string; column?: string | null },
  page: number,
  pageSize: number,
) {
  const where = {
    importId,
    ...(filter.key ? { OR: [{ reasonKey: filter.key }, { reasonKey: null, reason: filter.key }] } : {}),
    ...(filter.column !== undefined ? { column: filter.column } : {}),
  };
  const [total, rows] = await Promise.all([
    db.importError.count({ where }),
    db.importError.findMany({
      where,
      orderBy: [{ line: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, line: true, column: true, reason: true, reasonKey: true, params: true, raw: true },
    }),
  ]);
  return { total, rows };
}

export async function currencyRateMap(db: Tx): Promise<Map<string, number>> {
  const rows = await db.currencyRate.findMany({ select: { currency: true, rateToBase: true } });
  return new Map(rows.map((r) => [r.currency, r.rateToBase]));
}

export async function saveCurrencyRates(db: Tx, rates: readonly { currency: string; rateToBase: number }[]) {
  for (const r of rates)
    await db.currencyRate.upsert({ where: { currency: r.currency }, create: r, update: { rateToBase: r.rateToBase } });
}

export async function getRememberedMapping(db: Tx, kind: string, headerKey: string) {
  return db.importMappingMemory.findUnique({
    where: { kind_headerKey: { kind, headerKey } },
    select: { mapping: true, ignore: true, updatedAt: true },
  });
}

export async function rememberMapping(
  db: Tx,
  kind: string,
  headerKey: string,
  mapping: Record<string, string>,
  ignore: string[],
) {
  await db.importMappingMemory.upsert({
    where: { kind_headerKey: { kind, headerKey } },
    create: { kind, headerKey, mapping, ignore },
    update: { mapping, ignore },
  });
}

/** Puts an import back to the start of its file for a new run: cursor, counts, report, timings and rejected rows. */
export async function resetImportForRerun(db: Tx, importId: string) {
  await db.importError.deleteMany({ where: { importId } });
  await db.importJob.update({
    where: { id: importId },
    data: {
      cursorByte: 0,
      cursorLine: 0,
      rowsRead: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      cleaning: {},
      error: null,
      startedAt: null,
      finishedAt: null,
      processingMs: 0,
    },
  });
}
