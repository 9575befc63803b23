import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeConnections } from '@/lib/db/connections';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { createScratchDatabase, dropScratchTemplate, type ScratchDb } from '@/lib/testing/db/scratch';
import { seedDemoShop } from '@/lib/testing/db/seed-shop';
import { backupDatabase, restoreDatabase, tableChecksums } from './backup';

// Backup and restore round trip on the dialect of DATABASE_URL: SQLite's online backup API, or pg_dump/pg_restore.
describe('backup and restore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-backup-it-'));
  const url = databaseUrl();
  let scratch: ScratchDb | null = null;

  beforeAll(async () => {
    await seedDemoShop({ customers: 150, products: 80, events: 3000, seed: 5 });
  }, 300_000);

  afterAll(async () => {
    await scratch?.drop();
    await dropScratchTemplate();
    await closeConnections();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every table has the same rows and checksum after a round trip', async () => {
    const file = path.join(dir, isPostgres(url) ? 'shop.dump' : 'shop.db');
    const before = await tableChecksums(url);
    expect(before.Customer!.rows).toBe(150);
    expect(before.Event!.rows).toBeGreaterThan(1000);
    expect(await backupDatabase(url, file)).toBeGreaterThan(0);
    await expect(backupDatabase(url, file)).rejects.toThrow(/exists already/);

    let target: string;
    if (isPostgres(url)) {
      scratch = await createScratchDatabase(url); // an empty migrated database: pg_restore replaces its tables
      target = scratch.url;
    } else target = `file:${path.join(dir, 'restored', 'precisa.db')}`;
    await restoreDatabase(file, target);
    const after = await tableChecksums(target);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
    if (!isPostgres(url)) await expect(restoreDatabase(file, target)).rejects.toThrow(/exists; move it away/);
  }, 300_000);

  test('a file that is not a backup is refused before anything is touched', async () => {
    const junk = path.join(dir, 'not-a-backup.csv');
    fs.writeFileSync(junk, 'sku,title\nA,B\n');
    const target = isPostgres(url) ? url : `file:${path.join(dir, 'never', 'precisa.db')}`;
    await expect(restoreDatabase(junk, target)).rejects.toThrow(/is not a/);
    if (!isPostgres(url)) expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
  });
});
