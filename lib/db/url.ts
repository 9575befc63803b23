import path from 'node:path';

/** The database the app uses: DATABASE_URL, or the embedded SQLite file in the data folder (PRECISA_DATA_DIR, `data`). */
export function databaseUrl(env: Record<string, string | undefined> = process.env) {
  return env.DATABASE_URL?.trim() || `file:${path.join(env.PRECISA_DATA_DIR?.trim() || 'data', 'precisa.db')}`;
}

export function isPostgres(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The file behind a SQLite url (`file:./data/precisa.db`), resolved against the working directory. */
export function sqlitePath(url: string) {
  const file = url.replace(/^file:/, '');
  return path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/**
 * The read replica for analytics reads: DATABASE_READ_URL, or null when it is unset. It must be a PostgreSQL url, and
 * only a PostgreSQL primary can have one (an embedded SQLite file has no replicas); anything else is refused with the
 * reason rather than silently reading the primary.
 */
export function readReplicaUrl(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.DATABASE_READ_URL?.trim();
  if (!url) return null;
  const problem = readReplicaProblem(url, databaseUrl(env));
  if (problem) throw new RangeError(`DATABASE_READ_URL: ${problem}`);
  return url;
}

/** Why `read` cannot serve as the replica of `primary`, or null when it can (also used by the env schema). */
export function readReplicaProblem(read: string, primary: string): string | null {
  if (!isPostgres(read)) return 'DATABASE_READ_URL must be a postgresql:// url';
  if (!isPostgres(primary)) return 'DATABASE_READ_URL needs DATABASE_URL to be a PostgreSQL database (its primary)';
  return null;
}
