import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db/client';
import { countCustomers } from '@/lib/db/customers';
import { createImportJob } from '@/lib/db/imports';
import { createSettingIfMissing, putCurrencyRate, putSettingValue } from '@/lib/db/settings';
import { findUser } from '@/lib/db/users';
import { buildShopModel, CURRENCY_RATES, DEFAULT_SHOP_OPTIONS } from '@/lib/engine/simulate';
import { generateShop, type GenerateShopOptions } from '@/scripts/demo-data/generate-shop';
import { runImport } from '../imports/run-import';
import { recomputePortraits } from '../portraits/recompute';
import { startTraining } from '../recommendations/runs';
import { createTemplateFlows } from '../flows/flows';
import { seedDemoAudiences } from './demo-audiences';
import { seedDemoCampaigns } from './demo-campaigns';

export type DemoOptions = Partial<Omit<GenerateShopOptions, 'out'>>;
const KINDS = ['catalogue', 'customers', 'orders', 'events'] as const;

/**
 * Loads the generated demo shop the way an admin would: the shop's currency and exchange rates, then the four CSV
 * files through the import pipeline (the same code as an upload), then the portraits. Does nothing when the shop
 * already has customers. The options are stored (Setting "demo.shop") so campaign simulations rebuild the same shop.
 */
export async function loadDemoShop(opts: {
  dir: string;
  createdById: string;
  options?: DemoOptions;
  log?: (message: string) => void;
}) {
  const log = opts.log ?? (() => {});
  if ((await countCustomers(db)) > 0) return { loaded: false as const };
  // The demo year ends today, so "in the last 90 days" finds data whenever the demo is loaded.
  const today = new Date().toISOString().slice(0, 10);
  const options = { ...DEFAULT_SHOP_OPTIONS, events: 500_000, end: `${today}T23:59:59Z`, ...opts.options };
  const started = Date.now();
  log(
    `Generating the demo shop (${options.customers.toLocaleString('en')} customers, ~${options.events.toLocaleString('en')} events)…`,
  );
  const shop = await generateShop({ ...options, out: opts.dir, truth: false });
  await createSettingIfMissing(db, 'shop', { currency: 'CNY', timezone: 'Asia/Shanghai' });
  await putSettingValue(db, 'demo.shop', { end: options.end, ...opts.options });
  for (const [currency, rateToBase] of Object.entries(CURRENCY_RATES)) {
    if (currency !== 'CNY') await putCurrencyRate(db, { currency, rateToBase });
  }
  await seedDemoCampaigns(buildShopModel(options).campaigns, opts.createdById);
  for (const kind of KINDS) {
    const file = shop.files[kind].path;
    const job = await createImportJob(db, {
      kind,
      fileName: `demo-${kind}.csv`,
      filePath: path.resolve(file),
      fileSize: fs.statSync(file).size,
      fileSha256: 'demo',
      createdById: opts.createdById,
      options: { baseCurrency: 'CNY', timezone: 'UTC' },
    });
    const summary = await runImport(job.id);
    if (summary.status !== 'completed') throw new Error(`demo ${kind} import ${summary.status}: ${summary.error}`);
    log(
      `  ${kind.padEnd(9)} ${summary.rowsRead.toLocaleString('en').padStart(8)} rows, ${summary.inserted.toLocaleString('en')} inserted, ${summary.rejected} rejected (${Math.round(summary.rowsPerSec).toLocaleString('en')} rows/s)`,
    );
  }
  log('Computing portraits (RFM, lifecycle, CLV, churn, interest tags)…');
  await recomputePortraits({});
  // A first recommendation model, trained by the worker as soon as the app starts (progress on /recommendations).
  const admin = await findUser(db, opts.createdById);
  if (!admin) throw new Error(`loadDemoShop: no user ${opts.createdById}`);
  const actor = {
    type: 'user',
    userId: admin.id,
    role: 'admin',
    email: admin.email,
    name: admin.name,
    locale: admin.locale,
  } as const;
  await startTraining(actor, { models: ['popularity', 'item-knn', 'hybrid'], serve: true });
  log('Queued the first recommendation models (item-kNN, popularity, hybrid); the worker trains them at start.');
  await seedDemoAudiences(actor, log);
  await createTemplateFlows(actor, admin.locale === 'zh-CN' ? 'zh-CN' : 'en');
  log(
    'Created the five ready-made flows (welcome, abandoned cart, browse abandonment, win-back, post-purchase), disabled.',
  );
  log(`Demo shop ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { loaded: true as const, counts: shop.counts };
}
