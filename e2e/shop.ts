import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import { E2E_DATABASE_URL } from '../playwright.config';
import { runImport } from '../lib/services/imports/run-import';
import { generateShop } from '../scripts/demo-data/generate-shop';
import { E2E_ADMIN } from './fixtures';

/** The e2e server's SQLite database, opened beside the server (WAL lets both work at once). */
export function openE2eDatabase() {
  const db = new Database(E2E_DATABASE_URL.replace(/^file:/, ''));
  db.pragma('busy_timeout = 10000');
  return db;
}

/**
 * A small generated shop imported through the real importer, as an admin's uploads would be — once per run, whichever
 * spec needs it first (marked by its import jobs, since other specs add bare customers of their own).
 */
export async function ensureE2eShop(db: Database.Database) {
  const done = db
    .prepare(`SELECT COUNT(*) FROM "ImportJob" WHERE "id" = 'e2e-shop-events' AND "status" = 'completed'`)
    .pluck()
    .get() as number;
  if (done) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-e2e-shop-'));
  // the shop's history ends now, as a live shop's does: events that specs send through the API (flows, tracked
  // clicks) then continue it instead of leaving a gap of months that empties the portraits' hold-out windows
  await generateShop({
    out: dir,
    // enough buyers that the churn model's training window keeps well over its minimum of 50 customers with orders
    // wherever in the day the run starts and whatever the specs before the portraits add or erase (500 gave 45–55),
    // and well over its 10 retained ones: with 30,000 events the training window held 10–23 retained customers over
    // a day's start times (and 9 once in CI); with 45,000, 16–30 (end times now, now − 1 h … now − 20 h)
    customers: 800,
    products: 150,
    events: 45_000,
    seed: 5,
    truth: false,
    end: new Date().toISOString(),
  });
  const now = Date.now();
  const admin = db.prepare('SELECT "id" FROM "User" WHERE "email" = ?').pluck().get(E2E_ADMIN.email) as string;
  for (const [currency, rate] of [
    ['USD', 7.1],
    ['HKD', 0.91],
  ] as const)
    db.prepare('INSERT OR IGNORE INTO "CurrencyRate" ("currency", "rateToBase", "updatedAt") VALUES (?, ?, ?)').run(
      currency,
      rate,
      now,
    );
  for (const kind of ['catalogue', 'customers', 'orders', 'events']) {
    const file = path.join(dir, `${kind}.csv`);
    const id = `e2e-shop-${kind}`;
    db.prepare(
      'INSERT OR IGNORE INTO "ImportJob" ("id", "kind", "fileName", "filePath", "fileSize", "fileSha256", "createdById", "createdAt", "options") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, kind, `${kind}.csv`, file, fs.statSync(file).size, 'e2e', admin, now, '{"baseCurrency":"CNY"}');
    const summary = await runImport(id, { url: E2E_DATABASE_URL });
    expect(summary.status, `${kind} import`).toBe('completed');
  }
}

/** A saved segment of the customers who agreed to e-mail, written straight into the server's database; its id. */
export function seedEmailSegment(db: Database.Database, name: string): number {
  const now = Date.now();
  const admin = db
    .prepare(`SELECT "id" FROM "User" WHERE "role" = 'admin' ORDER BY "createdAt" LIMIT 1`)
    .pluck()
    .get() as string;
  const definition = JSON.stringify({
    type: 'group',
    op: 'and',
    children: [{ type: 'consent', channel: 'email', op: 'granted' }],
  });
  const insert = db.prepare(
    `INSERT INTO "Segment" ("name", "definition", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
  );
  return Number(insert.run(name, definition, admin, now, now).lastInsertRowid);
}
