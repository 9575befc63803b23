/**
 * Whether an error says the disk under the database (or the data directory) is full: SQLite's SQLITE_FULL, the
 * operating system's ENOSPC, PostgreSQL's disk_full (SQLSTATE 53100), also when wrapped by Prisma (`cause`).
 */
export function isDiskFullError(e: unknown): boolean {
  for (let err = e, depth = 0; err && typeof err === 'object' && depth < 5; depth++) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}
