// Loads a generated demo shop into DATABASE_URL through the import pipeline (as an admin's uploads would), for the
// recommendation API benchmark and local checks of the Recommendations pages.
//   node --conditions=react-server --import tsx bench/recommend-api-seed.ts --dir /tmp/demo [--customers 5000 …]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Db } from '../lib/db/create-client';
import { runImport } from '../lib/services/imports/run-import';
import { generateShop } from '../scripts/demo-data/generate-shop';

const KINDS = ['catalogue', 'customers', 'orders', 'events'] as const;

/** Generates (when missing) and imports a demo shop; returns the counts of imported rows per file. */
export async function seedDemoShop(
  db: Db,
  options: { dir: string; customers?: number; products?: number; events?: number; seed?: number },
) {
  if (!fs.existsSync(path.join(options.dir, 'events.csv'))) {
    await generateShop({
      out: options.dir,
      customers: options.customers ?? 5000,
      products: options.products ?? 1000,
      events: options.events ?? 200_000,
      seed: options.seed ?? 42,
      truth: false,
    });
  }
  const admin = await db.user.findFirst({ where: { role: 'admin' }, select: { id: true } });
  if (!admin) throw new Error('seedDemoShop: bootstrap the database first (no admin user)');
  // the generator's assumed rates (scripts/demo-data/README.md)
  for (const [currency, rateToBase] of [
    ['USD', 7.1],
    ['HKD', 0.91],
  ] as const) {
    await db.currencyRate.upsert({ where: { currency }, create: { currency, rateToBase }, update: { rateToBase } });
  }
  const counts: Record<string, number> = {};
  for (const kind of KINDS) {
    const filePath = path.join(options.dir, `${kind}.csv`);
    const bytes = fs.readFileSync(filePath);
    const job = await db.importJob.create({
      data: {
        kind,
        fileName: `${kind}.csv`,
        filePath,
        fileSize: bytes.length,
        fileSha256: createHash('sha256').update(bytes).digest('hex'),
        createdById: admin.id,
        options: { baseCurrency: 'CNY' },
      },
    });
    const summary = await runImport(job.id);
    if (summary.status !== 'completed')
      throw new Error(`seedDemoShop: ${kind} import ${summary.status}: ${summary.error}`);
    counts[kind] = summary.inserted + summary.updated + summary.unchanged;
  }
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      customers: { type: 'string' },
      products: { type: 'string' },
      events: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.dir) throw new Error('--dir is required');
  const db = createClient();
  const t0 = Date.now();
  const counts = await seedDemoShop(db, {
    dir: values.dir,
    ...(values.customers ? { customers: Number(values.customers) } : {}),
    ...(values.products ? { products: Number(values.products) } : {}),
    ...(values.events ? { events: Number(values.events) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  console.log(`imported ${JSON.stringify(counts)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await db.$disconnect();
}
