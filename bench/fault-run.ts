// Child process of the fault suite (lib/testing/db/faults): does one piece of work so the parent can SIGKILL it at a
// random moment and start it again. DATABASE_URL names the scratch database.
//   fault-run worker <jobId>                  runs the worker (all job types) until that job has ended
//   fault-run setup <kind> <seed> [smtpPort]  writes the trial's starting data; prints what the parent needs as JSON
//   fault-run events <seed> <batches> <size>  sends the event burst of lib/testing/db/faults/events.ts, batch by batch
import { createClient } from '../lib/db/create-client';
import { JOB_HANDLERS } from '../lib/services/jobs/handlers';
import { runWorker } from '../lib/services/jobs/worker';
import { sendBurst } from '../lib/testing/db/faults/events';
import { SETUPS } from '../lib/testing/db/faults/setup';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'worker') {
  const db = createClient();
  const stop = new AbortController();
  const watch = setInterval(async () => {
    const job = await db.job.findUnique({ where: { id: args[0]! }, select: { state: true } });
    if (job && !['queued', 'running'].includes(job.state)) stop.abort();
  }, 50);
  await runWorker(db, JOB_HANDLERS, { stop: stop.signal, pollMs: 50, log: () => undefined });
  clearInterval(watch);
  await db.$disconnect();
} else if (mode === 'setup') {
  const db = createClient();
  console.log(JSON.stringify(await SETUPS[args[0]!]!(db, Number(args[1]), Number(args[2] ?? 0))));
  await db.$disconnect();
} else if (mode === 'events') {
  await sendBurst(Number(args[0]), Number(args[1]), Number(args[2]));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
process.exit(0);
