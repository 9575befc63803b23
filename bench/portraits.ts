// npx tsx --conditions=react-server bench/portraits.ts [--customers 100000] [--events 5000000]
// The full portrait recompute (the `portraits` job: RFM, lifecycle, BG/NBD + Gamma-Gamma value, churn model, interest
// tags, written back) on the segments benchmark's synthetic shop (bench/segments-data.ts, seeded), in SQLite.
// Reports customers per second and per core-second, the stage timings, and peak RSS, for docs/scale.md. Baseline in
// the same run: reading the shop's orders and events alone (the load stage), so the ratio says how much of the
// recompute is I/O. Writes bench/results/portraits.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateShop } from './segments-data';

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '100000' }, events: { type: 'string', default: '5000000' } },
});
const spec = { customers: Number(values.customers), events: Number(values.events), now: Date.UTC(2025, 5, 15) };
const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-portraits-bench-'));
const file = path.join(dir, 'shop.db');
process.env.DATABASE_URL = `file:${file}`;
process.env.PRECISA_DATA_DIR = dir;

console.log(`generating ${spec.customers} customers, ${spec.events} events…`);
generateShop(file, spec, (s) => console.log(`  ${s}`));

// imported after DATABASE_URL is set: the services read it when their modules load
const { recomputePortraits } = await import('../lib/services/portraits/recompute');
const { closeConnections } = await import('../lib/db/connections');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const summary = await recomputePortraits({ asOf: spec.now });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
await closeConnections();

const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const result = {
  benchmark: 'full portrait recompute on the synthetic shop (SQLite)',
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
  },
  shop: { customers: spec.customers, events: spec.events },
  customers: summary.customers,
  tagAssignments: summary.tagAssignments,
  wallSeconds: +(wallMs / 1000).toFixed(2),
  cpuSeconds: +cpuSeconds.toFixed(2),
  customersPerSecond: Math.round(summary.customers / (wallMs / 1000)),
  customersPerCpuSecond: Math.round(summary.customers / cpuSeconds),
  stagesMs: summary.timings,
  loadShareOfWall: +((summary.timings.load ?? 0) / wallMs).toFixed(3),
  peakRssMb: Math.round(peakRss / 2 ** 20),
  note: 'one process; the recompute is single-threaded apart from SQLite I/O, so customers per CPU-second is the per-core rate',
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/portraits.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
fs.rmSync(dir, { recursive: true, force: true });
