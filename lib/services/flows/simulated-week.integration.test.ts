import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { enrollmentsOf } from '@/lib/db/flows';
import { HOUR_MS, quietUntil } from '@/lib/engine/flows';
import { startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import type { UserActor } from '../auth/actor';
import { saveSmtpSettings } from '../email/smtp';
import { createTemplateFlows, listFlows, setFlowEnabled } from './flows';
import { runFlows } from './run';

// A simulated week: every ready-made flow enabled, scripted customers whose path is known in advance, and a seeded
// crowd of random shoppers (late and repeated events included) whose paths must obey the rules. The flow clock moves
// an hour at a time; e-mails go through the campaign send path to a real SMTP server (smtp-server + mailparser).
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let marketer: UserActor;
const QUIET = { start: 21, end: 8 };
const ZONE = 'Asia/Shanghai'; // the default shop zone: quiet hours are 13:00–24:00 UTC
let T0 = 0; // 01:00 UTC (09:00 in Shanghai) of the day after tomorrow
const at = (h: number) => new Date(T0 + h * HOUR_MS);
const ids = new Map<string, number>();
let category = 0;
let otherCampaign = 0;

async function user(role: 'admin' | 'marketer'): Promise<UserActor> {
  const u = await db.user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: 'x', role } });
  return { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
}
async function customer(key: string, over: { consentEmail?: boolean; signupAt?: Date } = {}) {
  const c = await db.customer.create({
    data: {
      externalId: key,
      name: `${key} Lee`,
      email: `${key.toLowerCase()}@example.com`,
      consentEmail: true,
      ...over,
    },
  });
  ids.set(key, c.id);
  return c.id;
}
let seq = 0;
const event = (key: string, type: string, ts: Date, extra: { categoryId?: number } = {}) =>
  db.event.create({
    data: { dedupKey: `e${seq++}`, customerId: ids.get(key)!, type, ts, source: 'api', ...extra },
  });

/** A seeded generator (mulberry32), so the crowd is the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Events that arrive at hour `arrive` (with their own time `ts`, earlier when late). */
const arrivals = new Map<number, (() => Promise<unknown>)[]>();
const arrive = (hour: number, fn: () => Promise<unknown>) => arrivals.set(hour, [...(arrivals.get(hour) ?? []), fn]);

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  const admin = await user('admin');
  marketer = await user('marketer');
  await saveSmtpSettings(admin, {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    from: 'Shop <news@shop.example>',
    ratePerMinute: 60_000,
    publicUrl: 'https://precisa.example',
    shopName: 'Scarf Shop',
    shopUrl: 'https://shop.example',
  });
  const day = 86_400_000;
  T0 = (Math.floor(Date.now() / day) + 2) * day + HOUR_MS;
  category = (await db.category.create({ data: { path: 'Scarves', name: 'Scarves' } })).id;
  const other = await db.category.create({ data: { path: 'Hats', name: 'Hats' } });
  // customers known before the flows are enabled
  for (const k of ['CART', 'BUY', 'NIGHT', 'TWICE', 'LATE', 'STALE', 'NOCONSENT', 'SUPP', 'CAP', 'BROWSE', 'SEEN'])
    await customer(k, { consentEmail: k !== 'NOCONSENT' });
  for (const k of ['RISK', 'RISKBACK', 'RISKBUY']) {
    await customer(k);
    await db.customerProfile.create({ data: { customerId: ids.get(k)!, lifecycle: 'at-risk' } });
  }
  await db.emailSuppression.create({ data: { email: 'supp@example.com', reason: 'unsubscribed' } });
  // SEEN viewed the category long ago: a later view is not a first view
  await event('SEEN', 'view', new Date(T0 - 30 * day), { categoryId: category });
  // CAP already had three e-mails from a campaign this week
  otherCampaign = (
    await db.campaign.create({
      data: { name: 'Newsletter', channel: 'email', goal: 'click', salt: 's', createdById: marketer.userId },
    })
  ).id;
  const variant = await db.campaignVariant.create({
    data: { campaignId: otherCampaign, key: 'a', name: 'A', weight: 1 },
  });
  for (let s = 0; s < 3; s++)
    await db.emailSend.create({
      data: {
        campaignId: otherCampaign,
        variantId: variant.id,
        customerId: ids.get('CAP')!,
        step: s,
        status: 'sent',
        sentAt: new Date(T0 - (s + 1) * HOUR_MS),
      },
    });

  await createTemplateFlows(marketer, 'en');
  for (const f of await listFlows(marketer)) await setFlowEnabled(marketer, { id: f.id, enabled: true });

  // scripted stories (hours after T0)
  arrive(1, () => event('CART', 'cart', at(1)));
  arrive(1, () => event('BUY', 'cart', at(1)));
  arrive(3, () => event('BUY', 'purchase', at(3)));
  arrive(10, () => event('NIGHT', 'cart', at(10))); // 18:00 in Shanghai; the reminder falls in quiet hours
  arrive(1, () => event('TWICE', 'cart', at(1)));
  arrive(3, () => event('TWICE', 'cart', at(3)));
  arrive(30, () => event('LATE', 'cart', at(24))); // arrives six hours late
  arrive(80, () => event('STALE', 'cart', at(24))); // arrives 56 hours late: too old
  arrive(2, () => event('NOCONSENT', 'cart', at(2)));
  arrive(2, () => event('SUPP', 'cart', at(2)));
  arrive(2, () => event('CAP', 'cart', at(1)));
  arrive(2, () => event('BROWSE', 'view', at(2), { categoryId: category }));
  arrive(5, () => event('BROWSE', 'view', at(5), { categoryId: category }));
  arrive(2, () => event('SEEN', 'view', at(2), { categoryId: category }));
  arrive(5, () => customer('NEWBIE', { signupAt: at(5) }));
  arrive(72, () =>
    db.customerProfile.update({ where: { customerId: ids.get('RISKBACK')! }, data: { lifecycle: 'active' } }),
  );
  arrive(50, () => event('RISKBUY', 'purchase', at(50)));
  // the crowd
  const r = rng(11);
  for (let i = 0; i < 40; i++) {
    const key = `P${i}`;
    arrive(0, () => customer(key, { signupAt: at(0) }));
    for (let n = 0; n < 4; n++) {
      const h = 1 + Math.floor(r() * 160);
      const type = r() < 0.5 ? 'cart' : r() < 0.6 ? 'view' : 'purchase';
      // carts and views may arrive late; purchases arrive on time (the exit rule can only see what has arrived)
      const late = type !== 'purchase' && r() < 0.2 ? Math.floor(r() * 12) : 0;
      const cat = r() < 0.5 ? category : other.id;
      arrive(h + late, () => event(key, type, at(h), type === 'view' ? { categoryId: cat } : {}));
      if (r() < 0.1) arrive(h + late + 1, () => event(key, type, at(h))); // the same event again under another id
    }
  }
}, 300_000);

afterAll(async () => {
  await smtp.close();
});

const HOURS = 7 * 24 + 12;

describe('a simulated week through the five ready-made flows', () => {
  test('runs hour by hour (every run twice at a few hours: a repeated run sends nothing twice)', async () => {
    for (let h = 0; h <= HOURS; h++) {
      for (const fn of arrivals.get(h) ?? []) await fn();
      await runFlows({ now: at(h), retryDelayMs: 5 });
      if (h % 25 === 0) await runFlows({ now: at(h), retryDelayMs: 5 });
    }
  }, 600_000);

  test('every scripted customer took the expected path', async () => {
    const flows = new Map((await listFlows(marketer)).map((f) => [f.template!, f]));
    const paths = async (template: string, key: string) =>
      (await enrollmentsOf(db, flows.get(template)!.id))
        .filter((e) => e.customerId === ids.get(key))
        .map((e) => ({
          state: e.state,
          exit: e.exitReason,
          runs: e.runs.map((r) => [r.stepIndex, e.arm === 'holdout' ? 'holdout' : r.outcome, r.at.getTime()]),
        }));
    const sent = (h: number, step = 1) => [[step, 'sent', T0 + h * HOUR_MS]];
    const armed = async (template: string, key: string, runs: unknown[]) => {
      const e = (await enrollmentsOf(db, flows.get(template)!.id)).find((x) => x.customerId === ids.get(key))!;
      return e.arm === 'holdout' ? (runs as [number, string, number][]).map(([s, , t]) => [s, 'holdout', t]) : runs;
    };
    expect(await paths('abandoned_cart', 'CART')).toEqual([
      { state: 'done', exit: null, runs: await armed('abandoned_cart', 'CART', sent(5)) },
    ]);
    expect(await paths('abandoned_cart', 'BUY')).toEqual([{ state: 'exited', exit: 'purchased', runs: [] }]);
    // 14:00 UTC is 22:00 in Shanghai: the reminder waits for 08:00 there (24:00 UTC)
    expect(quietUntil(at(14).getTime(), QUIET, ZONE)).toBe(at(23).getTime());
    expect(await paths('abandoned_cart', 'NIGHT')).toEqual([
      { state: 'done', exit: null, runs: await armed('abandoned_cart', 'NIGHT', sent(23)) },
    ]);
    expect(await paths('abandoned_cart', 'TWICE')).toEqual([
      { state: 'done', exit: null, runs: await armed('abandoned_cart', 'TWICE', sent(5)) },
    ]);
    expect(await paths('abandoned_cart', 'LATE')).toEqual([
      { state: 'done', exit: null, runs: await armed('abandoned_cart', 'LATE', sent(30)) },
    ]);
    expect(await paths('abandoned_cart', 'STALE')).toEqual([]);
    expect(await paths('abandoned_cart', 'NOCONSENT')).toEqual([
      {
        state: 'done',
        exit: null,
        runs: await armed('abandoned_cart', 'NOCONSENT', [[1, 'suppressed', at(6).getTime()]]),
      },
    ]);
    expect(await paths('abandoned_cart', 'SUPP')).toEqual([
      { state: 'done', exit: null, runs: await armed('abandoned_cart', 'SUPP', [[1, 'suppressed', at(6).getTime()]]) },
    ]);
    expect(await paths('abandoned_cart', 'CAP')).toEqual([
      { state: 'done', exit: null, runs: await armed('abandoned_cart', 'CAP', [[1, 'capped', at(5).getTime()]]) },
    ]);
    expect(await paths('browse_abandonment', 'BROWSE')).toEqual([
      { state: 'done', exit: null, runs: await armed('browse_abandonment', 'BROWSE', sent(26)) },
    ]);
    expect(await paths('browse_abandonment', 'SEEN')).toEqual([]);
    expect(await paths('post_purchase', 'BUY')).toEqual([
      { state: 'done', exit: null, runs: await armed('post_purchase', 'BUY', sent(75)) },
    ]);
    expect(await paths('welcome', 'NEWBIE')).toEqual([
      {
        state: 'done',
        exit: null,
        runs: await armed('welcome', 'NEWBIE', [
          [0, 'sent', at(5).getTime()],
          [2, 'sent', at(77).getTime()],
        ]),
      },
    ]);
    // win-back: entered at the first run (01:00 UTC), second e-mail a week later while still at risk
    expect(await paths('win_back', 'RISK')).toEqual([
      {
        state: 'done',
        exit: null,
        runs: await armed('win_back', 'RISK', [
          [0, 'sent', at(0).getTime()],
          [3, 'sent', at(168).getTime()],
        ]),
      },
    ]);
    expect(await paths('win_back', 'RISKBACK')).toMatchObject([{ state: 'exited', exit: 'condition' }]);
    expect(await paths('win_back', 'RISKBUY')).toMatchObject([{ state: 'exited', exit: 'purchased' }]);
    // welcome series only for customers who arrived after enabling
    expect((await enrollmentsOf(db, flows.get('welcome')!.id)).map((e) => e.customerId)).toEqual(
      [...ids]
        .filter(([k]) => k === 'NEWBIE' || k.startsWith('P'))
        .map(([, id]) => id)
        .sort((a, b) => a - b),
    );
  });

  test('the crowd obeys the rules: windows, quiet hours, purchases, holdout, cap, one e-mail per send', async () => {
    const flows = await listFlows(marketer);
    const sentRuns: { id: number; campaignId: number; customerId: number }[] = [];
    let holdouts = 0;
    for (const f of flows) {
      const def = f.definition!;
      const passes = await enrollmentsOf(db, f.id);
      const byCustomer = new Map<number, number[]>();
      for (const e of passes)
        byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e.enteredAt.getTime()]);
      for (const times of byCustomer.values())
        for (let i = 1; i < times.length; i++)
          expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(def.reentryDays * 86_400_000);
      for (const e of passes) {
        for (const r of e.runs) {
          if (e.arm === 'holdout') expect(r.outcome).toBe('holdout');
          if (r.outcome !== 'sent') continue;
          sentRuns.push({ id: r.id, campaignId: f.campaignId, customerId: e.customerId });
          expect(quietUntil(r.at.getTime(), QUIET, ZONE)).toBeNull();
          if (def.exitOnPurchase) {
            const bought = await db.event.count({
              where: { customerId: e.customerId, type: 'purchase', ts: { gt: e.enteredAt, lt: r.at } },
            });
            expect(bought).toBe(0);
          }
        }
      }
      holdouts += passes.filter((p) => p.arm === 'holdout').length;
    }
    expect(holdouts).toBeGreaterThan(0);
    // every sent run is exactly one message at the SMTP server, with the run's id in the message id
    const ours = smtp.messages.filter((m) => m.messageId?.includes('@precisa'));
    expect(ours).toHaveLength(sentRuns.length);
    const mids = new Set(ours.map((m) => m.messageId));
    for (const r of sentRuns) expect(mids.has(`<c${r.campaignId}.k${r.customerId}.s${r.id}@precisa>`)).toBe(true);
    for (const bad of ['noconsent@example.com', 'supp@example.com', 'stale@example.com', 'seen@example.com'])
      expect(smtp.to(bad)).toHaveLength(0);
    // the cap: no customer got more than three e-mails in any seven days
    const sends = await db.emailSend.findMany({
      where: { status: 'sent' },
      select: { customerId: true, sentAt: true },
    });
    const per = new Map<number, number[]>();
    for (const s of sends) per.set(s.customerId, [...(per.get(s.customerId) ?? []), s.sentAt!.getTime()]);
    for (const times of per.values()) {
      times.sort((a, b) => a - b);
      for (let i = 3; i < times.length; i++) expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(7 * 86_400_000);
    }
    const reminder = smtp.messages.find((m) => m.subject?.endsWith(', your cart is waiting'));
    expect(reminder?.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(reminder?.text).toContain('You left something in your cart.');
  });
});
