/**
 * How a finished import ended, for its badge and report: an import that completed without reading one data row (a
 * header-only file) or with every row rejected ends with a warning, not "Completed". Other states are the status.
 *
 * @example importOutcome({ status: 'completed', rowsRead: 0, rejected: 0 }) // 'noRows'
 * @example importOutcome({ status: 'completed', rowsRead: 732, rejected: 732 }) // 'allRejected'
 * @example importOutcome({ status: 'completed', rowsRead: 10, rejected: 2 }) // 'completed'
 */
export function importOutcome(row: { status: string; rowsRead: number; rejected: number }): string {
  if (row.status !== 'completed') return row.status;
  if (row.rowsRead === 0) return 'noRows';
  if (row.rejected === row.rowsRead) return 'allRejected';
  return 'completed';
}
