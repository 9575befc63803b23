/** The database the app uses: DATABASE_URL, or the embedded SQLite file under data/. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env) {
  return env.DATABASE_URL?.trim() || 'file:./data/precisa.db';
}

export function isPostgres(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}
