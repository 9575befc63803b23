// The three loads bench/recommend-api.ts puts on each scenario: saturated (autocannon, `connections` connections as
// fast as the server answers), paced (lib/testing/paced-load.ts: `rate` requests/s evenly spaced over the same
// connections, open loop, latency from each request's scheduled time) and sequential (autocannon, one connection).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { pacedLoad } from '../lib/testing/paced-load';

export type Scenario = { name: string; paths: string[]; auth: boolean };
export type LoadSettings = { seconds: number; connections: number; rate: number; key: string };

/** Closed loop: each connection sends its next request when the previous one is answered. */
async function closedLoad(base: string, s: Scenario, o: LoadSettings, connections: number) {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: o.seconds,
    headers: headers(s, o),
    requests: [{ setupRequest: (req) => ({ ...req, path: s.paths[i++ % s.paths.length]! }) }],
  });
  const l = result.latency;
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    latencyMs: { p50: l.p50, p90: l.p90, p99: l.p99, max: l.max, mean: Math.round(l.average * 100) / 100 },
  };
}

const headers = (s: Scenario, o: LoadSettings): Record<string, string> =>
  s.auth ? { authorization: `Bearer ${o.key}` } : {};

type ProbeWindow = {
  at: number;
  delayMaxMs: number;
  delayP99Ms: number;
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
  gcMaxKind: string;
};

/**
 * What the server processes' probes (bench/storefront-probe.ts) saw between `from` and `to`: the longest event-loop
 * delay, the share of 500 ms windows with one over 10 ms (and of those, how many had a GC pause over 5 ms), the longest
 * GC pause and its kind, GC time per second of each process.
 */
export function probeSummary(dir: string, from: number, to: number) {
  const windows: ProbeWindow[] = fs
    .readdirSync(dir)
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProbeWindow)
    .filter((w) => w.at > from && w.at <= to + 500);
  const longest = (k: 'delayMaxMs' | 'gcMaxMs') => windows.reduce((a, w) => (w[k] > a[k] ? w : a), windows[0]!);
  const stalled = windows.filter((w) => w.delayMaxMs > 10);
  const seconds = windows.length * 0.5 || 1;
  return {
    windows: windows.length,
    eventLoopDelayMaxMs: longest('delayMaxMs').delayMaxMs,
    windowsWithDelayOver10Ms: stalled.length,
    ofThemWithGcOver5Ms: stalled.filter((w) => w.gcMaxMs > 5).length,
    gcMaxMs: longest('gcMaxMs').gcMaxMs,
    gcMaxKind: longest('gcMaxMs').gcMaxKind,
    gcMsPerSecond: Math.round((windows.reduce((a, w) => a + w.gcMs, 0) / seconds) * 10) / 10,
  };
}

/**
 * Saturated, paced and sequential, one after another, against `base`; prints one line. With `probeDir`, the paced
 * leg also reports what the server's processes saw meanwhile (`probeSummary`).
 */
export async function measure(base: string, s: Scenario, o: LoadSettings, label = s.name, probeDir?: string) {
  const saturated = await closedLoad(base, s, o, o.connections);
  const pacedFrom = Date.now();
  const pacedRun = await pacedLoad({
    base,
    paths: s.paths,
    headers: headers(s, o),
    rate: o.rate,
    seconds: o.seconds,
    connections: o.connections,
  });
  // the machine is shared: the 1-minute load average at the end of the paced leg says how busy it was
  const loadAverage1m = Math.round(os.loadavg()[0]! * 10) / 10;
  const paced = probeDir
    ? { ...pacedRun, loadAverage1m, server: probeSummary(probeDir, pacedFrom, Date.now()) }
    : { ...pacedRun, loadAverage1m };
  const sequential = await closedLoad(base, s, o, 1);
  const line = (r: typeof saturated) =>
    `${r.rps} req/s p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms errors ${r.errors + r.timeouts}+${r.non2xx}`;
  console.log(
    `${label.padEnd(25)} ${o.connections} conns: ${line(saturated)} | ${o.rate} req/s paced: ${line(paced)} (client late p99 ${paced.lateMs.p99} ms, load ${loadAverage1m}${'server' in paced ? `, server loop delay max ${paced.server.eventLoopDelayMaxMs} ms, GC max ${paced.server.gcMaxMs} ms` : ''}) | 1 conn: ${line(sequential)}`,
  );
  return { saturated, paced, sequential };
}
