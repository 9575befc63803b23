import type { Page } from '@playwright/test';

/** The app's main pages whose path is fixed, in menu order: [name, path]. */
export const MAIN_PAGES: [string, string][] = [
  ['dashboard', '/'],
  ['customers', '/customers'],
  ['tags', '/tags'],
  ['portraits', '/portraits'],
  ['segments', '/segments'],
  ['segment-new', '/segments/new'],
  ['catalogue', '/catalogue'],
  ['recommendations', '/recommendations'],
  ['campaigns', '/campaigns'],
  ['campaign-new', '/campaigns/new'],
  ['trust', '/trust'],
  ['trust-quality', '/trust/quality'],
  ['imports', '/imports'],
  ['settings', '/settings'],
];

/** Pages of one record, reached by the first link on a list page whose path matches (plus a suffix). */
const RECORD_PAGES: { name: string; list: string; link: RegExp; suffix?: string }[] = [
  { name: 'customer', list: '/customers', link: /^\/customers\/[^/]+$/ },
  { name: 'tag', list: '/tags', link: /^\/tags\/[^/]+$/ },
  { name: 'segment', list: '/segments', link: /^\/segments\/(?!new$)[^/]+$/ },
  { name: 'product', list: '/catalogue', link: /^\/catalogue\/[^/]+$/ },
  { name: 'campaign-results', list: '/campaigns', link: /^\/campaigns\/(?!new$)[^/]+$/, suffix: '?tab=results' },
  { name: 'import', list: '/imports', link: /^\/imports\/[^/]+$/ },
];

/**
 * Finds a real customer, tag, segment, product, campaign and import by opening each list page (`base` + path) and
 * taking its first matching link. Returns [name, path] for those found and the names of those not found.
 */
export async function findRecordPages(page: Page, base = '') {
  const found: [string, string][] = [];
  const missing: string[] = [];
  for (const r of RECORD_PAGES) {
    await page.goto(`${base}${r.list}`, { waitUntil: 'networkidle' });
    const paths = await page
      .locator('main a[href]')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const path = paths.find((p) => r.link.test(p));
    if (path) found.push([r.name, path + (r.suffix ?? '')]);
    else missing.push(r.name);
  }
  return { found, missing };
}
