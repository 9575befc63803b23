import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LEAVES, TOPS } from '../../lib/engine/simulate/taxonomy-data';
import { groupBy, makeShop, type LoadedShop } from './test-shop';

let shop: LoadedShop;
const top = (category: string) => category.split(' > ')[0] as string;
const argmax = (xs: readonly number[]) => xs.indexOf(Math.max(...xs));

beforeAll(async () => {
  shop = await makeShop();
});

afterAll(() => rmSync(shop.dir, { recursive: true, force: true }));

describe('demo shop behaviour: funnel', () => {
  test('sessions convert at a realistic 1.5–5 %, carts in 5–15 % of sessions', () => {
    const { stats } = shop.result;
    expect(stats.sessionConversion).toBeGreaterThan(0.015);
    expect(stats.sessionConversion).toBeLessThan(0.05);
    expect(stats.sessionCartRate).toBeGreaterThan(0.05);
    expect(stats.sessionCartRate).toBeLessThan(0.15);
    expect(stats.viewToCart).toBeLessThan(0.08);
  });

  test('every purchased sku was viewed and carted earlier in the same session', () => {
    const bySession = groupBy(
      shop.events.filter((e) => e.session_id),
      (e) => e.session_id,
    );
    const missing = shop.events
      .filter((e) => e.event_type === 'purchase')
      .filter((p) => {
        const earlier = (bySession.get(p.session_id) ?? []).filter(
          (e) => e.timestamp <= p.timestamp && e.sku === p.sku,
        );
        return !earlier.some((e) => e.event_type === 'cart') || !earlier.some((e) => e.event_type === 'view');
      });
    expect(missing).toEqual([]);
  });

  test('a search leads to views in a category whose queries match it', () => {
    const queriesByPath = new Map<string, string[]>();
    for (const l of LEAVES) {
      const topZh = TOPS.find((t) => t.name === l.top)?.name ?? '';
      queriesByPath.set(`${topZh} > ${l.path}`, [...l.queries, ...l.queriesZh]);
    }
    let searchesWithViews = 0;
    let matching = 0;
    const events = shop.events;
    events.forEach((e, i) => {
      if (e.event_type !== 'search') return;
      const next = events.slice(i + 1, i + 400).find((x) => x.session_id === e.session_id && x.event_type !== 'search');
      if (next?.event_type !== 'view' || !next.category) return;
      searchesWithViews++;
      if ((queriesByPath.get(next.category) ?? []).some((q) => e.query.endsWith(q))) matching++;
    });
    expect(searchesWithViews).toBeGreaterThan(100);
    expect(matching / searchesWithViews).toBeGreaterThan(0.9);
  });
});

describe('demo shop behaviour: time', () => {
  test('activity peaks in November and on Double 11 (China time); November purchases are well above an average month; weekends are busier', () => {
    const { stats } = shop.result;
    const perMonth = groupBy(shop.events, (e) => e.timestamp.slice(0, 7));
    const busiestMonth = [...perMonth.entries()].sort((a, b) => b[1].length - a[1].length)[0]![0];
    expect(busiestMonth.slice(5)).toBe('11');
    const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    const perDay = groupBy(
      shop.events.filter((e) => e.session_id),
      (e) => chinaDay(e.timestamp),
    );
    const busiestDay = [...perDay.entries()].sort((a, b) => b[1].length - a[1].length)[0]![0];
    expect(busiestDay.slice(5)).toBe('11-11');
    const purchases = Object.entries(stats.purchasesByMonth);
    const average = purchases.reduce((s, [, n]) => s + n, 0) / purchases.length;
    expect(purchases.find(([m]) => m.endsWith('-11'))![1]).toBeGreaterThan(1.2 * average);
    expect(stats.weekendToWeekdayEvents).toBeGreaterThan(1.05);
  });

  test('new customers sign up through the year and have no events before signing up', () => {
    const start = shop.truth.window.start;
    const joined = shop.customers.filter((c) => c.signup_date >= start);
    expect(joined.length / shop.customers.length).toBeGreaterThan(0.3);
    expect(new Set(joined.map((c) => c.signup_date.slice(0, 7))).size).toBeGreaterThanOrEqual(11);
    const signup = new Map(shop.customers.map((c) => [c.customer_id, c.signup_date]));
    expect(shop.events.filter((e) => e.timestamp < signup.get(e.customer_id)!)).toEqual([]);
  });

  test('churners stop: no activity after their hidden churn time (they may still be sent campaigns)', () => {
    const churnAt = new Map(
      shop.truth.customers.filter((c) => c.churnAt).map((c) => [c.customerId, c.churnAt as string]),
    );
    const after = shop.events.filter(
      (e) => e.event_type !== 'exposure' && churnAt.has(e.customer_id) && e.timestamp >= churnAt.get(e.customer_id)!,
    );
    expect(after).toEqual([]);
    const activeChurners = new Set(
      shop.events.filter((e) => churnAt.has(e.customer_id) && e.event_type === 'view').map((e) => e.customer_id),
    );
    expect(activeChurners.size).toBeGreaterThan(50);
    expect(shop.result.stats.churnShare).toBeGreaterThan(0.2);
    expect(shop.result.stats.churnShare).toBeLessThan(0.5);
  });

  test('no events on a product after it was taken off sale', () => {
    const off = new Map(
      shop.truth.products.filter((p) => p.deactivatedAt).map((p) => [p.sku, p.deactivatedAt as string]),
    );
    expect(off.size).toBeGreaterThan(0);
    expect(
      shop.events.filter((e) => e.event_type === 'view' && off.has(e.sku) && e.timestamp >= off.get(e.sku)!),
    ).toEqual([]);
  });
});

describe('demo shop behaviour: customers', () => {
  test('repeat buying is heavy-tailed', () => {
    const { stats } = shop.result;
    expect(stats.repeatBuyerShare).toBeGreaterThan(0.15);
    expect(stats.repeatBuyerShare).toBeLessThan(0.6);
    expect(stats.maxOrdersPerCustomer).toBeGreaterThanOrEqual(5);
  });

  test("hidden preferences drive category shares: a heavy customer's top category is usually their top preference", () => {
    const tops = shop.truth.topCategories.map((t) => t.name);
    const prefs = new Map(shop.truth.customers.map((c) => [c.customerId, c.preferences]));
    const counts = new Map<string, number[]>();
    for (const e of shop.events) {
      if (!e.sku || e.event_type === 'feedback') continue;
      const row = counts.get(e.customer_id) ?? tops.map(() => 0);
      row[tops.indexOf(top(e.category))]! += 1;
      counts.set(e.customer_id, row);
    }
    const heavy = [...counts.entries()].filter(([, row]) => row.reduce((s, x) => s + x, 0) >= 30);
    const matched = heavy.filter(([id, row]) => argmax(row) === argmax(prefs.get(id)!));
    expect(heavy.length).toBeGreaterThan(50);
    expect(matched.length / heavy.length).toBeGreaterThan(0.6);
  });

  test('price-sensitive customers look at cheaper products within a category', () => {
    const medians = new Map<string, number>();
    for (const [category, ps] of groupBy(shop.catalogue, (p) => p.category)) {
      const prices = ps.map((p) => Number(p.price)).sort((a, b) => a - b);
      medians.set(category, prices[Math.floor(prices.length / 2)]!);
    }
    const listPrice = new Map(shop.catalogue.map((p) => [p.sku, Number(p.price)]));
    const relative = new Map<string, number[]>();
    for (const e of shop.events) {
      if (e.event_type !== 'view' || !e.sku) continue;
      const list = relative.get(e.customer_id) ?? [];
      list.push(Math.log(listPrice.get(e.sku)! / medians.get(e.category)!));
      relative.set(e.customer_id, list);
    }
    const rows = shop.truth.customers
      .filter((c) => (relative.get(c.customerId)?.length ?? 0) >= 10)
      .map((c) => ({
        s: c.priceSensitivity,
        r: relative.get(c.customerId)!.reduce((a, b) => a + b, 0) / relative.get(c.customerId)!.length,
      }))
      .sort((a, b) => a.s - b.s);
    const third = Math.floor(rows.length / 3);
    const mean = (xs: { r: number }[]) => xs.reduce((a, b) => a + b.r, 0) / xs.length;
    expect(mean(rows.slice(-third))).toBeLessThan(mean(rows.slice(0, third)) - 0.1);
  });

  test('consent, demographics and regions look like a Chinese shop with some overseas customers', () => {
    const share = (f: (c: (typeof shop.customers)[number]) => boolean) =>
      shop.customers.filter(f).length / shop.customers.length;
    expect(share((c) => c.consent_email === 'true')).toBeGreaterThan(0.5);
    expect(share((c) => c.consent_email === 'true')).toBeLessThan(0.7);
    expect(share((c) => c.consent_sms === 'true')).toBeGreaterThan(0.2);
    expect(share((c) => c.consent_sms === 'true')).toBeLessThan(0.4);
    expect(share((c) => c.consent_push === 'true')).toBeGreaterThan(0.35);
    expect(share((c) => c.consent_push === 'true')).toBeLessThan(0.55);
    expect(
      share((c) =>
        ['Hong Kong', 'Singapore', 'Malaysia', 'United States', 'Australia', 'United Kingdom'].includes(c.region),
      ),
    ).toBeLessThan(0.15);
    expect(new Set(shop.customers.map((c) => c.gender))).toEqual(new Set(['female', 'male', '']));
    expect(new Set(shop.customers.map((c) => c.loyalty_tier)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('demo shop behaviour: campaigns and feedback', () => {
  test('opens and clicks come from exposed customers, after the exposure, with the same variant', () => {
    const exposures = new Map(
      shop.events.filter((e) => e.event_type === 'exposure').map((e) => [`${e.campaign_id}|${e.customer_id}`, e]),
    );
    const responses = shop.events.filter((e) => e.event_type === 'open' || e.event_type === 'click');
    expect(exposures.size).toBeGreaterThan(300);
    expect(responses.length).toBeGreaterThan(20);
    const bad = responses.filter((r) => {
      const x = exposures.get(`${r.campaign_id}|${r.customer_id}`);
      return !x || x.variant !== r.variant || x.timestamp > r.timestamp;
    });
    expect(bad).toEqual([]);
    const variants = groupBy([...exposures.values()], (e) => e.campaign_id);
    for (const list of variants.values()) expect(new Set(list.map((e) => e.variant)).size).toBeGreaterThanOrEqual(2);
    const sms = shop.truth.campaigns.filter((c) => c.channel === 'sms').map((c) => String(c.id));
    expect(responses.filter((r) => r.event_type === 'open' && sms.includes(r.campaign_id))).toEqual([]);
  });
});
