import 'server-only';
import { latestDataTime, shopCounts } from '@/lib/db/analytics/overview';
import { FUTURE_TOLERANCE_MS } from '@/lib/import/dates';
import { boundedOrderTotals, boundedVariantTotals, dataStamp } from '@/lib/db/analytics/private';
import { newCustomerCount } from '@/lib/db/analytics/range';
import { db } from '@/lib/db/client';
import { getBudget } from '@/lib/db/privacy';
import { AppError } from '@/lib/errors';
import type { PrivacySettings } from '@/lib/schemas/privacy';
import { budgetMeter, budgetPeriod, toMilli } from '@/lib/stats/privacy/budget';
import { authorize, type Actor } from '../auth/actor';
import { resolveRange } from '../dashboard-range';
import { parseCampaignId } from '../campaigns/shared';
import { listSegments } from '../segments';
import { getShopSettings } from '../settings';
import { type ReleaseRequest, cachedRelease, releasePrivately } from './release';
import { getPrivacySettings } from './settings';

export { seesNoisyAggregates } from './settings';

/** Budget used / remaining and releases this period. */
export async function getBudgetMeter(settings: PrivacySettings, now = new Date()) {
  const period = budgetPeriod(now);
  const row = await getBudget(db, period);
  return budgetMeter(
    row ?? { period, limitMilli: toMilli(settings.monthlyBudget), spentMilli: 0, releases: 0 },
    settings.epsilonPerReport,
  );
}

async function dashboardRequest(input: { range?: string; from?: string; to?: string }, settings: PrivacySettings) {
  const latest = await latestDataTime(db, Date.now() + FUTURE_TOLERANCE_MS);
  if (latest === null) return null;
  const { timezone } = await getShopSettings();
  const { range } = resolveRange(input, Math.min(latest, Date.now()), timezone);
  const clip = settings.revenueClip;
  const request: ReleaseRequest = {
    kind: 'dashboard',
    query: { report: 'dashboard KPIs', from: range.fromDay, to: range.toDay, timezone, revenueClip: clip },
    dataStamp: await dataStamp(db),
    compute: async () => {
      const [counts, totals, fresh] = await Promise.all([
        shopCounts(db),
        boundedOrderTotals(db, range, clip),
        newCustomerCount(db, range),
      ]);
      return [
        { key: 'customers', value: counts.customers, sensitivity: 1 },
        { key: 'buyers', value: totals.buyers, sensitivity: 1 },
        { key: 'revenue', value: totals.revenue, sensitivity: clip },
        { key: 'newCustomers', value: fresh, sensitivity: 1 },
      ];
    },
  };
  return { range, timezone, request };
}

/**
 * The manager's private dashboard KPIs for a period: the cached release if there is one (no cost) or null, with the
 * meter; null when the shop has no data yet.
 */
export async function getPrivateDashboard(actor: Actor | null, input: { range?: string; from?: string; to?: string }) {
  authorize(actor, 'dashboard:view');
  const settings = await getPrivacySettings();
  const prepared = await dashboardRequest(input, settings);
  if (!prepared) return null;
  const { range, timezone, request } = prepared;
  const [release, meter] = await Promise.all([cachedRelease(request, settings), getBudgetMeter(settings)]);
  return { range, timezone, release, meter, settings };
}

/** Releases the dashboard KPIs for the period (spends ε unless cached). */
export async function releaseDashboard(actor: Actor | null, input: { range?: string; from?: string; to?: string }) {
  const user = authorize(actor, 'dashboard:view');
  const settings = await requireEnabled();
  const prepared = await dashboardRequest(input, settings);
  if (!prepared) throw new AppError('INSUFFICIENT_DATA', 'privacy.errors.nothingToRelease');
  return releasePrivately(user, settings, prepared.request);
}

type SizedSegment = {
  id: number;
  name: string;
  updatedAt: Date;
  count: { total: number; reachable: { email: number; sms: number; push: number } } | null;
};

async function segmentSizesRequest(rows: SizedSegment[]): Promise<ReleaseRequest> {
  const counted = rows.filter((r) => r.count);
  return {
    kind: 'segment-sizes',
    query: {
      report: 'segment sizes and reach',
      segments: counted.map((r) => ({ id: r.id, name: r.name, version: r.updatedAt.getTime() })),
    },
    dataStamp: await dataStamp(db),
    compute: async () =>
      counted.flatMap((r) => [
        { key: `${r.id}:size`, value: r.count!.total, sensitivity: 1 },
        { key: `${r.id}:email`, value: r.count!.reachable.email, sensitivity: 1 },
        { key: `${r.id}:sms`, value: r.count!.reachable.sms, sensitivity: 1 },
        { key: `${r.id}:push`, value: r.count!.reachable.push, sensitivity: 1 },
      ]),
  };
}

/** Segment sizes as released for a manager (cached: no cost), or null until released. */
export async function getPrivateSegmentSizes(rows: SizedSegment[]) {
  const settings = await getPrivacySettings();
  const [release, meter] = await Promise.all([
    cachedRelease(await segmentSizesRequest(rows), settings),
    getBudgetMeter(settings),
  ]);
  return { release, meter, settings };
}

export async function releaseSegmentSizes(actor: Actor | null) {
  const user = authorize(actor, 'segments:view');
  const settings = await requireEnabled();
  const { rows } = await listSegments(user);
  return releasePrivately(user, settings, await segmentSizesRequest(rows));
}

/**
 * A campaign's results table for sharing: per variant, assigned and converted customers and revenue clipped per
 * customer, with noise; the report's ε is split over every cell.
 */
export async function sharedResultsCsv(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'campaigns:view');
  const campaignId = parseCampaignId(id);
  const settings = await requireEnabled();
  const clip = settings.revenueClip;
  const variants = await boundedVariantTotals(db, campaignId, clip);
  if (variants.length === 0) throw new AppError('NOT_FOUND', 'campaigns.errors.notFound');
  const release = await releasePrivately(user, settings, {
    kind: 'campaign-results',
    query: { report: 'campaign results for sharing', campaignId, revenueClip: clip },
    dataStamp: await dataStamp(db),
    compute: async () =>
      variants.flatMap((v) => [
        { key: `${v.key}:assigned`, value: v.assigned, sensitivity: 1 },
        { key: `${v.key}:converted`, value: v.converted, sensitivity: 1 },
        { key: `${v.key}:revenue`, value: v.revenue, sensitivity: clip },
      ]),
  });
  const byKey = new Map(release.values.map((v) => [v.key, v]));
  const cell = (key: string) => {
    const v = byKey.get(key);
    return !v ? '' : v.isSuppressed ? '< 10' : v.value;
  };
  const header = ['variant', 'customers assigned', 'customers converted', `revenue (clipped at ${clip} per customer)`];
  const rows = variants.map((v) => [
    v.name,
    cell(`${v.key}:assigned`),
    cell(`${v.key}:converted`),
    cell(`${v.key}:revenue`),
  ]);
  const first = release.values[0];
  rows.push([
    `differentially private: ε = ${release.epsilon} (${first?.epsilon} per cell), sensitivity 1 per count and ${clip} per revenue, release #${release.id}`,
    '',
    '',
    '',
  ]);
  return { fileName: `campaign-${campaignId}-results-private.csv`, header, rows };
}

async function requireEnabled() {
  const settings = await getPrivacySettings();
  if (!settings.enabled) throw new AppError('CONFLICT', 'privacy.errors.off');
  return settings;
}
