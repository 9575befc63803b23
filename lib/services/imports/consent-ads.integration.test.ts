import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { databaseUrl } from '@/lib/db/url';
import { createImportJob } from '@/lib/testing/db/scratch';
import { testActors } from '@/lib/testing/db/seed-shop';
import { eraseCustomer } from '../erasure/erase';
import { runImport } from './run-import';

// The customers file's consent_ads column (audiences for ad platforms): imported like the other consent columns,
// left alone by a file without it, and withheld from a re-imported erased customer.
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-consent-ads-'));
process.env.PRECISA_DATA_DIR = path.join(DIR, 'data');

let n = 0;
async function importCustomers(text: string) {
  const file = path.join(DIR, `customers-${++n}.csv`);
  fs.writeFileSync(file, text);
  const id = await createImportJob(databaseUrl(), { kind: 'customers', filePath: file });
  return { id, ...(await runImport(id, { url: databaseUrl() })) };
}
const adsOf = async () =>
  Object.fromEntries(
    (
      await db.customer.findMany({ select: { externalId: true, consentAds: true }, orderBy: { externalId: 'asc' } })
    ).map((c) => [c.externalId, c.consentAds]),
  );

afterAll(async () => {
  await closeConnections();
  fs.rmSync(DIR, { recursive: true, force: true });
});

describe('importing ad-audience consent', () => {
  test('a Chinese header and yes/no values; a bad value rejects the row with the column named', async () => {
    const summary = await importCustomers(
      '客户ID,邮箱,邮件订阅,广告授权\nA1,a1@example.com,是,是\nA2,a2@example.com,是,否\nA3,a3@example.com,否,也许\n',
    );
    expect(summary).toMatchObject({ status: 'completed', inserted: 2, rejected: 1 });
    expect(await adsOf()).toEqual({ A1: true, A2: false });
    const [error] = await db.importError.findMany({ where: { importId: summary.id } });
    expect(error).toMatchObject({ line: 4, column: '广告授权' });
    expect(error?.reason).toMatch(/^consent_ads is not yes\/no: "也许"/);
  });

  test('a change of ads consent alone updates the row and its consent time; a file without the column leaves it', async () => {
    const before = await db.customer.findUniqueOrThrow({ where: { externalId: 'A2' } });
    const changed = await importCustomers(
      'customer_id,email,consent_email,ads_consent\nA1,a1@example.com,1,1\nA2,a2@example.com,1,1\n',
    );
    expect(changed).toMatchObject({ updated: 1, unchanged: 1 });
    const after = await db.customer.findUniqueOrThrow({ where: { externalId: 'A2' } });
    expect(after.consentAds).toBe(true);
    expect(after.consentUpdatedAt!.getTime()).toBeGreaterThan(before.consentUpdatedAt!.getTime());
    await importCustomers('customer_id,city\nA1,Hangzhou\nA2,Suzhou\n');
    expect(await adsOf()).toEqual({ A1: true, A2: true });
  });

  test('an erased customer re-imported gets no ads consent until given again', async () => {
    const { admin } = await testActors();
    await eraseCustomer(admin, { by: 'externalId', value: 'A1' });
    const summary = await importCustomers('customer_id,email,consent_ads\nA1,a1@example.com,yes\n');
    expect(summary.cleaning.consentWithheldAfterErasure).toBe(1);
    expect((await db.customer.findUniqueOrThrow({ where: { externalId: 'A1' } })).consentAds).toBe(false);
  });
});
