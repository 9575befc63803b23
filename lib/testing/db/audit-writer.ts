// Test support: a separate process appending audit entries (`node --import tsx audit-writer.ts <count> <tag>`), so the
// chain's locking is exercised by writers that do not share a connection or a thread. Not used by the app.
import { writeAudit } from '@/lib/db/audit';
import { createClient } from '@/lib/db/create-client';

const [count = '10', tag = 'child'] = process.argv.slice(2);
const db = createClient();
for (let i = 0; i < Number(count); i++)
  await writeAudit(db, { actorType: 'system', action: `test.${tag}`, targetType: 'test', targetId: i });
await db.$disconnect();
