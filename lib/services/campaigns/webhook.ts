import 'server-only';
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { AppError } from '@/lib/errors';

/**
 * Signed webhook calls to a marketer's sending system (reliability-notes: https only; DNS resolved here and every
 * answer checked against private, loopback, link-local and mapped ranges inside the socket lookup, so a name cannot
 * be re-pointed between check and connect; no redirects; timeouts; capped response bodies).
 */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

const blocked = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net4, bits, 'ipv4');
}
for (const [net6, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
  ['2002::', 16],
] as const) {
  blocked.addSubnet(net6, bits, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad included), or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parts = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The IPv4 address inside an IPv4-compatible (::a.b.c.d, also written ::7f00:1), IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-translated (::ffff:0:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address, in any spelling.
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedded =
    (zeros(6) && (g[6] !== 0 || g[7]! > 1)) ||
    (zeros(5) && g[5] === 0xffff) ||
    (zeros(4) && g[4] === 0xffff && g[5] === 0) ||
    (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  if (!embedded) return null;
  return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
}

/** Whether an IP address is in a range a webhook must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 4) return blocked.check(address, 'ipv4');
  const v4 = embeddedIpv4(address);
  if (v4) return blocked.check(v4, 'ipv4');
  return blocked.check(address, 'ipv6');
}

export class WebhookError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** Parses and checks a webhook URL: https, no credentials, and no literal private address. */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookError('The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'https:') throw new WebhookError('Webhooks must use https.');
  if (url.username || url.password) throw new WebhookError('The webhook URL must not contain credentials.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && isBlockedAddress(host))
    throw new WebhookError('The webhook URL points to a private or local address.');
  if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(host))
    throw new WebhookError('The webhook URL points to a private or local address.');
  return url;
}

/**
 * Whether a webhook URL would be refused for pointing inside: a literal private address or local name, or a host
 * whose DNS answers include one. A host that does not resolve (yet) is not judged here; delivery checks again.
 */
export async function pointsInside(raw: string): Promise<boolean> {
  let url: URL;
  try {
    url = checkWebhookUrl(raw);
  } catch (e) {
    return e instanceof WebhookError && /private or local/.test(e.message);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return false;
  const answers = await dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => []);
  return answers.some((a) => isBlockedAddress(a.address));
}

/** Refused when a campaign is saved, not only at delivery (the address is never echoed). */
export async function requirePublicWebhook(url: string | null) {
  if (!url || !(await pointsInside(url))) return;
  const key = 'campaigns.errors.webhookPrivate';
  throw new AppError('INVALID_INPUT', key, undefined, { fieldErrors: { webhookUrl: [{ key }] } });
}

/** A socket lookup that resolves every address and refuses the connection if any of them is private. */
export function safeLookup(allowPrivate = false): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isBlockedAddress(a.address));
      if (!list.length || (bad && !allowPrivate))
        return callback(
          // The address itself is not repeated: marketers read this message, and it would map the internal network.
          new WebhookError('The webhook host resolves to a private or local address.'),
          '',
          4,
        );
      const first = list[0]!;
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — verify by recomputing over the raw body. */
export function signPayload(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookResult = { status: number; body: string };

/**
 * POSTs a signed JSON body. Any 3xx is a failure (redirects are never followed); non-2xx answers throw with their
 * status. `allowPrivate` and `ca` exist for tests against a local server only.
 */
export function postSigned(
  rawUrl: string,
  {
    secret,
    body,
    event,
    deliveryId,
    allowPrivate = false,
    ca,
    timeoutMs = WEBHOOK_TIMEOUT_MS,
  }: {
    secret: string;
    body: string;
    event: string;
    deliveryId: string;
    allowPrivate?: boolean;
    ca?: string;
    timeoutMs?: number;
  },
): Promise<WebhookResult> {
  let url: URL;
  try {
    url = allowPrivate ? new URL(rawUrl) : checkWebhookUrl(rawUrl);
  } catch (e) {
    return Promise.reject(e instanceof WebhookError ? e : new WebhookError('The webhook URL is not a valid URL.'));
  }
  if (url.protocol !== 'https:') return Promise.reject(new WebhookError('Webhooks must use https.'));
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        lookup: safeLookup(allowPrivate),
        ca,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Precisa-Webhook/1',
          'x-precisa-event': event,
          'x-precisa-delivery': deliveryId,
          'x-precisa-signature': signPayload(secret, body, timestamp),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= WEBHOOK_MAX_RESPONSE_BYTES) chunks.push(c);
          else res.destroy();
        });
        res.on('error', () => undefined);
        res.on('close', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8').slice(0, 2000);
          if (status >= 200 && status < 300) resolve({ status, body: text });
          else
            reject(
              new WebhookError(
                status >= 300 && status < 400
                  ? `The receiver answered ${status} (redirects are not followed).`
                  : `The receiver answered ${status}.`,
                status,
              ),
            );
        });
      },
    );
    const overall = setTimeout(
      () => req.destroy(new WebhookError(`No answer within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    req.on('timeout', () => req.destroy(new WebhookError(`No answer within ${timeoutMs / 1000} s.`)));
    req.on('error', (e) => {
      clearTimeout(overall);
      reject(e instanceof WebhookError ? e : new WebhookError(e.message));
    });
    req.on('close', () => clearTimeout(overall));
    req.end(body);
  });
}
