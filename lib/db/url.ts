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
