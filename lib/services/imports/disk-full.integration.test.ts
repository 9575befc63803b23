import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openSqlite } from '@/lib/db/raw';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { count, createImportJob, migrate, query } from '@/lib/testing/db/scratch';
import { messageIn } from '@/lib/i18n/message-ref';
import { DISK_FULL, runImport } from './run-import';

// Disk full during an import (SQLite, whose file lives in the data directory): the database sits on a small tmpfs
// that fills half-way through the file. The import fails with a clear error and nothing half-written, and once space
// is freed it resumes and completes. Needs root to mount the tmpfs; PostgreSQL's disk is the server's (not tested).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-diskfull-'));
const mnt = path.join(root, 'data');
fs.mkdirSync(mnt);
const canMount =
  !isPostgres(databaseUrl()) &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]).status === 0;

describe.skipIf(!canMount)('disk full during an import (needs root to mount a tmpfs; SQLite only)', () => {
  afterAll(() => {
    spawnSync('umount', [mnt]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('fails cleanly with the database intact, then resumes after space is freed and stores every row once', async () => {
    const url = `file:${path.join(mnt, 'precisa.db')}`;
    migrate(url);
    const rows = 60_000;
    const lines = ['sku,title,description,price,category'];
    for (let i = 0; i < rows; i++)
      lines.push(`SKU-${i},Product ${i},${'a long description '.repeat(6)}${i},${(i % 500) + 1}.5,Home > Kitchen`);
    const file = path.join(root, 'catalogue.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const used = Number(execFileSync('df', ['--output=used', '-B1', mnt]).toString().split('\n')[1]);
    // leave about 4 MB free: far less than the catalogue needs
    execFileSync('mount', ['-o', `remount,size=${used + 4 * 2 ** 20}`, mnt]);

    const id = await createImportJob(url, { kind: 'catalogue', filePath: file });
    // the job runner sees the error (and retries later); the import row says what happened, in the reader's words
    await expect(runImport(id, { url })).rejects.toThrow(/disk is full/);
    const [job] = await query<{ status: string; inserted: number; cursorLine: number; error: string }>(
      url,
      'SELECT "status", "inserted", "cursorLine", "error" FROM "ImportJob" WHERE "id" = ?',
      [id],
    );
    expect(job!.status).toBe('failed');
    expect(job!.error).toBe(DISK_FULL);
    expect(messageIn('zh-CN', { key: DISK_FULL })).toMatch(/磁盘已满/);
    // how many batches fit before the disk filled depends on batch timing; whatever was stored is exactly what the
    // import counted as committed, never part of a batch
    const stored = await count(url, 'Product');
    expect(stored).toBeLessThan(rows);
    expect(stored).toBe(Number(job!.inserted)); // rows = the committed cursor's count: no partial batch
    const conn = openSqlite(url);
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    conn.close();

    execFileSync('mount', ['-o', 'remount,size=200m', mnt]);
    const second = await runImport(id, { url });
    expect(second.status).toBe('completed');
    expect(await count(url, 'Product')).toBe(rows);
    const [distinct] = await query<{ n: number }>(url, 'SELECT count(DISTINCT "sku") AS n FROM "Product"');
    expect(Number(distinct!.n)).toBe(rows);
  }, 600_000);
});
