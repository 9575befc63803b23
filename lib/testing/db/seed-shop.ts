// Test support: a generated demo shop loaded through the real importer into the integration database. Not used by the app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateShop, type GenerateShopOptions } from '@/scripts/demo-data/generate-shop';
import { db } from '@/lib/db/client';
import { runImport } from '@/lib/services/imports/run-import';
import type { UserActor } from '@/lib/services/auth/actor';
import type { Role } from '@/lib/security/roles';

export const TEST_SHOP: Partial<GenerateShopOptions> = { customers: 1500, products: 300, events: 60_000, seed: 11 };

/** Users of each role (created once), as service actors. */
export async function testActors(): Promise<Record<Role, UserActor>> {
  const out = {} as Record<Role, UserActor>;
  for (const role of ['admin', 'marketer', 'manager'] as const) {
    const email = `${role}@portraits.test`;
    const user = await db.user.upsert({
      where: { email },
      create: { email, name: role, role, passwordHash: 'x' },
      update: {},
    });
    out[role] = { type: 'user', userId: user.id, role, email, name: role, locale: 'en' };
  }
  return out;
}

/** Generates a shop and imports its four files (catalogue, customers, orders, events) with the shop currency set. */
export async function seedDemoShop(options: Partial<GenerateShopOptions> = TEST_SHOP) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-portraits-'));
  await generateShop({ ...options, out: dir, truth: false });
  const { admin } = await testActors();
  for (const [key, value] of [
    ['shop.currency', 'CNY'],
    ['shop', { currency: 'CNY', timezone: 'Asia/Shanghai' }],
  ] as const) {
    await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  for (const [currency, rateToBase] of [
    ['USD', 7.1],
    ['HKD', 0.91],
  ] as const)
    await db.currencyRate.upsert({ where: { currency }, create: { currency, rateToBase }, update: { rateToBase } });
  const imports: string[] = [];
  for (const kind of ['catalogue', 'customers', 'orders', 'events'] as const) {
    const file = path.join(dir, `${kind}.csv`);
    const job = await db.importJob.create({
      data: {
        kind,
        fileName: `${kind}.csv`,
        filePath: file,
        fileSize: fs.statSync(file).size,
        fileSha256: 'test',
        createdById: admin.userId,
      },
    });
    const summary = await runImport(job.id);
    if (summary.status !== 'completed')
      throw new Error(`seedDemoShop: ${kind} import ${summary.status}: ${summary.error}`);
    imports.push(job.id);
  }
  return { dir, imports };
}
