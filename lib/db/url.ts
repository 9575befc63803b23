import path from 'node:path';

/** The database the app uses: DATABASE_URL, or the embedded SQLite file under data/. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env) {
  return env.DATABASE_URL?.trim() || 'file:./data/precisa.db';
}

export function isPostgres(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The file behind a SQLite url (`file:./data/precisa.db`), resolved against the working directory. */
export function sqlitePath(url: string) {
  const file = url.replace(/^file:/, '');
  return path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
