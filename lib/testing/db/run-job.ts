import { db } from '@/lib/db/client';
import { JOB_HANDLERS } from '@/lib/services/jobs/handlers';
import { runWorker } from '@/lib/services/jobs/worker';

/**
 * Runs the real worker loop for one job type until the given job has ended (or `seconds` passed), then stops the
 * loop and returns the job's row. For integration tests that start work through a service (training, sends).
 */
export async function runJobUntilDone(type: string, jobId: string, seconds = 120) {
  const stop = new AbortController();
  const loop = runWorker(db, { [type]: JOB_HANDLERS[type]! }, { stop: stop.signal, pollMs: 50, log: () => {} });
  for (let i = 0; i < seconds * 10; i++) {
    const job = await db.job.findUnique({ where: { id: jobId }, select: { state: true } });
    if (job && !['queued', 'running'].includes(job.state)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  stop.abort();
  await loop;
  return db.job.findUniqueOrThrow({ where: { id: jobId } });
}
