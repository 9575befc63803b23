// The database of the e-mail benchmark, in a temporary folder: a copy of the demo database (/work/demo-data or
// PRECISA_DEMO_DATA) when there is one, else a generated shop imported through the real importer (as the e2e tests
// do), so that the benchmark runs on any machine. Sets DATABASE_URL and PRECISA_DATA_DIR for the code under test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function prepareEmailBenchDatabase(log: (what: string) => void): Promise<{ dir: string; source: string }> {
  const demo = process.env.PRECISA_DEMO_DATA ?? '/work/demo-data';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-bench-email-'));
  const hasDemo = fs.existsSync(path.join(demo, 'precisa.db'));
  if (hasDemo) {
    log(`copying the demo database from ${demo}`);
    fs.cpSync(demo, dir, { recursive: true });
  }
  const url = `file:${path.join(dir, 'precisa.db')}`;
  process.env.DATABASE_URL = url;
  process.env.PRECISA_DATA_DIR = dir;
  process.env.NEXTAUTH_SECRET ??= 'bench-secret-0123456789abcdef0123456789';
  process.env.PRECISA_PEPPER ??= 'bench-pepper-0123456789abcdef0123456789';
  log('migrating the database');
  execFileSync(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/db/migrate.ts'],
    { cwd: root, env: process.env, stdio: 'pipe' },
  );
  if (hasDemo) return { dir, source: demo };

  log('no demo database: generating a shop (2,000 customers, 300 products, 60,000 events) and importing it');
  const { db } = await import('../lib/db/client');
  const { generateShop } = await import('../scripts/demo-data/generate-shop');
  const { runImport } = await import('../lib/services/imports/run-import');
  const admin = await db.user.create({
    data: { email: 'bench@example.com', name: 'Bench', passwordHash: 'x', role: 'admin' },
  });
  const out = path.join(dir, 'shop');
  await generateShop({ out, customers: 2000, products: 300, events: 60_000, seed: 11, truth: false });
  for (const kind of ['catalogue', 'customers', 'orders', 'events']) {
    const file = path.join(out, `${kind}.csv`);
    const job = await db.importJob.create({
      data: {
        id: `bench-${kind}`,
        kind,
        fileName: `${kind}.csv`,
        filePath: file,
        fileSize: fs.statSync(file).size,
        fileSha256: 'bench',
        createdById: admin.id,
        options: { baseCurrency: 'CNY' },
      },
    });
    const summary = await runImport(job.id, { url });
    if (summary.status !== 'completed') throw new Error(`${kind} import: ${summary.status}`);
    log(`imported ${kind}`);
  }
  return { dir, source: 'generated shop (seed 11)' };
}
