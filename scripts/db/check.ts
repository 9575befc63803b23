// npm run db:check — fails when the two schemas drift apart, or when a schema changed without a migration.
import { PROVIDERS, pendingDiff } from './engine';
import { schemaDrift } from './schemas';

let failed = false;
const drift = schemaDrift();
if (drift.length) {
  failed = true;
  console.error(`prisma/sqlite and prisma/postgresql schemas differ:\n  ${drift.slice(0, 20).join('\n  ')}`);
}
for (const provider of PROVIDERS) {
  const sql = await pendingDiff(provider);
  if (sql) {
    failed = true;
    console.error(
      `${provider}: the schema has changes no migration covers (run npm run db:migration -- <name>):\n${sql}`,
    );
  }
}
if (failed) process.exit(1);
console.log('schemas agree and every change is migrated');
