// The warm-up work of the memory benchmark (bench/memory.ts), over HTTP as a browser and a shop would send it: an
// admin signed in through next-auth's credentials endpoint opening the main pages, and a storefront asking for
// recommendations and similar items with an API key.
import type { SegmentDefinition } from '../lib/schemas/segment';

export type Prepared = {
  key: string;
  segmentId: number;
  segmentName: string;
  campaignId: number;
  campaignName: string;
  customerIds: number[];
  externalIds: string[];
  skus: string[];
};

/** Cookies as a browser keeps them: the latest value per name. */
class CookieJar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Signs in through the real sign-in (CSRF token, then the credentials callback); returns the cookie header. */
export async function signIn(base: string, email: string, password: string) {
  const jar = new CookieJar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  jar.take(res);
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie: jar.header() } })).json()) as {
    userId?: string;
  };
  if (!session.userId) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return jar.header();
}

type Timed = { path: string; status: number; ms: number };

/** One request, timed; anything but a 200 whose body shows `expect` (the page's own content) stops the benchmark. */
async function timedFetch(base: string, path: string, init: RequestInit, expect: string): Promise<Timed> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  const body = await res.text();
  const r = { path, status: res.status, ms: Math.round(performance.now() - t) };
  if (res.status !== 200 || !body.includes(expect))
    throw new Error(
      `${init.method ?? 'GET'} ${path}: ${res.status}, "${expect}" ${body.includes(expect) ? '' : 'not '}found`,
    );
  return r;
}

/**
 * `rounds` passes (from `firstRound`, which picks the customers) over the dashboard, the segments list, the nested segment's page, its live count (the builder's
 * preview of the same definition), five customers' portraits, the campaigns list and the campaign's results page.
 */
export async function appWork(
  base: string,
  cookie: string,
  prep: Prepared,
  definition: SegmentDefinition,
  rounds: number,
  firstRound = 0,
) {
  const get = (path: string, expect: string) => timedFetch(base, path, { headers: { cookie } }, expect);
  const done: Timed[] = [];
  for (let round = firstRound; round < firstRound + rounds; round++) {
    done.push(await get('/', 'Dashboard'));
    done.push(await get('/segments', prep.segmentName));
    done.push(await get(`/segments/${prep.segmentId}`, prep.segmentName));
    const preview = { method: 'POST', body: JSON.stringify({ definition, segmentId: prep.segmentId }) };
    const headers = { cookie, origin: base, 'content-type': 'application/json' };
    done.push(await timedFetch(base, '/api/segments/preview', { ...preview, headers }, '"total"'));
    for (let i = round * 5; i < round * 5 + 5; i++)
      done.push(await get(`/customers/${prep.customerIds[i]}`, prep.externalIds[i]!));
    done.push(await get('/campaigns', prep.campaignName));
    done.push(await get(`/campaigns/${prep.campaignId}`, prep.campaignName));
  }
  const byPath = new Map<string, number[]>();
  for (const r of done) {
    const key = r.path.replace(/\/\d+$/, '/[id]');
    byPath.set(key, [...(byPath.get(key) ?? []), r.ms]);
  }
  return {
    requests: done.length,
    medianMs: Object.fromEntries(
      [...byPath].map(([k, ms]) => [k, [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!]),
    ),
  };
}

/**
 * `total` storefront requests, `concurrency` at a time: of every eight, five recommendation lists for known customers,
 * one for a new visitor (cold start) and two similar-items lists.
 */
export async function storefrontWork(base: string, prep: Prepared, total: number, concurrency: number) {
  const recommend = (customer: string) => `/api/v1/recommendations?customer=${encodeURIComponent(customer)}&k=10`;
  const path = (i: number) =>
    i % 8 >= 6
      ? `/api/v1/products/${encodeURIComponent(prep.skus[i % prep.skus.length]!)}/similar?k=10`
      : i % 8 === 5
        ? recommend(`visitor-${i}`)
        : recommend(prep.externalIds[i % prep.externalIds.length]!);
  const sources: Record<string, number> = {};
  let next = 0;
  const t = performance.now();
  const client = async () => {
    while (next < total) {
      const i = next++;
      const res = await fetch(`${base}${path(i)}`, { headers: { authorization: `Bearer ${prep.key}` } });
      if (res.status !== 200) throw new Error(`storefront ${path(i)}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { source?: string };
      const source = body.source ?? 'similar';
      sources[source] = (sources[source] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { requests: total, seconds: +((performance.now() - t) / 1000).toFixed(1), sources };
}
