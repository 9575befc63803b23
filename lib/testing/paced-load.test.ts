import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { latencySummary, nearestRank, pacedLoad, paceSchedule } from './paced-load';

describe('paceSchedule', () => {
  it('spaces requests evenly: 200/s is one every 5 ms', () => {
    const s = paceSchedule(200, 1);
    expect(s).toHaveLength(200);
    expect(s[1]).toBe(5);
    expect(s[199]).toBe(995);
    expect(paceSchedule(3, 1)).toEqual([0, 1000 / 3, 2000 / 3]);
    expect(paceSchedule(200, 2.5)).toHaveLength(500);
  });
  it('refuses a rate or duration that is not positive', () => {
    expect(() => paceSchedule(0, 1)).toThrow();
    expect(() => paceSchedule(200, -1)).toThrow();
  });
});

// expected values: numpy.percentile(x, p, method='inverted_cdf') (the nearest-rank definition) and numpy.mean
const X = [12.5, 0.4, 3.3, 7.7, 1.1, 250, 2.2, 9.9, 4.4, 0.8, 5.5, 6.6, 3, 2.9, 1.4, 8.8, 0.3, 11.2, 2.5, 4.9];
describe('nearestRank and latencySummary', () => {
  it('match numpy inverted_cdf percentiles', () => {
    const sorted = [...X].sort((a, b) => a - b);
    expect(nearestRank(sorted, 0.5)).toBe(3.3);
    expect(nearestRank(sorted, 0.9)).toBe(11.2);
    expect(nearestRank(sorted, 0.99)).toBe(250);
    const y = Array.from({ length: 1000 }, (_, i) => (i + 1) / 10);
    expect([0.5, 0.9, 0.99].map((p) => nearestRank(y, p))).toEqual([50, 90, 99]);
    expect(nearestRank([], 0.5)).toBeNaN();
  });
  it('summarises unsorted latencies to 0.1 ms', () => {
    expect(latencySummary(X)).toEqual({ p50: 3.3, p90: 11.2, p99: 250, max: 250, mean: 17 });
  });
});

describe('pacedLoad against a local server', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  /** a server that counts requests per client socket and runs `onRequest` for each (in arrival order) */
  async function start(onRequest: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const perSocket = new Map<number, number>();
    let n = 0;
    server = http.createServer((req, res) => {
      const port = req.socket.remotePort!;
      perSocket.set(port, (perSocket.get(port) ?? 0) + 1);
      onRequest(n++, req, res);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, perSocket };
  }

  it('spreads the requests over every connection, one untimed request each first', async () => {
    const { base, perSocket } = await start((_n, _req, res) => res.end('ok'));
    const r = await pacedLoad({ base, paths: ['/'], rate: 200, seconds: 1, connections: 10 });
    expect(r.requests).toBe(200);
    expect(r.errors + r.timeouts + r.non2xx).toBe(0);
    expect(r.perConnection).toEqual({ min: 20, max: 20 });
    expect([...perSocket.values()]).toEqual(new Array(10).fill(21));
  });

  it('counts a stall from the scheduled send time (no coordinated omission)', async () => {
    // the 100th request blocks this process (server and client alike) for 100 ms: requests due meanwhile go out late
    // and are answered at once, so only timing from the schedule shows their wait
    const { base } = await start((n, _req, res) => {
      if (n === 100) {
        const until = performance.now() + 100;
        while (performance.now() < until);
      }
      res.end('ok');
    });
    const r = await pacedLoad({ base, paths: ['/'], rate: 200, seconds: 1, connections: 10 });
    expect(r.requests).toBe(200);
    expect(r.lateMs.max).toBeGreaterThan(80);
    expect(r.latencyMs.max).toBeGreaterThan(95);
    expect(r.latencyMs.p99).toBeGreaterThan(80);
  });

  it('counts non-2xx answers and timeouts apart', async () => {
    const { base } = await start((_n, req, res) => {
      if (req.url === '/hang') return; // never answered
      res.statusCode = req.url === '/fail' ? 503 : 200;
      res.end();
    });
    const r = await pacedLoad({
      base,
      paths: ['/', '/fail', '/hang', '/'],
      rate: 40,
      seconds: 1,
      connections: 4,
      timeoutMs: 300,
    });
    expect(r).toMatchObject({ requests: 30, non2xx: 10, timeouts: 10, errors: 0 });
  });
});
