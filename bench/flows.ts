// npm run bench -- flows [--seconds 20] [--rate 1000]: the flow engine behind the events API. Events (carts, views,
// purchases of 5,000 customers) go through the events API's ingest pipeline at --rate per second for --seconds, while
// the flow job runs every second: an abandoned-cart flow with an immediate e-mail (10% holdout) to a local SMTP
// server (smtp-server) through the campaign send path. Reports whether the engine kept up (events read per second of
// engine time, backlog left when the events stop) and trigger-to-send latency p50/p99 (event time → SMTP accepted).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Transporter } from 'nodemailer';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, rate: { type: 'string', default: '1000' } },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const CUSTOMERS = 5_000;
/** Progress on stderr, so a slow or stuck run shows where it is. */
const progress = (line: string) => process.stderr.write(`[flows] ${line}\n`);

const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-bench-flows-'));
process.env.DATABASE_URL = `file:${path.join(dir, 'precisa.db')}`;
process.env.PRECISA_DATA_DIR = dir;
process.env.NEXTAUTH_SECRET ??= 'bench-secret-0123456789abcdef0123456789';
process.env.PRECISA_PEPPER ??= 'bench-pepper-0123456789abcdef0123456789';
execFileSync(
  process.execPath,
  ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/db/migrate.ts'],
  {
    cwd: root,
    env: process.env,
    stdio: 'pipe',
  },
);

const { db } = await import('../lib/db/client');
const { startSmtpCatcher } = await import('../lib/testing/smtp-catcher');
const { saveSmtpSettings, loadSmtp, transportFor } = await import('../lib/services/email/smtp');
const { ingestEvents } = await import('../lib/services/events/ingest');
const { createFlowFromTemplate, saveFlow, setFlowEnabled } = await import('../lib/services/flows/flows');
const { runFlows } = await import('../lib/services/flows/run');
const { FLOW_TEMPLATES } = await import('../lib/engine/flows');

const smtp = await startSmtpCatcher({ parse: false });
const user = await db.user.create({ data: { email: 'admin@bench', name: 'Admin', passwordHash: 'x', role: 'admin' } });
const actor = {
  type: 'user',
  userId: user.id,
  role: 'admin',
  email: user.email,
  name: user.name,
  locale: 'en',
} as const;
await saveSmtpSettings(actor, {
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  from: 'Shop <news@shop.example>',
  ratePerMinute: 100_000,
  publicUrl: 'https://precisa.example',
  shopName: 'Bench Shop',
  shopUrl: 'https://shop.example',
});
for (let i = 0; i < CUSTOMERS; i += 1000)
  await db.customer.createMany({
    data: Array.from({ length: Math.min(1000, CUSTOMERS - i) }, (_, k) => ({
      externalId: `C${i + k}`,
      name: `Customer ${i + k}`,
      email: `c${i + k}@example.com`,
      consentEmail: true,
    })),
  });
const flow = await createFlowFromTemplate(actor, { template: 'abandoned_cart' });
const cart = FLOW_TEMPLATES.abandoned_cart.definition;
await saveFlow(actor, {
  id: flow.id,
  name: 'Cart (immediate)',
  definition: { ...cart, quietHours: null, frequencyCap: null, reentryDays: 1, steps: [cart.steps[1]] },
});
await setFlowEnabled(actor, { id: flow.id, enabled: true });
progress(`set up: ${CUSTOMERS} customers, SMTP on port ${smtp.port}; ${SECONDS} s of events at ${RATE}/s`);

// the SMTP transport, wrapped to note when the server accepted each message
const accepted = new Map<string, number>();
const real = transportFor((await loadSmtp())!);
const transport = {
  sendMail: async (m: { messageId?: string }) => {
    const r = await real.sendMail(m);
    accepted.set(m.messageId!, Date.now());
    return r;
  },
  close: () => real.close(),
} as unknown as Transporter;

// mulberry32, seeded: the same events every run. (An LCG in floating point, seed × 1103515245 mod 2³¹, lost its low
// bits past 2⁵³ and cycled after 10,466 draws: only 1,251 customers ever put something in a cart.)
let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
let producing = true;
let stoppedAt = 0; // when the last event was stored
let produced = 0;
let ingestMs = 0;
const producer = (async () => {
  const perTick = RATE / 10;
  const start = Date.now();
  for (let tick = 0; tick < SECONDS * 10; tick++) {
    const events = Array.from({ length: perTick }, () => {
      const r = random();
      return {
        event_id: `e${produced++}`,
        customer_id: `C${Math.floor(random() * CUSTOMERS)}`,
        event_type: r < 0.2 ? 'cart' : r < 0.9 ? 'view' : 'purchase',
        timestamp: Date.now(),
      };
    });
    const t0 = performance.now();
    await ingestEvents(events, { baseCurrency: 'CNY', createMissingCustomers: false });
    ingestMs += performance.now() - t0;
    const wait = start + (tick + 1) * 100 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  producing = false;
  stoppedAt = performance.now();
})();

let engineMs = 0;
let runs = 0;
let drainMs = 0; // from then until a run found nothing left to do
const consumer = (async () => {
  for (;;) {
    const t0 = performance.now();
    const wasProducing = producing;
    const stats = await runFlows({ now: new Date(), transport });
    const ms = performance.now() - t0;
    engineMs += ms;
    runs += 1;
    progress(
      `engine run ${runs}: ${stats.entered} entered, ${stats.sent} sent in ${Math.round(ms)} ms (${produced} events made)`,
    );
    // after the events stop, run until a run finds nothing new (passes entered late in a run are due at their own
    // event time, after that run's clock, so the next run sends them)
    if (!wasProducing && stats.entered === 0 && stats.steps === 0) {
      drainMs = t0 - stoppedAt;
      break;
    }
    const wait = 1000 - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
})();
await producer;
await consumer;

const runsDone = await db.flowStepRun.findMany({
  where: { outcome: 'sent' },
  select: {
    id: true,
    enrollment: { select: { enteredAt: true, customerId: true, flow: { select: { campaignId: true } } } },
  },
});
const latencies = runsDone
  .map((r) => {
    const at = accepted.get(`<c${r.enrollment.flow.campaignId}.k${r.enrollment.customerId}.s${r.id}@precisa>`);
    return at === undefined ? null : at - r.enrollment.enteredAt.getTime();
  })
  .filter((x): x is number => x !== null)
  .sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
const outcomes = Object.fromEntries(
  (await db.flowStepRun.groupBy({ by: ['outcome'], _count: true })).map((g) => [g.outcome, g._count]),
);
const passStates = Object.fromEntries(
  (await db.flowEnrollment.groupBy({ by: ['state', 'exitReason'], _count: true })).map((g) => [
    g.exitReason ? `${g.state}:${g.exitReason}` : g.state,
    g._count,
  ]),
);
const events = await db.event.count();
const passes = await db.flowEnrollment.count();
const result = {
  benchmark: 'flows',
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10) },
  setup: {
    customers: CUSTOMERS,
    targetEventsPerSecond: RATE,
    seconds: SECONDS,
    engineEvery: '1 s',
    flow: 'cart → e-mail, 10% holdout',
  },
  eventsStored: events,
  ingestSecondsPerSecond: Math.round((ingestMs / 1000 / SECONDS) * 100) / 100,
  passes,
  passStates,
  stepOutcomes: outcomes,
  sent: runsDone.length,
  received: smtp.received(),
  engineRuns: runs,
  engineEventsPerSecond: Math.round(events / (engineMs / 1000)),
  engineSendsPerSecond: Math.round((runsDone.length / (engineMs / 1000)) * 10) / 10,
  keptUp: drainMs < 2000,
  backlogSecondsAfterEventsStopped: Math.round(drainMs / 100) / 10,
  latencyMs: { p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? null },
  note: 'latency = SMTP accepted − event timestamp (set when the event is made, before ingest); the worker runs flows every 60 s, so in production add up to a minute. Passes whose customer bought before the e-mail went out leave the flow (exited:purchased) without a send.',
};
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'flows.json'), `${JSON.stringify(result, null, 2)}\n`);
real.close();
await smtp.close();
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
