// Run with --conditions=react-server (as scripts/serve.ts does) so server-only modules load outside Next.
// The background worker: runs imports and other long jobs from the job table, one at a time, in its own process
// so the web server stays responsive. Stops cleanly on SIGTERM (a killed worker's job is resumed by the next one).
import { createClient } from '../lib/db/create-client';
import { JOB_HANDLERS } from '../lib/services/jobs/handlers';
import { runWorker } from '../lib/services/jobs/worker';
import { queueEventPartitions } from '../lib/services/events/partitions';

const db = createClient();
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
process.on('SIGINT', () => stop.abort());
console.log(`[worker] started (pid ${process.pid}); job types: ${Object.keys(JOB_HANDLERS).join(', ')}`);
// PostgreSQL: this month's and the next months' event partitions exist. A database that is not up yet must not stop
// the worker (its loop waits for the database); the next completed import queues the job too.
await queueEventPartitions().catch((err) => console.warn(`[worker] event partitions not queued: ${err.message}`));
await runWorker(db, JOB_HANDLERS, { stop: stop.signal });
await db.$disconnect();
