// npm run db:backup -- <file>   writes a consistent backup of DATABASE_URL (or data/precisa.db) and prints per-table
//                                row counts and checksums, to compare with a restore.
// npm run db:restore -- <file>  restores it into DATABASE_URL: for SQLite a database file that does not exist yet
//                                (stop the app first), for PostgreSQL an existing database (objects replaced).
import { backupDatabase, restoreDatabase, tableChecksums } from '@/lib/db/backup';
import { databaseUrl } from '@/lib/db/url';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'backup' && mode !== 'restore') || !file) {
  console.error('usage: npm run db:backup -- <file>  |  npm run db:restore -- <file>');
  process.exit(2);
}
const url = databaseUrl();
try {
  if (mode === 'backup') {
    const bytes = await backupDatabase(url, file);
    console.log(`backup written: ${file} (${bytes.toLocaleString('en-US')} bytes)`);
  } else {
    await restoreDatabase(file, url);
    console.log(`restored ${file}`);
  }
  const sums = await tableChecksums(url);
  for (const [table, s] of Object.entries(sums))
    console.log(`${table.padEnd(28)} ${String(s.rows).padStart(10)}  ${s.sha256}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
