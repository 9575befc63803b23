/**
 * The storefront server's request handler: the four APIs a shop's traffic hits, on plain `node:http` instead of Next
 * (Next's routing, rendering pipeline and response objects cost ~1 ms of CPU a request; the use-cases below answer in
 * ~0.2 ms). Same use-cases, same API-key checks, same JSON bodies and error shapes as the routes under app/api/v1.
 * Hand-written rather than a framework: four routes and one body reader do not need a router package.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, bodyTooLarge, errorBody } from '@/lib/errors';
import { messageIn } from '@/lib/i18n/message-ref';
import { DEFAULT_LOCALE, localeFromHeader } from '@/lib/i18n/translate';
import { isHttpsRequest } from '@/lib/security/headers';
import { authenticateApiKey } from '@/lib/services/api-keys';
import { authorizeScope } from '@/lib/services/auth/actor';
import { assignmentForStorefront } from '@/lib/services/campaigns';
import { MAX_BODY_BYTES, receiveEvents } from '@/lib/services/events/api';
import { recommendForCustomer, similarProducts } from '@/lib/services/recommendations';

export type StorefrontOptions = {
  /** how long an API key's row and a customer's answer are reused (revocation reaches this process within it) */
  cacheMs: number;
  /**
   * how long a known customer's live answer is reused while nothing of theirs changed (their new events end it; it
   * drifts only with trending counters); `cacheMs` when absent
   */
  liveAnswerMs?: number;
  /** the public URL (https there turns HSTS on) */
  publicUrl?: string;
};

/** `bytes`: the body already serialised (a cached answer's, reused) */
type Reply = { status: number; body: unknown; headers?: Record<string, string>; bytes?: Buffer };
type Route = (req: IncomingMessage, url: URL, match: RegExpExecArray, opts: StorefrontOptions) => Promise<Reply>;

const ROUTES: { method: string; path: RegExp; run: Route }[] = [
  { method: 'GET', path: /^\/api\/health$/, run: async () => ({ status: 200, body: { ok: true } }) },
  {
    method: 'GET',
    path: /^\/api\/v1\/recommendations$/,
    run: async (req, url, _m, opts) => {
      const actor = authorizeScope(await key(req, opts), 'recommendations:read');
      const query = {
        lang: localeFromHeader(req.headers['accept-language'] ?? null),
        ...Object.fromEntries(url.searchParams),
      };
      const list = await recommendForCustomer(actor, query, opts);
      return { status: 200, body: list, bytes: serialised(list) };
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/products\/([^/]+)\/similar$/,
    run: async (req, url, m, opts) => {
      const actor = authorizeScope(await key(req, opts), 'recommendations:read');
      // Only k and lang come from the query: the product is the path's, whatever else the query says.
      const query = {
        lang: url.searchParams.get('lang') ?? localeFromHeader(req.headers['accept-language'] ?? null),
        k: url.searchParams.get('k') ?? undefined,
        product: decodeURIComponent(m[1]!),
      };
      const answer = await similarProducts(actor, query);
      return { status: 200, body: answer, bytes: serialised(answer) };
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/campaigns\/([^/]+)\/assignment$/,
    run: async (req, url, m, opts) => {
      const answer = await assignmentForStorefront(await key(req, opts), {
        campaignId: decodeURIComponent(m[1]!),
        customer: url.searchParams.get('customer') ?? '',
      });
      return { status: 200, body: answer };
    },
  },
  {
    method: 'POST',
    path: /^\/api\/v1\/events$/,
    run: async (req, _url, _m, opts) => {
      const actor = await key(req, opts);
      if (!actor) throw new AppError('UNAUTHORIZED', 'errors.apiKeyHeader');
      const bodyText = await readCapped(req, MAX_BODY_BYTES);
      const idempotencyKey = header(req, 'idempotency-key');
      const out = await receiveEvents(actor, { bodyText, idempotencyKey });
      return {
        status: out.status,
        body: out.body,
        headers: out.replayed ? { 'idempotent-replayed': 'true' } : undefined,
      };
    },
  },
];

/** Answers one request; never throws (an unexpected error is logged and answered 500 with the generic message). */
export function storefrontHandler(opts: StorefrontOptions) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(req, opts).then(
      (reply) => send(req, res, reply, opts),
      (e) => {
        console.error('[storefront] unexpected error', e);
        send(
          req,
          res,
          {
            status: 500,
            body: { error: { code: 'INTERNAL', message: messageIn(DEFAULT_LOCALE, { key: 'errors.generic' }) } },
          },
          opts,
        );
      },
    );
  };
}

async function handle(req: IncomingMessage, opts: StorefrontOptions): Promise<Reply> {
  try {
    const url = new URL(req.url ?? '/', 'http://storefront.invalid');
    if (!decodable(url.pathname)) {
      const err = errorBody(new AppError('INVALID_INPUT', 'errors.badUrl'), DEFAULT_LOCALE)!;
      return { status: 400, body: err.body };
    }
    const matching = ROUTES.map((r) => ({ r, m: r.path.exec(url.pathname) })).filter((x) => x.m);
    if (!matching.length) throw new AppError('NOT_FOUND', 'errors.storefrontNotFound', { path: url.pathname });
    const route = matching.find((x) => x.r.method === req.method);
    if (!route) {
      const allow = matching.map((x) => x.r.method).join(', ');
      const err = errorBody(
        new AppError('INVALID_INPUT', 'errors.methodNotAllowed', { method: req.method ?? '', allow }),
        DEFAULT_LOCALE,
      )!;
      return { status: 405, body: err.body, headers: { allow } };
    }
    return await route.r.run(req, url, route.m!, opts);
  } catch (e) {
    const expected = errorBody(e, DEFAULT_LOCALE);
    if (!expected) throw e;
    const headers: Record<string, string> = expected.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return { status: expected.status, body: expected.body, headers };
  }
}

/**
 * The JSON bytes of an answer object, kept while the object lives: a cached answer (the same object each time it is
 * reused) is serialised once. Answers are never modified after they are returned.
 */
const bytesOf = new WeakMap<object, Buffer>();
function serialised(answer: object) {
  let bytes = bytesOf.get(answer);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(answer));
    bytesOf.set(answer, bytes);
  }
  return bytes;
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, opts: StorefrontOptions) {
  const body = reply.bytes ?? Buffer.from(JSON.stringify(reply.body));
  const https = isHttpsRequest(header(req, 'x-forwarded-proto'), opts.publicUrl);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    ...reply.headers,
  });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function key(req: IncomingMessage, opts: StorefrontOptions) {
  return authenticateApiKey(header(req, 'authorization'), { cacheMs: opts.cacheMs });
}

/** Malformed %-encoding in the path is answered 400 before routing, so every route can decode its segments. */
function decodable(path: string) {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The request body as text, refused (413) past `max` bytes, whether declared in Content-Length or streamed. */
function readCapped(req: IncomingMessage, max: number): Promise<string> {
  const tooLarge = () => bodyTooLarge(max);
  if (Number(header(req, 'content-length') ?? 0) > max) {
    req.resume(); // the rest is read and dropped, so the connection stays usable
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => size <= max && resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
