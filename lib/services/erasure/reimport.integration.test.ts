import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { databaseUrl } from '@/lib/db/url';
import type { UserActor } from '@/lib/services/auth/actor';
import { createImportJob } from '@/lib/testing/db/scratch';
import { testActors } from '@/lib/testing/db/seed-shop';
import { savePreferences } from '../email/preferences';
import { signRecipient } from '../email/tokens';
import { runImport } from '../imports/run-import';
import { eraseCustomer } from './erase';

// Consent after erasure: a re-imported e-mail or phone of an erased customer gets no consent until consent is given
// again after the erasure (a consent_date later than the erasure, or the person's preference page).
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-reimport-'));
process.env.PRECISA_DATA_DIR = path.join(DIR, 'data');

const HEADER = 'customer_id,name,email,phone,consent_email,consent_sms,consent_push';
const ROWS = [
  'RI-1,Ada Erased,ada@example.com,+8613800000001,1,1,1',
  'RI-2,Bo Kept,bo@example.com,+8613800000002,1,0,1',
];

let n = 0;
/** Imports a customers file (a new upload each time, as a user would make it). */
async function importCustomers(lines: string[], header = HEADER) {
  const file = path.join(DIR, `customers-${++n}.csv`);
  fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  const id = await createImportJob(databaseUrl(), { kind: 'customers', filePath: file });
  return runImport(id, { url: databaseUrl() });
}

const consentOf = (externalId: string) =>
  db.customer.findUniqueOrThrow({
    where: { externalId },
    select: { id: true, consentEmail: true, consentSms: true, consentPush: true },
  });

describe('re-importing an erased customer', () => {
  let admin: UserActor;
  let firstId: number;

  beforeAll(async () => {
    admin = (await testActors()).admin;
    await importCustomers(ROWS);
    firstId = (await consentOf('RI-1')).id;
    await db.customerProfile.create({
      data: { customerId: firstId, orderCount: 4, revenue: 321, rfmGroup: 'champions' },
    });
    await db.event.create({
      data: { dedupKey: 'ri-ev-1', customerId: firstId, type: 'view', ts: new Date('2026-01-02'), source: 'api' },
    });
    await eraseCustomer(admin, { by: 'email', value: 'ada@example.com' });
  });

  afterAll(async () => {
    await closeConnections();
    fs.rmSync(DIR, { recursive: true, force: true });
  });

  test('erasure keeps only keyed pseudonyms of the e-mail and phone, never the values', async () => {
    const rows = await db.erasedIdentifier.findMany();
    expect(rows.map((r) => r.kind).sort()).toEqual(['email', 'phone']);
    expect(JSON.stringify(rows)).not.toMatch(/ada@example\.com|8613800000001/);
  });

  test('the same file again creates a new customer without consent and without the old portrait', async () => {
    const summary = await importCustomers(ROWS);
    expect(summary.cleaning.consentWithheldAfterErasure).toBe(1);
    const ada = await consentOf('RI-1');
    expect(ada.id).not.toBe(firstId);
    expect(ada).toMatchObject({ consentEmail: false, consentSms: false, consentPush: false });
    expect(await db.customerProfile.findUnique({ where: { customerId: ada.id } })).toBeNull();
    expect(await db.event.count({ where: { customerId: ada.id } })).toBe(0);
    // the customer who was not erased keeps the consent the file states
    expect(await consentOf('RI-2')).toMatchObject({ consentEmail: true, consentSms: false, consentPush: true });
  });

  test('the phone alone is enough to recognise them; a consent_date before the erasure does not restore consent', async () => {
    const header = `${HEADER},consent_date`;
    const summary = await importCustomers(['RI-1,Ada,,+8613800000001,1,1,1,2020-01-01T00:00:00Z'], header);
    expect(summary.cleaning.consentWithheldAfterErasure).toBe(1);
    expect(await consentOf('RI-1')).toMatchObject({ consentEmail: false, consentSms: false, consentPush: false });
  });

  test('a consent_date after the erasure restores consent, and later files apply consent as usual', async () => {
    const after = new Date(Date.now() + 1000).toISOString();
    const summary = await importCustomers([`${ROWS[0]},${after}`], `${HEADER},consent_date`);
    expect(summary.cleaning.consentWithheldAfterErasure).toBe(0);
    expect(await consentOf('RI-1')).toMatchObject({ consentEmail: true, consentSms: true, consentPush: true });
    expect(await db.erasedIdentifier.count()).toBe(0);
    await importCustomers(['RI-1,Ada,ada@example.com,+8613800000001,1,0,0']);
    expect(await consentOf('RI-1')).toMatchObject({ consentEmail: true, consentSms: false, consentPush: false });
  });

  test('after a second erasure, the preference page is the other way consent comes back', async () => {
    await eraseCustomer(admin, { by: 'phone', value: '+8613800000001' });
    expect((await importCustomers(ROWS)).cleaning.consentWithheldAfterErasure).toBe(1);
    const ada = await consentOf('RI-1');
    expect(ada.consentEmail).toBe(false);
    await savePreferences(signRecipient({ k: ada.id, c: null }), { email: true, sms: false, push: false });
    expect(await consentOf('RI-1')).toMatchObject({ consentEmail: true, consentSms: false, consentPush: false });
    expect(await db.erasedIdentifier.count()).toBe(0);
    const again = await importCustomers(ROWS);
    expect(again.cleaning.consentWithheldAfterErasure).toBe(0);
    expect(await consentOf('RI-1')).toMatchObject({ consentEmail: true, consentSms: true, consentPush: true });
  });
});
