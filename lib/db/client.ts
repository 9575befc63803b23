import 'server-only';
import { createClient, type Db } from './create-client';

// One client per process (t3 pattern); cached across hot reloads in development.
const globalForDb = globalThis as unknown as { precisaDb?: Db };

export const db: Db = globalForDb.precisaDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.precisaDb = db;
