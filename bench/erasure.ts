// npx tsx --conditions=react-server bench/erasure.ts [--customers 25000] [--events 500000] [--erase 10000]
// Bulk erasure at scale (issue 9: erasing 10,000 customers at once runs as a job with progress), in SQLite, on the
// segments benchmark's synthetic shop (bench/segments-data.ts, seeded). The erase-customers job's handler erases
// --erase customers by id (not already erased: the synthetic shop holds some), each in a transaction of its own (profile, tags, events, orders moved to the anonymous
// holder, campaign rows, identifiers scrubbed from job, import and audit texts, a receipt), reporting progress per
// chunk. Baseline in the same run: another --erase customers' profiles, tags and events deleted, orders moved and rows
// deleted with plain SQL in one transaction — the row work alone, without receipts, audit entries, text scrubbing or
// a transaction per customer. Afterwards it checks that every erased customer is wholly gone and every other one
// untouched. Writes bench/results/erasure.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { generateShop } from './segments-data';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '25000' },
    events: { type: 'string', default: '500000' },
    erase: { type: 'string', default: '10000' },
  },
});
const spec = { customers: Number(values.customers), events: Number(values.events), now: Date.UTC(2025, 5, 15) };
const ERASE = Number(values.erase);
if (!(ERASE > 0 && 2 * ERASE < spec.customers))
  throw new Error('--erase must be positive and below half of --customers');
const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-erasure-bench-'));
const file = path.join(dir, 'shop.db');
process.env.DATABASE_URL = `file:${file}`;
process.env.PRECISA_DATA_DIR = dir;
// receipts and audit entries pseudonymise with the pepper; these values serve this throwaway database only
process.env.NEXTAUTH_SECRET ??= 'bench-secret-0123456789abcdef0123456789abcdef';
process.env.PRECISA_PEPPER ??= 'bench-pepper-0123456789abcdef0123456789abcdef';

console.log(`generating ${spec.customers} customers, ${spec.events} events…`);
generateShop(file, spec, (s) => console.log(`  ${s}`));

// imported after DATABASE_URL is set: the services read it when their modules load
const { startBulkErasure, runBulkErasure } = await import('../lib/services/erasure/bulk');
const { testActors } = await import('../lib/testing/db/seed-shop');
const { closeConnections } = await import('../lib/db/connections');

const raw = new Database(file);
const ids = raw.prepare('SELECT id FROM Customer WHERE erasedAt IS NULL ORDER BY id').pluck().all() as number[];
const erased = ids.slice(0, ERASE);
const baseline = ids.slice(ERASE, 2 * ERASE);
const untouched = ids.slice(2 * ERASE);
const count = (sql: string, list: number[]) =>
  raw
    .prepare(`SELECT count(*) FROM (SELECT value FROM json_each(?)) j JOIN ${sql} = j.value`)
    .pluck()
    .get(JSON.stringify(list)) as number;
const eventsOf = (list: number[]) => count('Event e ON e.customerId', list);
const before = {
  erasedEvents: eventsOf(erased),
  baselineEvents: eventsOf(baseline),
  untouchedEvents: eventsOf(untouched),
};
console.log('events before', before);

// Baseline: the same row work in plain SQL, one transaction.
const t0 = performance.now();
raw.exec(`INSERT INTO Customer (externalId, createdAt, updatedAt) VALUES ('__baseline_holder__', 0, 0)`);
const holder = raw.prepare(`SELECT id FROM Customer WHERE externalId = '__baseline_holder__'`).pluck().get() as number;
const list = JSON.stringify(baseline);
raw.transaction(() => {
  for (const table of ['CustomerProfile', 'CustomerTag', 'Event'])
    raw.prepare(`DELETE FROM "${table}" WHERE customerId IN (SELECT value FROM json_each(?))`).run(list);
  raw
    .prepare(`UPDATE "Order" SET customerId = ? WHERE customerId IN (SELECT value FROM json_each(?))`)
    .run(holder, list);
  raw.prepare(`DELETE FROM Customer WHERE id IN (SELECT value FROM json_each(?))`).run(list);
})();
const baselineMs = performance.now() - t0;

// The product: the bulk-erasure job's handler, as the worker runs it.
const { admin } = await testActors();
const started = await startBulkErasure(admin, { by: 'id', values: erased.map(String) });
const progress: { atMs: number; fraction: number }[] = [];
const cpu0 = process.cpuUsage();
const t1 = performance.now();
const summary = await runBulkErasure(
  { batchId: started.batchId, actorType: 'user', actorId: admin.userId, matchedBy: 'id' },
  {
    signal: new AbortController().signal,
    progress: (fraction) => progress.push({ atMs: Math.round(performance.now() - t1), fraction }),
  },
);
const erasureMs = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
await closeConnections();

const after = {
  erasedCustomers: count('Customer c ON c.id', erased),
  erasedEvents: eventsOf(erased),
  baselineCustomers: count('Customer c ON c.id', baseline),
  untouchedCustomers: count('Customer c ON c.id', untouched),
  untouchedEvents: eventsOf(untouched),
};
raw.close();
const checks = {
  everyErasedCustomerGone: after.erasedCustomers === 0 && after.erasedEvents === 0,
  othersUntouched: after.untouchedCustomers === untouched.length && after.untouchedEvents === before.untouchedEvents,
  progressReachedOne: progress.at(-1)?.fraction === 1,
};
const result = {
  benchmark: `bulk erasure of ${ERASE} customers as a job (SQLite), against plain SQL deletes in the same run`,
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
  },
  shop: { customers: spec.customers, events: spec.events },
  erased: { customers: ERASE, events: before.erasedEvents, summary },
  erasureSeconds: +(erasureMs / 1000).toFixed(2),
  erasureCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
  msPerCustomer: +(erasureMs / ERASE).toFixed(2),
  progressSteps: progress.length,
  baseline: { customers: ERASE, events: before.baselineEvents, seconds: +(baselineMs / 1000).toFixed(2) },
  ratioToBaseline: +(erasureMs / baselineMs).toFixed(1),
  checks,
  note: 'one process; each erased customer is a transaction of its own (a crash leaves nobody half-erased), with a receipt, an audit entry and identifier scrubbing of job, import and audit texts; the baseline deletes the same kinds of rows for as many other customers in one plain SQL transaction',
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/erasure.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
fs.rmSync(dir, { recursive: true, force: true });
if (!Object.values(checks).every(Boolean)) {
  console.error('erasure checks failed', checks);
  process.exit(1);
}
