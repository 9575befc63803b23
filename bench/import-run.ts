// Child process of bench/import.ts (`node import-run url jobId [worker|inline]`): runs one import and reports its summary, CPU time and peak RSS as JSON.
import fs from 'node:fs';
import { runImport } from '../lib/services/imports/run-import';

// mode: 'worker' validates events on a worker thread, 'inline' in the writer's thread (default: runImport decides)
const [url, jobId, mode] = process.argv.slice(2);
// the process's memory at its highest resident size, sampled every 100 ms
let peak = process.memoryUsage();
let peakStatus = '';
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) {
    peak = m;
    // resident memory by kind (anonymous: heaps and SQLite's page cache; file: code; shmem: SQLite's WAL index)
    peakStatus = fs.readFileSync('/proc/self/status', 'utf8');
  }
}, 100);
const t = performance.now();
const summary = await runImport(jobId!, { url: url!, validateInWorker: mode ? mode === 'worker' : undefined });
clearInterval(sampler);
const ms = performance.now() - t;
const ru = process.resourceUsage();
const mb = (n: number) => Math.round(n / (1 << 20));
const atPeak = {
  rss: mb(peak.rss),
  heapUsed: mb(peak.heapUsed),
  heapTotal: mb(peak.heapTotal),
  external: mb(peak.external),
  arrayBuffers: mb(peak.arrayBuffers),
  ...Object.fromEntries(
    ['RssAnon', 'RssFile', 'RssShmem'].map((k) => [
      k,
      Math.round(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(peakStatus)?.[1] ?? Number.NaN) / 1024),
    ]),
  ),
};
console.log(
  JSON.stringify({
    summary,
    ms,
    peakRssMb: ru.maxRSS / 1024,
    atPeak,
    userMs: ru.userCPUTime / 1000,
    sysMs: ru.systemCPUTime / 1000,
  }),
);
