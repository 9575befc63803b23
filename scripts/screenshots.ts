// Full-page screenshots of every main page, signed in, in each language and width, against a running server:
//   npm run screenshots -- [--base http://localhost:3000] [--email admin@precisa.local] [--password …]
//     [--locale en,zh-CN] [--width 1440,390] [--out test-results/screenshots] [/path …]
// Writes <out>/<locale>-<width>/NN-<page>.png. Ids (a customer, a product, a segment, …) are found by following the
// first matching link on the list pages. Given paths, only those are taken. The password defaults to
// PRECISA_ADMIN_PASSWORD. Switching language saves it for the user; the user's own language is put back at the end.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findRecordPages, MAIN_PAGES } from './main-pages';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: 'string', default: 'http://localhost:3000' },
    email: { type: 'string', default: 'admin@precisa.local' },
    password: { type: 'string', default: process.env.PRECISA_ADMIN_PASSWORD },
    out: { type: 'string', default: 'test-results/screenshots' },
    locale: { type: 'string', default: 'en,zh-CN' },
    width: { type: 'string', default: '1440,390' },
  },
});
if (!values.password) {
  console.error('Give the password with --password (npm run demo printed it once) or PRECISA_ADMIN_PASSWORD.');
  process.exit(2);
}
const base = values.base.replace(/\/$/, '');
const locales = values.locale.split(',');
const widths = values.width.split(',').map(Number);
const HEIGHTS: Record<number, number> = { 390: 844, 1440: 900 };
const PHONE_MAX = 1023;

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function newContext(browser: Browser, width: number, storageState?: string): Promise<BrowserContext> {
  const phone = width <= PHONE_MAX;
  return browser.newContext({
    viewport: { width, height: HEIGHTS[width] ?? 900 },
    isMobile: phone,
    hasTouch: phone,
    reducedMotion: 'reduce',
    storageState,
  });
}

async function signIn(page: Page) {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', values.email);
  await page.fill('#password', values.password!);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 30_000 });
}

/** Chooses the language in the menu (saved for the user), on a desktop-wide page. */
async function setLocale(page: Page, locale: string) {
  await page.goto(`${base}/`);
  if ((await page.locator('html').getAttribute('lang')) === locale) return;
  await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale, { timeout: 30_000 });
}

async function shoot(page: Page, target: string, file: string) {
  const problems: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => m.type() === 'error' && problems.push(m.text());
  page.on('console', onConsole);
  await page.goto(`${base}${target}`, { waitUntil: 'networkidle' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(600);
  await page.screenshot({ path: file, fullPage: true });
  page.off('console', onConsole);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const notes = [
    wide > 0 ? `${wide}px wider than the window` : '',
    problems.length ? `${problems.length} console error(s)` : '',
  ];
  console.log([file, ...notes.filter(Boolean)].join('  '));
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
const desktop = await newContext(browser, 1440);
const main = await desktop.newPage();
await signIn(main);
const ownLocale = (await main.locator('html').getAttribute('lang')) ?? 'en';
async function allPages(): Promise<[string, string][]> {
  const { found, missing } = await findRecordPages(main, base);
  if (missing.length) console.warn(`no link found for: ${missing.join(', ')} (skipped)`);
  return [...MAIN_PAGES, ...found];
}
const targets = positionals.length
  ? positionals.map((p): [string, string] => [p.replace(/[^a-z0-9]+/gi, '_'), p])
  : await allPages();
const state = path.join(values.out, '.session.json');
fs.mkdirSync(values.out, { recursive: true });
await desktop.storageState({ path: state });
try {
  for (const locale of locales) {
    await setLocale(main, locale);
    for (const width of widths) {
      const dir = path.join(values.out, `${locale}-${width}`);
      fs.mkdirSync(dir, { recursive: true });
      const context = width === 1440 ? desktop : await newContext(browser, width, state);
      const page = width === 1440 ? main : await context.newPage();
      for (const [i, [name, target]] of targets.entries()) {
        await shoot(page, target, path.join(dir, `${String(i + 1).padStart(2, '0')}-${name}.png`));
      }
      if (width <= PHONE_MAX && !positionals.length) {
        await page.goto(`${base}/`, { waitUntil: 'networkidle' });
        await page.getByRole('button', { name: /^(Open menu|打开菜单)$/ }).click();
        await page.screenshot({ path: path.join(dir, '00-menu.png') });
      }
      if (context !== desktop) await context.close();
    }
  }
} finally {
  await setLocale(main, ownLocale);
  fs.rmSync(state, { force: true });
  await browser.close();
}
