import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkWebhookUrl, isBlockedAddress, pointsInside, postSigned, signPayload } from './webhook';
import { hasOpenssl, startHttpsServer } from '@/lib/testing/webhook-server';

describe('webhook safety', () => {
  test.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::127.0.0.1', true],
    ['::7f00:1', true],
    ['::a00:1', true],
    ['0:0:0:0:0:ffff:7f00:1', true],
    ['::ffff:0:127.0.0.1', true],
    ['64:ff9b::7f00:1', true],
    ['::2', true],
    ['::808:808', false],
    ['64:ff9b::10.0.0.1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['2606:4700:4700::1111', false],
    ['::ffff:8.8.8.8', false],
    ['not an ip', true],
  ])('%s blocked: %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  test('only https URLs without credentials or literal private hosts', () => {
    expect(() => checkWebhookUrl('http://example.com/hook')).toThrow(/https/);
    expect(() => checkWebhookUrl('https://user:pw@example.com/hook')).toThrow(/credentials/);
    expect(() => checkWebhookUrl('https://127.0.0.1/hook')).toThrow(/private/);
    expect(() => checkWebhookUrl('https://[::1]/hook')).toThrow(/private/);
    expect(() => checkWebhookUrl('https://localhost/hook')).toThrow(/private/);
    for (const host of ['[::127.0.0.1]', '[::7f00:1]', '[::ffff:127.0.0.1]', '[0:0:0:0:0:ffff:a9fe:a9fe]'])
      expect(() => checkWebhookUrl(`https://${host}/hook`), host).toThrow(/private/);
    expect(checkWebhookUrl('https://hooks.example.com/x').hostname).toBe('hooks.example.com');
  });

  test('saving judges literal addresses, local names and names that resolve inside', async () => {
    expect(await pointsInside('https://[::7f00:1]/hook')).toBe(true);
    expect(await pointsInside('https://localhost/hook')).toBe(true);
    expect(await pointsInside('https://8.8.8.8/hook')).toBe(false);
    expect(await pointsInside('http://example.com/hook')).toBe(false); // not https: the schema refuses it instead
    expect(await pointsInside('https://no-such-host.invalid/hook')).toBe(false);
    if (loopbackName) expect(await pointsInside(`https://${loopbackName}/hook`)).toBe(true);
  });

  test('the signature is HMAC-SHA256 of "<t>.<body>"', () => {
    const sig = signPayload('whsec_test', '{"a":1}', 1700000000);
    expect(sig).toBe(
      `t=1700000000,v1=${createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex')}`,
    );
  });

  // a host name (from /etc/hosts) that passes the name check but resolves to loopback
  const loopbackName = (() => {
    try {
      const line = fs
        .readFileSync('/etc/hosts', 'utf8')
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .find((p) => p[0]?.startsWith('127.') && p.slice(1).some((n) => n && !/localhost/.test(n)));
      return line?.slice(1).find((n) => !/localhost/.test(n)) ?? null;
    } catch {
      return null;
    }
  })();

  test.skipIf(!loopbackName)('a name that resolves to loopback is refused by the socket lookup', async () => {
    await expect(
      postSigned(`https://${loopbackName}/hook`, { secret: 's', body: '{}', event: 'x', deliveryId: 'd' }),
    ).rejects.toThrow(/^The webhook host resolves to a private or local address\.$/); // no internal IP shown
  });

  test('a literal private address is refused before any connection', async () => {
    await expect(
      postSigned('https://127.0.0.1:9/hook', { secret: 's', body: '{}', event: 'x', deliveryId: 'd' }),
    ).rejects.toThrow(/private/);
  });
});

describe.skipIf(!hasOpenssl())('webhook calls against a local https server', () => {
  let server: Awaited<ReturnType<typeof startHttpsServer>>;
  beforeAll(async () => {
    server = await startHttpsServer((r, res) => {
      if (r.headers['x-precisa-delivery'] === 'redirect') {
        res.writeHead(302, { location: 'https://example.com/' }).end();
      } else if (r.headers['x-precisa-delivery'] === 'slow') {
        setTimeout(() => res.writeHead(200).end('late'), 2_000);
      } else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  afterAll(() => server.close());

  test('posts a signed body the receiver can verify', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const r = await postSigned(`${server.url}/hook`, {
      secret: 'whsec_x',
      body,
      event: 'campaign.audience',
      deliveryId: 'd1',
      allowPrivate: true,
      ca: server.ca,
    });
    expect(r.status).toBe(200);
    const got = server.received.at(-1)!;
    const [t, v1] = String(got.headers['x-precisa-signature'])
      .split(',')
      .map((p) => p.split('=')[1]!);
    expect(createHmac('sha256', 'whsec_x').update(`${t}.${got.body}`).digest('hex')).toBe(v1);
    expect(got.headers['x-precisa-event']).toBe('campaign.audience');
  });

  test('the same local server is refused without the test-only switch', async () => {
    await expect(
      postSigned(`${server.url}/hook`, { secret: 's', body: '{}', event: 'x', deliveryId: 'd2', ca: server.ca }),
    ).rejects.toThrow(/private|local/);
  });

  test('redirects are not followed and slow receivers time out', async () => {
    await expect(
      postSigned(`${server.url}/hook`, {
        secret: 's',
        body: '{}',
        event: 'x',
        deliveryId: 'redirect',
        allowPrivate: true,
        ca: server.ca,
      }),
    ).rejects.toThrow(/302/);
    await expect(
      postSigned(`${server.url}/hook`, {
        secret: 's',
        body: '{}',
        event: 'x',
        deliveryId: 'slow',
        allowPrivate: true,
        ca: server.ca,
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/No answer/);
  });
});
