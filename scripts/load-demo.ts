// Loads the generated demo shop on first run (used by `npm run demo`; run with --conditions=react-server).
import path from 'node:path';
import { db } from '../lib/db/client';
import { loadDemoShop } from '../lib/services/demo/load-demo';
import { loadSecrets } from './secrets';

loadSecrets();
const admin = await db.user.findFirst({
  where: { role: 'admin' },
  orderBy: { createdAt: 'asc' },
  select: { id: true },
});
if (!admin) throw new Error('No admin user: run scripts/bootstrap.ts first.');
const dir = path.resolve(process.env.PRECISA_DATA_DIR ?? 'data', 'demo');
const result = await loadDemoShop({ dir, createdById: admin.id, log: (m) => console.log(m) });
if (!result.loaded) console.log('Demo data: the shop already has customers; nothing loaded.');
await db.$disconnect();
