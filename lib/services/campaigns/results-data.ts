import 'server-only';
import { db } from '@/lib/db/client';
import { feedbackScores, outcomePage, waveCounts, type CampaignRow } from '@/lib/db/campaigns';
import { aggregateArms, type GroupTotals, type OutcomeRow } from '@/lib/engine/campaign';
import type { CampaignSettings } from '@/lib/schemas/campaign';
import { armsOf } from './shared';

export type LoadedOutcome = OutcomeRow & {
  customerId: number;
  gender: string | null;
  region: string | null;
  rfmGroup: string | null;
  lifecycle: string | null;
};

/** Every attributed outcome of the campaign with the arm index (analysis order) and the customer's attributes. */
export async function loadOutcomes(row: CampaignRow): Promise<LoadedOutcome[]> {
  const index = new Map(armsOf(row).map((a, i) => [a.variantId, i]));
  const out: LoadedOutcome[] = [];
  for (let after = 0; ; ) {
    const page = await outcomePage(db, row.id, after, 5000);
    if (!page.length) break;
    after = page.at(-1)!.customerId;
    for (const o of page) {
      const arm = index.get(o.variantId);
      if (arm === undefined) continue;
      out.push({
        arm,
        customerId: o.customerId,
        exposed: o.exposures > 0,
        opened: o.opened,
        clicked: o.clicked,
        converted: o.converted,
        revenue: o.revenue,
        orders: o.orders,
        preMetric: o.preMetric,
        startAt: o.startAt,
        convertedAt: o.convertedAt,
        gender: o.gender,
        region: o.region,
        rfmGroup: o.rfmGroup,
        lifecycle: o.lifecycle,
      });
    }
  }
  return out;
}

const MAX_GROUPS = 6;

/**
 * Customer groups for the heterogeneous-effects breakdown: recent buyers (spend in the 90 days before), gender, the
 * largest regions, and the portrait's RFM group and lifecycle stage when most customers have one.
 */
export function groupOutcomes(rows: readonly LoadedOutcome[], armCount: number): GroupTotals[] {
  const dims: { dimension: string; value: (r: LoadedOutcome) => string | null; top?: number }[] = [
    { dimension: 'recentBuyer', value: (r) => ((r.preMetric ?? 0) > 0 ? 'yes' : 'no') },
    { dimension: 'gender', value: (r) => r.gender ?? 'unknown' },
    { dimension: 'region', value: (r) => r.region, top: MAX_GROUPS },
    { dimension: 'rfmGroup', value: (r) => r.rfmGroup, top: MAX_GROUPS + 2 },
    { dimension: 'lifecycle', value: (r) => r.lifecycle },
  ];
  const out: GroupTotals[] = [];
  for (const d of dims) {
    const counts = new Map<string, number>();
    let known = 0;
    for (const r of rows) {
      const v = d.value(r);
      if (v === null) continue;
      known += 1;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (known < rows.length / 2 || counts.size < 2) continue;
    const keep = new Set(
      [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, d.top ?? counts.size)
        .map((e) => e[0]),
    );
    const buckets = new Map<string, LoadedOutcome[]>();
    for (const r of rows) {
      const v = d.value(r);
      if (v === null) continue;
      const key = keep.has(v) ? v : 'other';
      const list = buckets.get(key);
      if (list) list.push(r);
      else buckets.set(key, [r]);
    }
    for (const [value, list] of [...buckets.entries()].sort((a, b) => b[1].length - a[1].length))
      out.push({ dimension: d.dimension, value, totals: aggregateArms(list, armCount) });
  }
  return out;
}

/**
 * Expected share of each arm given how the waves were actually allocated (adaptive allocation changes the shares
 * from wave to wave); the planned split for a fixed allocation.
 */
export async function expectedSharesOf(
  row: CampaignRow,
  settings: CampaignSettings,
  planned: number[],
): Promise<number[]> {
  if (row.allocation !== 'thompson' || settings.allocationHistory.length === 0) return planned;
  const arms = armsOf(row);
  const perWave = new Map<number, number>();
  for (const w of await waveCounts(db, row.id)) perWave.set(w.wave, (perWave.get(w.wave) ?? 0) + w.n);
  const total = [...perWave.values()].reduce((a, b) => a + b, 0);
  if (!total) return planned;
  const expected = arms.map(() => 0);
  for (const h of settings.allocationHistory) {
    const n = perWave.get(h.wave) ?? 0;
    arms.forEach((a, i) => {
      expected[i]! += n * (a.isHoldout ? row.holdoutShare : (1 - row.holdoutShare) * (h.shares[a.key] ?? 0));
    });
  }
  return expected.map((e) => e / total);
}

/** Feedback scores per arm, in analysis order (the holdout gets none: it received nothing to rate). */
export async function satisfactionScores(row: CampaignRow): Promise<number[][]> {
  const index = new Map(armsOf(row).map((a, i) => [a.variantId, i]));
  const out = armsOf(row).map(() => [] as number[]);
  for (const f of await feedbackScores(db, { campaignId: row.id, isSimulated: row.isSimulated })) {
    const i = f.variantId === null ? undefined : index.get(f.variantId);
    if (i !== undefined) out[i]!.push(f.value);
  }
  return out;
}
