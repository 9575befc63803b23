import { hostname } from 'node:os';
import type { Db } from '@/lib/db/create-client';
import { claimJob, finishJob, heartbeat, leaseMs } from '@/lib/db/jobs';
import { isAppError } from '@/lib/errors';

export type JobContext = {
  jobId: string;
  payload: unknown;
  signal: AbortSignal;
  progress(fraction: number, note?: string): void;
};
export type JobHandler = (ctx: JobContext) => Promise<object | undefined>;

/** At least three heartbeats per lease, and never fewer than one every 5 s. */
const heartbeatMs = () => Math.min(5_000, leaseMs() / 3);

/**
 * Runs jobs from the job table until `stop` aborts: claims one at a time, heartbeats its lease (which also carries
 * progress and notices cancellation), and records the outcome. A crash mid-job leaves the lease to expire; another
 * worker (or this one after restart) then re-runs it, so handlers must be idempotent.
 */
export async function runWorker(
  db: Db,
  handlers: Record<string, JobHandler>,
  opts: { stop: AbortSignal; pollMs?: number; log?: (msg: string) => void },
) {
  const owner = `${hostname()}:${process.pid}`;
  const log = opts.log ?? ((m) => console.log(`[worker] ${m}`));
  const types = Object.keys(handlers);
  while (!opts.stop.aborted) {
    const job = await claimJob(db, owner, types).catch((e) => {
      log(`claim failed: ${String(e)}`);
      return null;
    });
    if (!job) {
      await sleep(opts.pollMs ?? 1_000, opts.stop);
      continue;
    }
    log(`running ${job.type} ${job.id} (attempt ${job.attempts})`);
    const abort = new AbortController();
    let latest: { fraction?: number; note?: string } = {};
    const beat = setInterval(() => {
      heartbeat(db, job.id, owner, latest)
        .then((r) => r.cancel && abort.abort(new Error(r.lost ? 'lease lost' : 'cancelled by user')))
        .catch((e) => log(`heartbeat failed: ${String(e)}`));
    }, heartbeatMs());
    try {
      const result = await handlers[job.type]!({
        jobId: job.id,
        payload: job.payload,
        signal: abort.signal,
        progress: (fraction, note) => (latest = { fraction, note }),
      });
      await finishJob(
        db,
        job.id,
        owner,
        abort.signal.aborted ? { state: 'cancelled' } : { state: 'succeeded', result: result ?? undefined },
      );
      log(`${abort.signal.aborted ? 'cancelled' : 'finished'} ${job.type} ${job.id}`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (abort.signal.aborted) await finishJob(db, job.id, owner, { state: 'cancelled' });
      else
        await finishJob(db, job.id, owner, {
          state: 'failed',
          error: message,
          retry: !isAppError(e) && job.attempts < job.maxAttempts,
        });
      log(`failed ${job.type} ${job.id}: ${message}`);
    } finally {
      clearInterval(beat);
    }
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
