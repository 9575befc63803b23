// Takes full-page screenshots of the given paths, signed in as a user, to look at what we built:
//   npx tsx scripts/screenshots.ts --base http://localhost:3000 --email admin@precisa.local --password … / /customers
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { base: { type: 'string', default: 'http://localhost:3000' }, email: { type: 'string' }, password: { type: 'string' }, out: { type: 'string', default: 'test-results/screenshots' }, locale: { type: 'string' }, width: { type: 'string', default: '1440' } },
});
fs.mkdirSync(values.out!, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: Number(values.width), height: 900 }, locale: values.locale ?? 'en-US' });
if (values.email) {
  await page.goto(`${values.base}/sign-in`);
  await page.fill('#email', values.email);
  await page.fill('#password', values.password ?? '');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}
for (const p of positionals.length ? positionals : ['/']) {
  await page.goto(`${values.base}${p}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const file = `${values.out}/${p.replace(/[^a-z0-9]+/gi, '_') || 'root'}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await browser.close();
