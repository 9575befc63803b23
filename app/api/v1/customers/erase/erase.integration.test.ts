import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { issueApiKey } from '@/lib/services/api-keys';
import type { UserActor } from '@/lib/services/auth/actor';
import { runImport } from '@/lib/services/imports/run-import';
import { testActors } from '@/lib/testing/db/seed-shop';
import { POST } from './route';

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-erase-api-'));
process.env.PRECISA_DATA_DIR = DIR;

const HEADER = 'customer_id,name,email,phone,consent_email';
async function importCustomers(admin: UserActor, rows: string[]) {
  const file = path.join(DIR, `customers-${Date.now()}.csv`);
  fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
  const job = await db.importJob.create({
    data: {
      kind: 'customers',
      fileName: 'c.csv',
      filePath: file,
      fileSize: fs.statSync(file).size,
      fileSha256: 't',
      createdById: admin.userId,
    },
  });
  expect((await runImport(job.id)).status).toBe('completed');
}

const post = (key: string | null, body: string) =>
  POST(
    new NextRequest('http://localhost/api/v1/customers/erase', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    }),
  );

describe('POST /api/v1/customers/erase', () => {
  let admin: UserActor;
  let eraseKey: string;
  let eventsKey: string;

  beforeAll(async () => {
    admin = (await testActors()).admin;
    eraseKey = (await issueApiKey(admin, { name: 'privacy desk', scopes: ['customers:erase'] })).key;
    eventsKey = (await issueApiKey(admin, { name: 'shop', scopes: ['events:write'] })).key;
    await importCustomers(admin, [
      'API-1,Ada Api,ada.api@example.com,+8613900000001,true',
      'API-2,Bo Api,bo@example.com,,true',
    ]);
  });
  afterAll(async () => {
    await closeConnections();
    fs.rmSync(DIR, { recursive: true, force: true });
  });

  test('keys without the scope, no key and bad bodies are refused with 4xx', async () => {
    expect((await post(null, '{}')).status).toBe(401);
    expect((await post(eventsKey, JSON.stringify({ by: 'email', value: 'ada.api@example.com' }))).status).toBe(403);
    expect((await post(eraseKey, 'not json')).status).toBe(422);
    expect((await post(eraseKey, JSON.stringify({ by: 'email' }))).status).toBe(422);
    expect((await post(eraseKey, JSON.stringify({ by: 'email', value: 'nobody@example.com' }))).status).toBe(404);
    // over 8 MB, sent as a stream that declares no length: refused while reading, not parsed
    const big = new TextEncoder().encode(`{"by":"email","values":[${'"a@example.com",'.repeat(600_000)}""]}`);
    const streamed = await POST(
      new NextRequest('http://localhost/api/v1/customers/erase', {
        method: 'POST',
        body: new ReadableStream({
          start(c) {
            c.enqueue(big);
            c.close();
          },
        }),
        headers: { authorization: `Bearer ${eraseKey}` },
        duplex: 'half',
      } as ConstructorParameters<typeof NextRequest>[1]),
    );
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: 'TOO_LARGE', key: 'errors.bodyTooLarge' } });
  });

  test('erases by phone and answers the receipt; a re-import of the e-mail makes a new customer', async () => {
    const old = await db.customer.findUniqueOrThrow({ where: { externalId: 'API-1' } });
    const res = await post(eraseKey, JSON.stringify({ by: 'phone', value: '+8613900000001' }));
    expect(res.status).toBe(200);
    const { receipts } = (await res.json()) as { receipts: { actorType: string; counts: { customer: number } }[] };
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ actorType: 'api_key', counts: { customer: 1 } });
    expect(await db.customer.count({ where: { email: 'ada.api@example.com' } })).toBe(0);

    await importCustomers(admin, ['API-1,Ada Api,ada.api@example.com,+8613900000001,false']);
    const again = await db.customer.findUniqueOrThrow({ where: { externalId: 'API-1' } });
    expect(again.id).not.toBe(old.id);
    expect(again.consentEmail).toBe(false);
    expect(await db.customerProfile.count({ where: { customerId: again.id } })).toBe(0);
  });

  test('many identifiers queue a job (202) whose payload names no one', async () => {
    const res = await post(eraseKey, JSON.stringify({ by: 'externalId', values: ['API-2'] }));
    expect(res.status).toBe(202);
    const { jobId, customers } = (await res.json()) as { jobId: string; customers: number };
    expect(customers).toBe(1);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.type).toBe('erase-customers');
    expect(JSON.stringify(job.payload)).not.toMatch(/API-2|bo@example/);
  });
});
