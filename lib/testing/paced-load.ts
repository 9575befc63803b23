/**
 * An open-loop, evenly paced HTTP load for benchmarks: `rate` requests a second, one every 1000 / rate ms, each sent
 * when due whether or not earlier ones have been answered, over `connections` keep-alive connections (request i on
 * connection i % connections, so each connection carries one request every connections / rate seconds and the
 * connections' turns are staggered across that interval). Latency runs from each request's scheduled time, so a
 * stalled server or a late client timer is counted in full (no coordinated omission).
 *
 * Why not autocannon's `overallRate`/`connectionRate`: they give each connection a per-second quota that it spends
 * as fast as it can when the one-second timer fires (autocannon/lib/httpClient.js), so a second's requests go out as
 * one burst, and time runs from the actual send. One `http.Agent` per connection (maxSockets 1) rather than one shared
 * agent: a shared agent reuses whichever socket is free, so at a low rate a couple of sockets would carry everything
 * (and, behind node:cluster, land on one process) while the rest stay idle.
 */
import http from 'node:http';

/** When each request is due, in ms from the start: request i at i × 1000 / rate. */
export function paceSchedule(rate: number, seconds: number): number[] {
  if (!(rate > 0) || !(seconds > 0)) throw new Error('rate and seconds must be positive');
  const interval = 1000 / rate;
  return Array.from({ length: Math.round(rate * seconds) }, (_, i) => i * interval);
}

/** The nearest-rank percentile of ascending values: the smallest value with at least p of them at or below it. */
export function nearestRank(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** p50, p90, p99, max and mean of latencies in ms, to 0.1 ms. */
export function latencySummary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    p50: round1(nearestRank(sorted, 0.5)),
    p90: round1(nearestRank(sorted, 0.9)),
    p99: round1(nearestRank(sorted, 0.99)),
    max: round1(sorted.at(-1) ?? Number.NaN),
    mean: round1(mean),
  };
}

export type PacedLoadOptions = {
  /** e.g. http://127.0.0.1:3001 */
  base: string;
  /** request i asks for paths[i % paths.length] */
  paths: string[];
  headers?: Record<string, string>;
  rate: number;
  seconds: number;
  connections: number;
  /** a request not answered within this is counted as a timeout (default 10 s) */
  timeoutMs?: number;
};

/**
 * Runs the paced load and waits for every request to end. Each connection first answers one untimed request (so
 * the timed run starts on open keep-alive connections, as a shop's steady traffic does). `latencyMs` is from the
 * scheduled time to the response's last byte; `lateMs` is how late the client's timer sent requests (part of
 * `latencyMs`, reported apart so that client lag can be told from server delay); `perConnection` the requests each
 * connection carried (min and max).
 */
export async function pacedLoad(o: PacedLoadOptions) {
  const url = new URL(o.base);
  const agents = Array.from({ length: o.connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const send = (i: number, agent: http.Agent) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: o.paths[i % o.paths.length],
          headers: o.headers,
          agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new TimeoutError()));
      req.on('error', reject);
      req.end();
    });
  try {
    await Promise.all(agents.map((a, i) => send(i, a).catch(() => 0))); // a failing path shows in the timed run
    const schedule = paceSchedule(o.rate, o.seconds);
    const latencies: number[] = [];
    const late: number[] = [];
    const carried = new Array<number>(o.connections).fill(0);
    const counts = { errors: 0, timeouts: 0, non2xx: 0 };
    const start = performance.now();
    const pending: Promise<void>[] = [];
    const fire = (i: number) => {
      const due = start + schedule[i]!;
      late.push(performance.now() - due);
      carried[i % o.connections]!++;
      pending.push(
        send(i, agents[i % o.connections]!).then(
          (status) => {
            latencies.push(performance.now() - due);
            if (status < 200 || status > 299) counts.non2xx++;
          },
          (e) => {
            if (e instanceof TimeoutError) counts.timeouts++;
            else counts.errors++;
          },
        ),
      );
    };
    await new Promise<void>((done) => {
      let next = 0;
      const tick = () => {
        const now = performance.now() - start;
        while (next < schedule.length && schedule[next]! <= now) fire(next++);
        if (next < schedule.length) setTimeout(tick, schedule[next]! - (performance.now() - start));
        else done();
      };
      tick();
    });
    await Promise.all(pending);
    const elapsed = (performance.now() - start) / 1000;
    return {
      requests: latencies.length,
      rps: Math.round(latencies.length / elapsed),
      ...counts,
      latencyMs: latencySummary(latencies),
      lateMs: {
        p99: round1(
          nearestRank(
            late.sort((a, b) => a - b),
            0.99,
          ),
        ),
        max: round1(late.at(-1) ?? 0),
      },
      perConnection: { min: Math.min(...carried), max: Math.max(...carried) },
    };
  } finally {
    for (const a of agents) a.destroy();
  }
}

class TimeoutError extends Error {}
