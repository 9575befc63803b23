// Prepares an installation: secrets, migrations, first admin. Idempotent; run by `npm run demo` and `npm start`.
import { loadSecrets } from './secrets';
import { applyMigrations, providerOf } from './db/engine';
import { databaseUrl, isPostgres } from '../lib/db/url';
import { openSqlite } from '../lib/db/raw';
import { createClient } from '../lib/db/create-client';
import { ensureFirstAdmin, ensureNightlyQuality } from '../lib/services/bootstrap';

loadSecrets();
const url = databaseUrl();
const applied = await applyMigrations(url);
console.log(
  `database (${providerOf(url)}): ${applied.length ? `applied ${applied.length} migration(s)` : 'up to date'}`,
);
// WAL is a property of the database file: set it once so every later connection reads while the importer writes.
if (!isPostgres(url)) openSqlite(url).close();
const db = createClient(url);
const admin = await ensureFirstAdmin(db);
if (admin?.generated) {
  console.log('\n  First admin created. Sign in with:');
  console.log(`    email:    ${admin.email}`);
  console.log(`    password: ${admin.password}`);
  console.log('  (shown once; change it under Settings → Users)\n');
} else if (admin) {
  console.log(`First admin ${admin.email} created from PRECISA_ADMIN_EMAIL / PRECISA_ADMIN_PASSWORD.`);
}
await ensureNightlyQuality(db);
await db.$disconnect();
