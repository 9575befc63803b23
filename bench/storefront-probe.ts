// Loaded into the storefront server's processes by bench/recommend-api.ts (node --import, which cluster workers
// inherit) when STOREFRONT_PROBE_DIR is set: each serving process appends, every 500 ms, its event-loop delay (the
// longest time a ready callback waited, from perf_hooks.monitorEventLoopDelay) and its garbage-collection pauses in
// that window to <dir>/<pid>.jsonl, so the benchmark can tell a slow answer from a stalled process.
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

// perf_hooks.constants.NODE_PERFORMANCE_GC_*: 1 minor (scavenge), 2 major (mark-compact), 4 incremental, 8 weak callbacks
const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
const dir = process.env.STOREFRONT_PROBE_DIR;
if (dir && !cluster.isPrimary) {
  const file = path.join(dir, `${process.pid}.jsonl`);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let gc = { count: 0, ms: 0, maxMs: 0, maxKind: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
      if (e.duration > gc.maxMs) {
        gc.maxMs = e.duration;
        gc.maxKind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const line = {
      at: Date.now(),
      delayMaxMs: ms(delay.max),
      delayP99Ms: ms(delay.percentile(99)),
      gcCount: gc.count,
      gcMs: Math.round(gc.ms * 100) / 100,
      gcMaxMs: Math.round(gc.maxMs * 100) / 100,
      gcMaxKind: GC_KINDS[gc.maxKind] ?? String(gc.maxKind),
    };
    delay.reset();
    gc = { count: 0, ms: 0, maxMs: 0, maxKind: 0 };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 500).unref();
}
